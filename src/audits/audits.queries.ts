import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, pageFrom, paginate, ReadParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';
import type { AuditDoc } from '../../projections/audits';
import type { FindingDoc } from '../../projections/findings';
import { auditOn, findingOn, type BusinessPoint } from '../../projections/business-time';
import type { DocumentView } from '../read-side/document-view';
import { twoTimes } from '../shared/valid-at';
import { SEVERITIES } from './audits.events';

export class ListAuditsParams extends ListParams {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificationId?: string;

  @IsOptional()
  @IsIn(['planned', 'in_progress', 'completed'])
  status?: AuditDoc['status'];
}

export class ListFindingsParams extends ListParams {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificationId?: string;

  @IsOptional()
  @IsIn(['open', 'remediated', 'closed'])
  status?: FindingDoc['status'];

  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: FindingDoc['severity'];

  /** Only the findings raised against this requirement ref, such as 12.6.c. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  requirement?: string;

  /** true: only findings past their due date and not closed; false: only the others. */
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
}

export class ListAudits {
  constructor(readonly params: ListAuditsParams) {}
}
export class GetAudit {
  constructor(readonly id: string, readonly params: ReadParams) {}
}
export class ListFindings {
  constructor(readonly params: ListFindingsParams) {}
}
export class GetFinding {
  constructor(readonly id: string, readonly params: ReadParams) {}
}

const existing = <T>(item: T | null): item is T => item !== null;

/** An audit's findings as they stood on the business date. */
const findingsOn = (view: DocumentView, auditId: string, at: BusinessPoint) =>
  view.list<FindingDoc>('findings', { where: { auditId } }).map((d) => findingOn(d.doc, at)).filter(existing);

@QueryHandler(ListAudits)
export class ListAuditsHandler implements IQueryHandler<ListAudits> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListAudits) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const { certificationId, status } = params;
    if (params.validAt === undefined) return { ...pageFrom(view, 'audits', params, { where: { certificationId, status } }, (audit: AuditDoc) => audit), ...twoTimes(asOf, validAt) };
    // On a business date: only audits planned by then, in the status of that date.
    const audits = view
      .list<AuditDoc>('audits', { where: { certificationId } })
      .map(({ doc }) => auditOn(doc, validAt, findingsOn(view, doc.auditId, validAt)))
      .filter(existing)
      .filter((audit) => status === undefined || audit.status === status);
    return { ...paginate(audits, (audit) => audit.auditId, params), ...twoTimes(asOf, validAt) };
  }
}

@QueryHandler(GetAudit)
export class GetAuditHandler implements IQueryHandler<GetAudit> {
  constructor(private readonly views: ReadViews) {}
  async execute({ id, params }: GetAudit) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const doc = view.get<AuditDoc>('audits', id);
    if (!doc) throw notFound(`audit ${id} not found`);
    const findings = findingsOn(view, id, validAt);
    const audit = auditOn(doc, validAt, findings);
    if (!audit) throw notFound(`audit ${id} was not yet planned on ${validAt.day}`);
    return { ...audit, ...twoTimes(asOf, validAt), findingList: findings };
  }
}

@QueryHandler(ListFindings)
export class ListFindingsHandler implements IQueryHandler<ListFindings> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListFindings) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const { certificationId, status, severity, overdue, requirement } = params;
    const times = twoTimes(asOf, validAt);
    if (overdue === undefined && params.validAt === undefined) {
      const page = pageFrom(view, 'findings', params, { where: { certificationId, status, severity, requirement } }, (finding: FindingDoc) => findingOn(finding, validAt));
      return { ...page, items: page.items.filter(existing), ...times };
    }
    // On another date the status is that date's: filtered after working it out.
    const findings = view
      .list<FindingDoc>('findings', { where: { certificationId, severity, requirement } })
      .map((d) => findingOn(d.doc, validAt))
      .filter(existing)
      .filter((finding) => (status === undefined || finding.status === status) && (overdue === undefined || String(finding.overdue) === overdue));
    return { ...paginate(findings, (finding) => finding.findingId, params), ...times };
  }
}

@QueryHandler(GetFinding)
export class GetFindingHandler implements IQueryHandler<GetFinding> {
  constructor(private readonly views: ReadViews) {}
  async execute({ id, params }: GetFinding) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const doc = view.get<FindingDoc>('findings', id);
    if (!doc) throw notFound(`finding ${id} not found`);
    const finding = findingOn(doc, validAt);
    if (!finding) throw notFound(`finding ${id} was not yet raised on ${validAt.day}`);
    return { ...finding, ...twoTimes(asOf, validAt) };
  }
}

export const AUDIT_QUERY_HANDLERS = [ListAuditsHandler, GetAuditHandler, ListFindingsHandler, GetFindingHandler];
