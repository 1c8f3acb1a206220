import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { ListObligations, ListObligationsParams } from './obligations.queries';
import { ApiDatedList } from '../openapi/operations';
import { Obligation } from './obligations.schemas';

@ApiTags('obligations')
@ApiBearerAuth()
@Controller('obligations')
export class ObligationsController {
  constructor(private readonly queries: QueryBus) {}

  /** Notification deadlines of incidents, finding due dates and certification renewals, soonest first. */
  @ApiDatedList('List dated obligations across areas', Obligation)
  @Get()
  @Reads()
  list(@Query() params: ListObligationsParams) {
    return this.queries.execute(new ListObligations(params));
  }
}
