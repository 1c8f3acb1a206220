import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, paginate } from '../read-side/read-params';
import type { DocumentView } from '../read-side/document-view';
import type { CertificationDoc } from '../../projections/certifications';
import type { FindingDoc } from '../../projections/findings';
import { obligationsOf, type Obligation } from '../../projections/obligations';
import type { IncidentDoc } from '../../projections/incidents';
import { certificationOn, findingOn, incidentOn } from '../../projections/business-time';
import { reviewDueOn } from '../../projections/freshness';
import { noticeDuties } from '../../projections/sovereignty/notices';
import { SOVEREIGNTY_KEY, type SovereigntyDoc } from '../../projections/sovereignty/projection';
import { FrameworkCatalog } from '../controls/framework-catalog';
import { RequirementsAt } from '../read-side/requirements-at';
import { twoTimes, type ValidAt } from '../shared/valid-at';
import { IsCalendarDate } from '../shared/validators';
import { invalid } from '../shared/errors';

export class ListObligationsParams extends ListParams {
  @IsOptional()
  @IsIn(['pending', 'met', 'missed', 'overdue', 'waived'])
  status?: ListedObligation['status'];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificationId?: string;

  /** The due window, inclusive, by day: obligations falling due from this day… */
  @IsOptional()
  @IsCalendarDate()
  dueFrom?: string;

  /** …up to this day. */
  @IsOptional()
  @IsCalendarDate()
  dueTo?: string;
}

/** Obligations of every area, with 19.6.f notices, which may also be waived. */
type ListedObligation = Omit<Obligation, 'status'> & { status: Obligation['status'] | 'waived' };

export class ListObligations {
  constructor(readonly params: ListObligationsParams) {}
}

const existing = <T>(item: T | null): item is T => item !== null;

/**
 * Reviews falling due and evidence expiring, per requirement: what the latest
 * check (on the business date) rests on. A review is due one interval after
 * the check; a file relied on expires after its validUntil.
 */
export function requirementDuties(view: DocumentView, catalog: FrameworkCatalog, certifications: readonly CertificationDoc[], at: ValidAt): Obligation[] {
  return certifications.flatMap((certification) => {
    const requirementsAt = new RequirementsAt(view, certification, at);
    const settle = (dueAt: string) => (dueAt < at.day ? 'overdue' : 'pending') as Obligation['status'];
    return requirementsAt.rows(catalog.requirements(certification.framework)).flatMap((row) => {
      if (row.freshness === null || row.freshness === undefined || row.latestCheck === null) return [];
      const base = { certificationId: certification.id, metAt: null };
      const review = reviewDueOn(row.latestCheck, requirementsAt.intervalOf(row));
      const expiring = row.latestCheck.evidence
        .map((sha256) => ({ sha256, validUntil: requirementsAt.validUntilOf(sha256) }))
        .filter((e): e is { sha256: string; validUntil: string } => e.validUntil !== null)
        .map((e) => ({ ...base, obligation: 'evidence_expiry', subject: `${row.ref}:${e.sha256}`, dueAt: e.validUntil, status: settle(e.validUntil) }));
      return [{ ...base, obligation: 'requirement_review', subject: row.ref, dueAt: review, status: settle(review) }, ...expiring];
    });
  });
}

/** Every obligation the read models know of, on the business date `at`. */
export function obligationsIn(view: DocumentView, catalog: FrameworkCatalog, at: ValidAt): Obligation[] {
  const all = <T>(projection: string) => view.list<T>(projection).map((d) => d.doc);
  const certifications = all<CertificationDoc>('certifications').map((c) => certificationOn(c, at)).filter(existing);
  const sources = {
    certifications,
    findings: all<FindingDoc>('findings').map((f) => findingOn(f, at)).filter(existing),
    incidents: all<IncidentDoc>('incidents').map((i) => incidentOn(i, at)).filter(existing),
  };
  return [...obligationsOf(sources, new Date(at.instant)), ...requirementDuties(view, catalog, certifications, at)].sort(
    (a, b) => a.dueAt.localeCompare(b.dueAt) || a.obligation.localeCompare(b.obligation) || a.subject.localeCompare(b.subject),
  );
}

const keyOf = (o: ListedObligation) => `${o.dueAt}|${o.obligation}|${o.subject}`;

@QueryHandler(ListObligations)
export class ListObligationsHandler implements IQueryHandler<ListObligations> {
  constructor(private readonly views: ReadViews, private readonly catalog: FrameworkCatalog) {}
  async execute({ params }: ListObligations) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const { status, certificationId, dueFrom, dueTo } = params;
    if (dueFrom !== undefined && dueTo !== undefined && dueTo < dueFrom) throw invalid('dueTo', 'must not be before dueFrom');
    // 19.6.f notices fall due on the business date asked about, as every other obligation.
    const notices = view.get<SovereigntyDoc>('sovereignty', SOVEREIGNTY_KEY)?.notices ?? [];
    const obligations = [...obligationsIn(view, this.catalog, validAt), ...noticeDuties(notices, new Date(validAt.instant))]
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.obligation.localeCompare(b.obligation) || a.subject.localeCompare(b.subject))
      .filter((o) => status === undefined || o.status === status)
      .filter((o) => certificationId === undefined || o.certificationId === certificationId)
      .filter((o) => (dueFrom === undefined || o.dueAt.slice(0, 10) >= dueFrom) && (dueTo === undefined || o.dueAt.slice(0, 10) <= dueTo))
      .map((o) => ({ key: keyOf(o), ...o }));
    return { ...paginate(obligations, (o) => o.key, params), ...twoTimes(asOf, validAt) };
  }
}
