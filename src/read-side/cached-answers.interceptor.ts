import { type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { defer, map, of, switchMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { AnswerCache, CACHED_ROUTES, type Answer } from './answer-cache';

const isCachedQuery = (request: FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') && CACHED_ROUTES.has(request.routeOptions.url ?? '');

/** Clients keep the answer but ask again each time, with If-None-Match; no shared cache keeps it. */
function describe(reply: FastifyReply, answer: Answer): string {
  void reply
    .header('etag', answer.etag)
    .header('cache-control', 'private, no-cache')
    // A browser keeps one copy per address: whose it was is told by the token.
    .header('vary', 'authorization')
    .header('content-type', 'application/json; charset=utf-8');
  return answer.body;
}

/**
 * Serves the query routes from the answer cache, or serialises their answer
 * into it; either way the answer carries its ETag. Runs after the guards (the
 * caller, their role and engagement are known, refusals stay refusals) and
 * inside the auditor-reads interceptor, so a cached read is recorded too.
 */
export class CachedAnswers implements NestInterceptor {
  constructor(private readonly answers: AnswerCache) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!isCachedQuery(request) || !request.principal) return next.handle();
    const { role, engagementId } = request.principal;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return defer(() => this.answers.keyOf({ url: request.url, role, engagementId: engagementId ?? null })).pipe(
      switchMap((key) => {
        const cached = this.answers.get(key);
        if (cached !== null) return of(describe(reply, cached));
        // Refusals (thrown) never get here: only answers are kept and tagged.
        return next.handle().pipe(map((answer: unknown) => describe(reply, this.answers.put(key, JSON.stringify(answer)))));
      }),
    );
  }
}

/** RFC 9110 §13.1.2: weak comparison, `*` matching any answer. */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * A conditional GET or HEAD of a cached query route whose ETag the client
 * already holds is answered 304 with no body; the ETag and Cache-Control stay.
 */
export function answerNotModified(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const ifNoneMatch = request.headers['if-none-match'];
    const etag = reply.getHeader('etag');
    if (ifNoneMatch === undefined || reply.statusCode !== 200 || typeof etag !== 'string' || !isCachedQuery(request)) return payload;
    if (!matches(ifNoneMatch, etag)) return payload;
    void reply.code(304).removeHeader('content-type').removeHeader('content-length');
    // Fastify's own HEAD handler, which runs next, measures the payload: an empty one for HEAD.
    return request.method === 'HEAD' ? '' : null;
  });
}
