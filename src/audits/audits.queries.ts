import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, pageFrom, paginate, ReadParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';
import type { AuditDoc } from '../../projections/audits';
import { isOverdue, type FindingDoc } from '../../projections/findings';
import { SEVERITIES } from './audits.events';
import { today } from '../shared/rules';

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

const withOverdue = (finding: FindingDoc, now: Date) => ({ ...finding, overdue: isOverdue(finding, today(now)) });

@QueryHandler(ListAudits)
export class ListAuditsHandler implements IQueryHandler<ListAudits> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListAudits) {
    const { view } = await this.views.resolve(params);
    const { certificationId, status } = params;
    return pageFrom(view, 'audits', params, { where: { certificationId, status } }, (audit: AuditDoc) => audit);
  }
}

@QueryHandler(GetAudit)
export class GetAuditHandler implements IQueryHandler<GetAudit> {
  constructor(private readonly views: ReadViews) {}
  async execute({ id, params }: GetAudit) {
    const { view, now, asOf } = await this.views.resolve(params);
    const audit = view.get<AuditDoc>('audits', id);
    if (!audit) throw notFound(`audit ${id} not found`);
    const findings = view.list<FindingDoc>('findings', { where: { auditId: id } }).map((d) => withOverdue(d.doc, now));
    return { ...audit, asOf, findingList: findings };
  }
}

@QueryHandler(ListFindings)
export class ListFindingsHandler implements IQueryHandler<ListFindings> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListFindings) {
    const { view, now } = await this.views.resolve(params);
    const { certificationId, status, severity, overdue } = params;
    const where = { certificationId, status, severity };
    if (overdue === undefined) return pageFrom(view, 'findings', params, { where }, (finding: FindingDoc) => withOverdue(finding, now));
    const findings = view
      .list<FindingDoc>('findings', { where })
      .map((d) => withOverdue(d.doc, now))
      .filter((finding) => String(finding.overdue) === overdue);
    return paginate(findings, (finding) => finding.findingId, params);
  }
}

export const AUDIT_QUERY_HANDLERS = [ListAuditsHandler, GetAuditHandler, ListFindingsHandler];
