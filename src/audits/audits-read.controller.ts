import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { ReadParams } from '../read-side/read-params';
import { GetAudit, GetFinding, ListAudits, ListAuditsParams, ListFindings, ListFindingsParams } from './audits.queries';
import { ApiItem, ApiDatedList } from '../openapi/operations';
import { Audit, AuditDetail, Finding, FindingDetail } from './audits.schemas';

@ApiTags('audits')
@ApiBearerAuth()
@Controller()
export class AuditsReadController {
  constructor(private readonly queries: QueryBus) {}

  @ApiDatedList('List audits', Audit)
  @Get('audits')
  @Reads()
  list(@Query() params: ListAuditsParams) {
    return this.queries.execute(new ListAudits(params));
  }

  @ApiItem('Get an audit with its findings', AuditDetail)
  @Get('audits/:id')
  @Reads()
  get(@Param('id') id: string, @Query() params: ReadParams) {
    return this.queries.execute(new GetAudit(id, params));
  }

  @ApiDatedList('List findings across audits', Finding)
  @Get('findings')
  @Reads()
  findings(@Query() params: ListFindingsParams) {
    return this.queries.execute(new ListFindings(params));
  }

  @ApiItem('Get a finding with its remediations', FindingDetail, { notFound: true })
  @Get('findings/:id')
  @Reads()
  finding(@Param('id') id: string, @Query() params: ReadParams) {
    return this.queries.execute(new GetFinding(id, params));
  }
}
