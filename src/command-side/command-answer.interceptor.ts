import { Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import canonicalize from 'canonicalize';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, map, type Observable } from 'rxjs';
import type { CorrelatedRequest } from './command-context';
import { invalid } from '../shared/errors';
import type { IdempotencyKey } from './idempotency/answer-book';

/** Requests running under one actor's key, in this process: the next one with the same key waits for them. */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * What every command's answer gets, on the command controllers only (queries
 * skip the interceptor machinery, a tenth of a small request's time):
 * - an ETag with the stream revision the command left, for the next If-Match;
 * - `Idempotency-Key`: the key goes with the command to the runner, which
 *   records it with the events and gives a retry the first answer (then
 *   marked `idempotent-replayed`). Requests with the same key from one actor
 *   run one after the other, so a retry that races its first request waits
 *   for it and gets its answer.
 */
@Injectable()
export class CommandAnswerInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<CorrelatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    const answered = next.handle().pipe(map((body: unknown) => withEtag(reply, body)));
    if (request.method === 'GET' || key === undefined) return answered;
    if (typeof key !== 'string' || !/^[\w.:-]{1,200}$/.test(key)) {
      throw invalid('Idempotency-Key', 'must be 1 to 200 letters, digits, or . _ : -');
    }
    const idempotency: IdempotencyKey = { key, fingerprint: fingerprint(request), replayed: false };
    request.idempotency = idempotency;
    const slot = `${request.principal?.subject ?? 'anonymous'}\u0000${key}`;
    const before = inFlight.get(slot);
    const mine = (async () => {
      if (before) await before.catch(() => undefined);
      const body = await lastValueFrom(answered);
      if (idempotency.replayed) void reply.header('idempotent-replayed', 'true');
      return body;
    })();
    inFlight.set(slot, mine);
    const cleanup = () => {
      if (inFlight.get(slot) === mine) inFlight.delete(slot);
    };
    mine.then(cleanup, cleanup);
    return from(mine);
  }
}

/** The method, path and body of the request; a key reused for another request is refused. */
function fingerprint(request: CorrelatedRequest): string {
  const body = request.body !== undefined && !request.isMultipart?.() ? canonicalize(request.body) : '';
  return createHash('sha256').update(`${request.method} ${request.url}\n${body ?? ''}`).digest('hex');
}

function withEtag(reply: FastifyReply, body: unknown): unknown {
  const revision = (body as { revision?: unknown } | null)?.revision;
  if (typeof revision === 'number') void reply.header('etag', `"${revision}"`);
  return body;
}

/** On a controller whose routes run commands. */
export const CommandRoutes = () => UseInterceptors(CommandAnswerInterceptor);
