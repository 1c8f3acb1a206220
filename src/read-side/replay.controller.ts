import { Body, Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { AdminOnly } from '../auth/roles';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { invalid } from '../shared/errors';
import { ReadModelStore } from './read-model-store';
import { replay, selectProjections, type ReplayReport } from './replay';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { ApiAction } from '../openapi/operations';
import { array, component, integer, object, text } from '../openapi/schema';

const ReplayReportSchema = component(
  'ReplayReport',
  object({ projections: array(text(), 'The read models rebuilt'), events: integer({ minimum: 0 }), durationMs: integer({ minimum: 0 }) }),
);

export class ReplayDto {
  /** One read model by name (in the body or the query string); all when omitted. */
  @IsOptional()
  @IsString()
  projection?: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@CommandRoutes()
@Controller('admin/replay')
export class ReplayController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly readModels: ReadModelStore) {}

  /** Rebuilds read models from the whole log; the current ones answer until the new ones are promoted. */
  @ApiAction('Rebuild read models from the log', ReplayReportSchema, 'The read models rebuilt and promoted')
  @Post()
  @HttpCode(200)
  @AdminOnly()
  replay(@Body() body: ReplayDto = {}, @Query() query: ReplayDto = {}): Promise<ReplayReport> {
    // `?projection=` as operators write it by hand, or in the body; both must then agree.
    if (body.projection !== undefined && query.projection !== undefined && body.projection !== query.projection) {
      throw invalid('projection', 'given differently in the body and in the query string');
    }
    return replay(this.store, this.readModels, selectProjections(body.projection ?? query.projection));
  }
}
