import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { FrameworkCatalog } from '../controls/framework-catalog';
import { ReadViews } from '../read-side/read-views';
import { ListParams, paginate, ReadParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';
import { validityOn, type CertificationDoc } from '../../projections/certifications';
import { readinessByChapter, requirementRow, requirementRows, type RequirementRow } from '../../projections/readiness';
import type { RequirementStatusDoc } from '../../projections/requirement-status';
import { historyPrefix, type RequirementHistoryEntry } from '../../projections/requirement-history';
import type { DocumentView } from '../read-side/document-view';
import { today } from '../shared/rules';

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


function certificationOf(view: DocumentView, id: string): CertificationDoc {
  const doc = view.get<CertificationDoc>('certifications', id);
  if (!doc) throw notFound(`certification ${id} not found`);
  return doc;
}

@QueryHandler(ListCertifications)
export class ListCertificationsHandler implements IQueryHandler<ListCertifications> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListCertifications) {
    const { view, now } = await this.views.resolve(params);
    const docs = view.list<CertificationDoc>('certifications', { where: { status: params.status } }).map(({ doc }) => ({ ...doc, ...validityOn(doc, today(now)) }));
    return paginate(docs, (doc) => doc.id, params);
  }
}

@QueryHandler(GetCertification)
export class GetCertificationHandler implements IQueryHandler<GetCertification> {
  constructor(private readonly views: ReadViews, private readonly catalog: FrameworkCatalog) {}
  async execute({ id, params }: GetCertification) {
    const { view, now, asOf } = await this.views.resolve(params);
    const doc = certificationOf(view, id);
    const framework = this.catalog.get(doc.framework);
    const statuses = view.list<RequirementStatusDoc>('requirement-status', { keyPrefix: `${id}:` }).map((d) => d.doc);
    return { ...doc, ...validityOn(doc, today(now)), asOf, readiness: readinessByChapter(framework, requirementRows(framework, id, statuses)) };
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
    const { view } = await this.views.resolve(params);
    const framework = this.catalog.get(certificationOf(view, id).framework);
    const inChapter = (row: { chapter: string }) => params.chapter === undefined || row.chapter === params.chapter;
    if (params.status === undefined) {
      // The page is cut from the catalog, so only its requirements' documents are read and parsed.
      const page = paginate(this.catalog.requirements(framework.id).filter(inChapter), (requirement) => requirement.ref, params);
      const rows = page.items.map((r) => requirementRow(framework.id, id, r, view.get<RequirementStatusDoc>('requirement-status', `${id}:${r.ref}`)));
      return { ...page, items: rows.map(listed) };
    }
    const statuses = view.list<RequirementStatusDoc>('requirement-status', { keyPrefix: `${id}:` }).map((d) => d.doc);
    const rows = requirementRows(framework, id, statuses).filter((row) => inChapter(row) && row.status === params.status);
    const page = paginate(rows, (row) => row.ref, params);
    return { ...page, items: page.items.map(listed) };
  }
}

@QueryHandler(GetRequirement)
export class GetRequirementHandler implements IQueryHandler<GetRequirement> {
  constructor(private readonly views: ReadViews, private readonly catalog: FrameworkCatalog) {}
  async execute({ id, ref, params }: GetRequirement) {
    const { view, asOf } = await this.views.resolve(params);
    const framework = this.catalog.get(certificationOf(view, id).framework);
    const statuses = [view.get<RequirementStatusDoc>('requirement-status', `${id}:${ref}`)].filter((d): d is RequirementStatusDoc => d !== null);
    const row = requirementRows(framework, id, statuses).find((r) => r.ref === ref);
    if (!row) throw notFound(`${ref} is not a requirement of ${framework.id}`);
    const history = view.list<RequirementHistoryEntry>('requirement-history', { keyPrefix: historyPrefix(id, ref) }).map(({ doc }) => {
      const { certificationId: _certification, ref: _ref, ...entry } = doc;
      return entry;
    });
    return { ...row, history, asOf };
  }
}

export const CERTIFICATION_QUERY_HANDLERS = [ListCertificationsHandler, GetCertificationHandler, ListRequirementsHandler, GetRequirementHandler];
