import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { GetTimeline, TimelineParams } from './timeline.queries';
import { ApiDatedList } from '../openapi/operations';
import { TimelineEntry } from './timeline.schemas';

@ApiTags('timeline')
@ApiBearerAuth()
@Controller('timeline')
export class TimelineController {
  constructor(private readonly queries: QueryBus) {}

  /** The partnership's milestones, certification steps and audits in date order, planned against achieved. */
  @ApiDatedList('The partnership timeline', TimelineEntry)
  @Get()
  @Reads()
  timeline(@Query() params: TimelineParams) {
    return this.queries.execute(new GetTimeline(params));
  }
}
