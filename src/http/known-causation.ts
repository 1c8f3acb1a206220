import { type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { EventStore } from '../event-store/event-store';
import { invalid } from '../shared/errors';

const HEADER = 'X-Causation-Id';
export const MAX_CAUSATION_ID_LENGTH = 200;
const EVENT_ID = /^[\w.:-]+$/;

/**
 * X-Causation-Id says which recorded event caused a command; the chain of
 * causes investigators follow is only as good as these links. So a value
 * that names no event of the log, or is too long or malformed, is refused
 * (400 naming the header) rather than recorded or cut. Runs after
 * authentication, so anonymous clients cannot make the log be searched.
 */
export class KnownCausation implements NestInterceptor {
  constructor(private readonly store: EventStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const value = request.headers['x-causation-id'];
    if (value !== undefined && value !== '' && request.method !== 'GET' && request.method !== 'HEAD') await this.check(value);
    return next.handle();
  }

  private async check(value: string | string[]): Promise<void> {
    if (Array.isArray(value)) throw invalid(HEADER, 'must be sent once');
    if (value.length > MAX_CAUSATION_ID_LENGTH) throw invalid(HEADER, `must be at most ${MAX_CAUSATION_ID_LENGTH} characters, got ${value.length}`);
    if (!EVENT_ID.test(value)) throw invalid(HEADER, 'must be the id of a recorded event');
    for await (const event of this.store.readAll({ ids: [value], batchSize: 1 })) if (event.id === value) return;
    throw invalid(HEADER, `${value} is not the id of a recorded event`);
  }
}
