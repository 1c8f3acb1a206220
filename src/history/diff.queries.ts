import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsLogPoint } from '../shared/points-in-time';
import { IsValidAt } from '../shared/valid-at';
import { FrameworkCatalog } from '../controls/framework-catalog';
import type { DocumentView } from '../read-side/document-view';
import { ReadViews, type ResolvedView } from '../read-side/read-views';
import { invalid, notFound } from '../shared/errors';
import type { CertificationDoc } from '../../projections/certifications';
import type { FindingDoc } from '../../projections/findings';
import type { IncidentDoc } from '../../projections/incidents';
import type { RequirementHistoryEntry } from '../../projections/requirement-history';
import { certificationOn, findingOn } from '../../projections/business-time';
import { diffFindings, diffRequirements } from '../../projections/diff';
import { RequirementsAt } from '../read-side/requirements-at';

export class DiffParams {
  @IsString()
  @Length(1, 200)
  certificationId!: string;

  /** A recording point (position or instant) to compare from; the head when only business dates are compared. */
  @IsOptional()
  @IsLogPoint()
  from?: string;

  /** A position or an instant; now when omitted. */
  @IsOptional()
  @IsLogPoint()
  to?: string;

  /** A business date to compare from (the state on that date); `from`'s moment when omitted. */
  @IsOptional()
  @IsValidAt()
  validFrom?: string;

  /** A business date to compare to; `to`'s moment when omitted. */
  @IsOptional()
  @IsValidAt()
  validTo?: string;
}

export class GetDiff {
  constructor(readonly params: DiffParams) {}
}

/** A date set right, as the diff lists it: which fact, which field, from what to what, why and by whom. */
interface Correction {
  subject: string;
  field: string;
  from: string;
  to: string;
  reason: string;
  position: string;
  recordedAt: string;
  actor: string;
}

@QueryHandler(GetDiff)
export class GetDiffHandler implements IQueryHandler<GetDiff> {
  constructor(private readonly views: ReadViews, private readonly catalog: FrameworkCatalog) {}

  /** What changed for one certification between two points, in recording time, business time or both. */
  async execute({ params }: GetDiff) {
    if (params.from === undefined && params.validFrom === undefined) {
      throw invalid('from', 'give from (a recording point), validFrom (a business date), or both');
    }
    const before = await this.views.resolve({ asOf: params.from, validAt: params.validFrom ?? params.validTo }, 'from');
    const after = await this.views.resolve({ asOf: params.to, validAt: params.validTo }, 'to');
    const id = params.certificationId;
    const recorded = after.view.get<CertificationDoc>('certifications', id);
    if (!recorded) throw notFound(`certification ${id} not found`);
    const rows = (side: ResolvedView) => {
      const doc = side.view.get<CertificationDoc>('certifications', id);
      const then = doc && certificationOn(doc, side.validAt);
      return then ? new RequirementsAt(side.view, then, side.validAt).rows(this.catalog.requirements(then.framework)) : [];
    };
    const findings = (side: ResolvedView) =>
      side.view.list<FindingDoc>('findings', { where: { certificationId: id } }).map((d) => findingOn(d.doc, side.validAt)).filter((f) => f !== null);
    const recording = params.from !== undefined;
    const business = params.validFrom !== undefined || params.validTo !== undefined;
    const point = (side: ResolvedView) => ({
      position: side.asOf ?? side.view.position,
      at: side.now.toISOString(),
      validAt: side.validAt.echo,
      ...(side.validAt.inFuture ? { validAtInFuture: true } : {}),
    });
    return {
      certificationId: id,
      compared: recording && business ? 'both' : business ? 'business_time' : 'recording_time',
      from: point(before),
      to: point(after),
      requirements: diffRequirements(rows(before), rows(after)),
      findings: diffFindings(findings(before), findings(after)),
      corrections: correctionsBetween(after.view, id, before.asOf ?? before.view.position, after.asOf ?? after.view.position),
    };
  }
}

/** Corrections of this certification's checks, findings and incidents recorded after `from` and up to `to` (positions). */
function correctionsBetween(view: DocumentView, certificationId: string, from: string | null, to: string | null): Correction[] {
  const inRange = (position: string) => (from === null || BigInt(position) > BigInt(from)) && (to === null || BigInt(position) <= BigInt(to));
  const checks = view
    .list<RequirementHistoryEntry>('requirement-history', { keyPrefix: `${certificationId}:` })
    .flatMap(({ doc }) => (doc.correction ? [{ subject: `check ${doc.correction.checkId} of ${doc.ref}`, ...doc.correction, source: doc }] : []));
  const findings = view
    .list<FindingDoc>('findings', { where: { certificationId } })
    .flatMap(({ doc }) => (doc.corrections ?? []).map((c) => ({ subject: `finding ${doc.findingId}`, ...c, source: c.recorded })));
  const incidents = view
    .list<IncidentDoc>('incidents', { where: { certificationId } })
    .flatMap(({ doc }) => (doc.corrections ?? []).map((c) => ({ subject: `incident ${doc.incidentId}`, ...c, source: c.recorded })));
  return [...checks, ...findings, ...incidents]
    .filter((c) => inRange(c.source.position))
    .map(({ subject, field, from: was, to: now, reason, source }) => ({ subject, field, from: was, to: now, reason, position: source.position, recordedAt: source.recordedAt, actor: source.actor }))
    .sort((a, b) => Number(BigInt(a.position) - BigInt(b.position)));
}
