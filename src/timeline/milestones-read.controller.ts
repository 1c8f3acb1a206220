import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { ApiDatedList } from '../openapi/operations';
import { ListMilestones, ListMilestonesParams } from './milestones.queries';
import { Milestone } from './timeline.schemas';

@ApiTags('milestones')
@ApiBearerAuth()
@Controller('milestones')
export class MilestonesReadController {
  constructor(private readonly queries: QueryBus) {}

  @ApiDatedList('List the milestones, in date order, achieved, planned or late on the business date', Milestone)
  @Get()
  @Reads()
  list(@Query() params: ListMilestonesParams) {
    return this.queries.execute(new ListMilestones(params));
  }
}
