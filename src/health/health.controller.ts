import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles';
import { ProjectionRunner } from '../read-side/projection-runner';
import { EVENT_STORE, type EventStore, type Position } from '../event-store/event-store';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  store: string;
  headPosition: Position | null;
  projections: Record<string, { position: Position | null; lag: number }>;
}

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  /** Open to load balancers: no token. 503 when the store cannot be read. */
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
