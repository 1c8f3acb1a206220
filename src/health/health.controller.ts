import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles';
import { ProjectionRunner } from '../read-side/projection-runner';
import { EVENT_STORE, type EventStore, type Position } from '../event-store/event-store';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiItem, ApiOpen } from '../openapi/operations';
import { component, integer, mapOf, nullable, object, oneOf, position } from '../openapi/schema';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  store: string;
  headPosition: Position | null;
  projections: Record<string, { position: Position | null; lag: number }>;
}

const HealthReportSchema = component(
  'HealthReport',
  object({
    status: oneOf(['ok', 'unavailable']),
    store: oneOf(['sqlite', 'eventstoredb']),
    headPosition: nullable(position),
    projections: mapOf(object({ position: nullable(position), lag: integer({ minimum: 0, description: 'Events the read model is behind the log' }) }), 'By read model'),
  }),
);

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  /** Open to load balancers: no token. 503 when the store cannot be read. */
  @ApiOpen()
  @ApiItem('Health of the store and the read models', HealthReportSchema, { description: 'The store answers; how far behind the log each read model is' })
  @ApiResponse({ status: 503, description: 'The store cannot be read', schema: HealthReportSchema })
  @Get()
  @Public()
  @SkipThrottle()
  @HttpCode(200)
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    try {
      const headPosition = await this.store.headPosition();
      return { status: 'ok', store: this.store.kind, headPosition, projections: await this.runner.status() };
    } catch {
      void reply.status(503);
      return { status: 'unavailable', store: this.store.kind, headPosition: null, projections: {} };
    }
  }
}
