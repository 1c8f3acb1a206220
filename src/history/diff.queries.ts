import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsLogPoint } from '../shared/points-in-time';
import { FrameworkCatalog } from '../controls/framework-catalog';
import type { DocumentView } from '../read-side/document-view';
import { ReadViews } from '../read-side/read-views';
import { notFound } from '../shared/errors';
import type { CertificationDoc } from '../../projections/certifications';
import { requirementRows } from '../../projections/readiness';
import type { RequirementStatusDoc } from '../../projections/requirement-status';
import { diffFindings, diffRequirements, type FindingLike } from '../../projections/diff';

export class DiffParams {
  @IsString()
  @Length(1, 200)
  certificationId!: string;

  /** A position or an instant. */
  @IsLogPoint()
  from!: string;

  /** A position or an instant; now when omitted. */
  @IsOptional()
  @IsLogPoint()
  to?: string;
}

export class GetDiff {
  constructor(readonly params: DiffParams) {}
}

@QueryHandler(GetDiff)
export class GetDiffHandler implements IQueryHandler<GetDiff> {
  constructor(private readonly views: ReadViews, private readonly catalog: FrameworkCatalog) {}

  /** What changed for one certification between two points: requirement statuses and findings. */
  async execute({ params }: GetDiff) {
    const before = await this.views.resolve({ asOf: params.from }, 'from');
    const after = await this.views.resolve({ asOf: params.to }, 'to');
    const certification = after.view.get<CertificationDoc>('certifications', params.certificationId);
    if (!certification) throw notFound(`certification ${params.certificationId} not found`);
    const framework = this.catalog.get(certification.framework);
    const rows = (view: DocumentView) =>
      requirementRows(framework, params.certificationId, view.list<RequirementStatusDoc>('requirement-status', { keyPrefix: `${params.certificationId}:` }).map((d) => d.doc));
    const findings = (view: DocumentView) => view.list<FindingLike>('findings', { where: { certificationId: params.certificationId } }).map((d) => d.doc);
    return {
      certificationId: params.certificationId,
      from: { position: before.asOf, at: before.now.toISOString() },
      to: { position: after.asOf ?? after.view.position, at: after.now.toISOString() },
      requirements: diffRequirements(rows(before.view), rows(after.view)),
      findings: diffFindings(findings(before.view), findings(after.view)),
    };
  }
}
