import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
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
  constructor(private readonly queries: QueryBus) {}

  @ApiList('Browse the recorded events', RecordedEvent)
  @Get('events')
  @Reads()
  events(@Query() params: EventsParams) {
    return this.queries.execute(new BrowseEvents(params));
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
  stream(@Param('stream') stream: string, @Query() params: ListParams) {
    return this.queries.execute(new GetStream(stream, params));
  }

  @ApiList('The events of one correlation with their causes', InvestigatedEvent, { correlationId: text() })
  @Get('investigations/:correlationId')
  @Reads()
  investigation(@Param('correlationId') correlationId: string, @Query() params: ListParams) {
    return this.queries.execute(new Investigate(correlationId, params));
  }

  @ApiItem('What changed for a certification between two points', Diff, { notFound: true })
  @Get('diff')
  @Reads()
  diff(@Query() params: DiffParams) {
    return this.queries.execute(new GetDiff(params));
  }
}
