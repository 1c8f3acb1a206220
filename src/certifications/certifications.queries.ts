import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { FrameworkCatalog } from '../controls/framework-catalog';
import { ReadViews } from '../read-side/read-views';
import { ListParams, paginate, ReadParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';
import { validityOn, type CertificationDoc } from '../../projections/certifications';
import { readinessByChapter, type RequirementRow } from '../../projections/readiness';
import type { RequirementStatusDoc } from '../../projections/requirement-status';
import { historyPrefix, type RequirementHistoryEntry } from '../../projections/requirement-history';
import { certificationOn, type BusinessPoint } from '../../projections/business-time';
import { FRESHNESS, type Freshness } from '../../projections/freshness';
import { twoTimes } from '../shared/valid-at';
import { RequirementsAt } from '../read-side/requirements-at';
import type { DocumentView } from '../read-side/document-view';

export class ListCertificationsParams extends ListParams {
  @IsOptional()
  @IsIn(['applied', 'granted', 'suspended', 'withdrawn'])
  status?: CertificationDoc['status'];
}

export class ListRequirementsParams extends ListParams {
  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'chapter must be a chapter number such as 12' })
  chapter?: string;

  @IsOptional()
  @IsIn(['passed', 'failed', 'partial', 'not_applicable', 'not_assessed'])
  status?: RequirementStatusDoc['status'];

  /** Whether the latest result still holds on validAt: current, evidence_expired or review_due. */
  @IsOptional()
  @IsIn(FRESHNESS)
  freshness?: Freshness;

  /** By the statement of applicability: applicable, not applicable, or not stated yet (applicable by default). */
  @IsOptional()
  @IsIn(['true', 'false', 'unstated'])
  applicable?: 'true' | 'false' | 'unstated';
}

export class ListCertifications {
  constructor(readonly params: ListCertificationsParams) {}
}
export class GetCertification {
  constructor(readonly id: string, readonly params: ReadParams) {}
}
export class ListRequirements {
  constructor(readonly id: string, readonly params: ListRequirementsParams) {}
}
export class GetRequirement {
  constructor(readonly id: string, readonly ref: string, readonly params: ReadParams) {}
}

/** The certification as it stood on the business date; 404 when unknown, or not yet filed then. */
function certificationOf(view: DocumentView, id: string, at: BusinessPoint): CertificationDoc {
  const doc = view.get<CertificationDoc>('certifications', id);
  const then = doc && certificationOn(doc, at);
  if (!then) throw notFound(doc ? `certification ${id} was not yet filed on ${at.day}` : `certification ${id} not found`);
  return then;
}

@QueryHandler(ListCertifications)
export class ListCertificationsHandler implements IQueryHandler<ListCertifications> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListCertifications) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const docs = view
      .list<CertificationDoc>('certifications')
      .map(({ doc }) => certificationOn(doc, validAt))
      .filter((doc): doc is CertificationDoc => doc !== null && (params.status === undefined || doc.status === params.status))
      .map((doc) => ({ ...doc, ...validityOn(doc, validAt.day) }));
    return { ...paginate(docs, (doc) => doc.id, params), ...twoTimes(asOf, validAt) };
  }
}

@QueryHandler(GetCertification)
export class GetCertificationHandler implements IQueryHandler<GetCertification> {
  constructor(private readonly views: ReadViews, private readonly catalog: FrameworkCatalog) {}
  async execute({ id, params }: GetCertification) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const doc = certificationOf(view, id, validAt);
    const framework = this.catalog.get(doc.framework);
    const rows = new RequirementsAt(view, doc, validAt).rows(this.catalog.requirements(framework.id));
    return { ...doc, ...validityOn(doc, validAt.day), ...twoTimes(asOf, validAt), readiness: readinessByChapter(framework, rows) };
  }
}

/**
 * A list row counts the evidence ever cited instead of listing it: the list
 * stays the same size however many checks pile up, the latest check still
 * shows its own evidence, and GET .../requirements/:ref gives the whole set.
 */
const listed = ({ evidence, ...row }: RequirementRow) => ({ ...row, evidenceCount: evidence.length });

@QueryHandler(ListRequirements)
export class ListRequirementsHandler implements IQueryHandler<ListRequirements> {
  constructor(private readonly views: ReadViews, private readonly catalog: FrameworkCatalog) {}
  async execute({ id, params }: ListRequirements) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const certification = certificationOf(view, id, validAt);
    const requirementsAt = new RequirementsAt(view, certification, validAt);
    const inChapter = (row: { chapter: string }) => params.chapter === undefined || row.chapter === params.chapter;
    const requirements = this.catalog.requirements(certification.framework).filter(inChapter);
    if (params.status === undefined && params.freshness === undefined && params.applicable === undefined) {
      // The page is cut from the catalog, so only its requirements' documents are read and parsed.
      const page = paginate(requirements, (requirement) => requirement.ref, params);
      return { ...page, items: page.items.map((r) => listed(requirementsAt.one(r))), ...twoTimes(asOf, validAt) };
    }
    const rows = requirementsAt
      .rows(requirements)
      .filter((row) => (params.status === undefined || row.status === params.status) && (params.freshness === undefined || row.freshness === params.freshness))
      .filter((row) => params.applicable === undefined || String(row.applicable ?? 'unstated') === params.applicable);
    const page = paginate(rows, (row) => row.ref, params);
    return { ...page, items: page.items.map(listed), ...twoTimes(asOf, validAt) };
  }
}

@QueryHandler(GetRequirement)
export class GetRequirementHandler implements IQueryHandler<GetRequirement> {
  constructor(private readonly views: ReadViews, private readonly catalog: FrameworkCatalog) {}
  async execute({ id, ref, params }: GetRequirement) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const certification = certificationOf(view, id, validAt);
    const requirement = this.catalog.requirements(certification.framework).find((r) => r.ref === ref);
    if (!requirement) throw notFound(`${ref} is not a requirement of ${certification.framework}`);
    const row = new RequirementsAt(view, certification, validAt).one(requirement);
    const history = view.list<RequirementHistoryEntry>('requirement-history', { keyPrefix: historyPrefix(id, ref) }).map(({ doc }) => {
      const { certificationId: _certification, ref: _ref, check: _check, statement: _statement, correction, ...entry } = doc;
      return correction ? { ...entry, correction } : entry;
    });
    return { ...row, history, ...twoTimes(asOf, validAt) };
  }
}

export const CERTIFICATION_QUERY_HANDLERS = [ListCertificationsHandler, GetCertificationHandler, ListRequirementsHandler, GetRequirementHandler];
