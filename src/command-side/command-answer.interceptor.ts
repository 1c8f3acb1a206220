import { Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import canonicalize from 'canonicalize';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { from, map, of, type Observable, lastValueFrom } from 'rxjs';
import type { CorrelatedRequest } from './command-context';
import { Clock } from '../shared/clock';
import { invalid, DomainError } from '../shared/errors';
import { IdempotencyStore, type StoredAnswer } from './idempotency/idempotency-store';

const REPLAYED_HEADERS = ['etag', 'location'];

/** First answers still running, by actor and key; shared by every module's instance of the interceptor. */
const inFlight = new Map<string, Promise<StoredAnswer>>();

/**
 * What every command's answer gets, on the command controllers only (queries
 * skip the interceptor machinery, a tenth of a small request's time):
 * - an ETag with the stream revision the command left, for the next If-Match;
 * - `Idempotency-Key`: the first successful answer is kept (per actor) and
 *   returned to every retry, ETag included, without running the command
 *   again. Concurrent requests with the same key wait for the first one.
 */
@Injectable()
export class CommandAnswerInterceptor implements NestInterceptor {
  constructor(
    private readonly answers: IdempotencyStore,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<CorrelatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    const answered = next.handle().pipe(map((body: unknown) => withEtag(reply, body)));
    if (request.method === 'GET' || key === undefined) return answered;
    if (typeof key !== 'string' || !/^[\w.:-]{1,200}$/.test(key)) {
      throw invalid('Idempotency-Key', 'must be 1 to 200 letters, digits, or . _ : -');
    }
    const actor = request.principal?.subject ?? 'anonymous';
    const fingerprint = this.fingerprint(request);
    const slot = `${actor}\u0000${key}`;
    const replay = (answer: StoredAnswer) => {
      if (answer.fingerprint !== fingerprint) {
        throw new DomainError('rule_broken', `Idempotency-Key ${key} was already used for a different request`, { field: 'Idempotency-Key' });
      }
      void reply.status(answer.status).headers({ ...answer.headers, 'idempotent-replayed': 'true' });
      return answer.body;
    };
    const stored = this.answers.get(actor, key);
    if (stored) return of(replay(stored));
    const running = inFlight.get(slot);
    if (running) return from(running.then(replay));

    const first = lastValueFrom(answered).then((body) => {
      const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (reply.getHeader(h) ? [[h, String(reply.getHeader(h))]] : [])));
      const answer: StoredAnswer = { fingerprint, status: reply.statusCode, headers, body };
      this.answers.put(actor, key, answer, this.clock.now());
      return answer;
    });
    inFlight.set(slot, first);
    const cleanup = () => inFlight.delete(slot);
    first.then(cleanup, cleanup);
    return from(first.then((answer) => answer.body));
  }

  /** The method, path and body of the request; a key reused for another request is refused. */
  private fingerprint(request: CorrelatedRequest): string {
    const body = request.body !== undefined && !request.isMultipart?.() ? canonicalize(request.body) : '';
    return createHash('sha256').update(`${request.method} ${request.url}\n${body ?? ''}`).digest('hex');
  }
}

function withEtag(reply: FastifyReply, body: unknown): unknown {
  const revision = (body as { revision?: unknown } | null)?.revision;
  if (typeof revision === 'number') void reply.header('etag', `"${revision}"`);
  return body;
}

/** On a controller whose routes run commands. */
export const CommandRoutes = () => UseInterceptors(CommandAnswerInterceptor);
