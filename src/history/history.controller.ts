import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { EngagementAccess } from '../engagements/engagement-access';
import { ListParams } from '../read-side/read-params';
import { BrowseEvents, EventsParams, GetStream, Investigate } from './history.queries';
import { DiffParams, GetDiff } from './diff.queries';
import { GetEffects } from './effects.queries';
import { ReadParams } from '../read-side/read-params';
import { ApiItem, ApiList } from '../openapi/operations';
import { RecordedEvent } from '../openapi/log-schemas';
import { text } from '../openapi/schema';
import { Diff, EventEffects, InvestigatedEvent, streamFields } from './history.schemas';

/** For investigators: the recorded events themselves, with their metadata and chains. */
@ApiTags('history')
@ApiBearerAuth()
@Controller()
export class HistoryController {
  constructor(
    private readonly queries: QueryBus,
    private readonly engagements: EngagementAccess,
  ) {}

  @ApiList('Browse the recorded events', RecordedEvent)
  @Get('events')
  @Reads()
  async events(@Query() params: EventsParams, @Req() request: AuthenticatedRequest) {
    return this.queries.execute(new BrowseEvents(params, await this.engagements.visibilityFor(request.principal)));
  }

  @ApiItem('One event with causation followed both ways: its causes and everything it caused', EventEffects, { notFound: true })
  @Get('events/:id/effects')
  @Reads()
  effects(@Param('id') id: string, @Query() params: ReadParams) {
    return this.queries.execute(new GetEffects(id, params));
  }

  @ApiList('The events of one stream and whether its chain holds', RecordedEvent, streamFields)
  @Get('streams/:stream')
  @Reads()
  async stream(@Param('stream') stream: string, @Query() params: ListParams, @Req() request: AuthenticatedRequest) {
    return this.queries.execute(new GetStream(stream, params, await this.engagements.visibilityFor(request.principal)));
  }

  @ApiList('The events of one correlation with their causes', InvestigatedEvent, { correlationId: text() })
  @Get('investigations/:correlationId')
  @Reads()
  async investigation(@Param('correlationId') correlationId: string, @Query() params: ListParams, @Req() request: AuthenticatedRequest) {
    return this.queries.execute(new Investigate(correlationId, params, await this.engagements.visibilityFor(request.principal)));
  }

  @ApiItem('What changed for a certification between two points', Diff, { notFound: true })
  @Get('diff')
  @Reads()
  diff(@Query() params: DiffParams) {
    return this.queries.execute(new GetDiff(params));
  }
}
