import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { invalid } from '../shared/errors';
import type { IdempotencyKey } from './idempotency/answer-book';

/** Who asks, under which correlation, and which revision they expect the stream to be at. */
export interface CommandContext {
  actor: string;
  correlationId: string;
  causationId: string | null;
  /** From If-Match: the command fails with 412 unless the stream is at one of these revisions, or exists (`*`). */
  ifMatch: IfMatch | null;
  /** From Idempotency-Key, checked by the command interceptor. */
  idempotency?: IdempotencyKey | null;
}

/** RFC 9110 §13.1.1: `*` (the stream exists) or the entity tags (stream revisions) one of which must be current. */
export type IfMatch = '*' | readonly number[];

const ENTITY_TAG = /^(W\/)?"?(-?\d+)"?$/;

export type CorrelatedRequest = AuthenticatedRequest & { correlationId: string; idempotency?: IdempotencyKey };

/**
 * `*` or a comma-separated list of entity tags. Our ETags are strong, and
 * If-Match compares strongly, so a weak tag (`W/"3"`) never matches. A bare
 * revision (`3`, unquoted) is taken as its tag.
 */
export function parseIfMatch(header: string | undefined): IfMatch | null {
  if (header === undefined || header.trim() === '') return null;
  if (header.trim() === '*') return '*';
  return header.split(',').flatMap((tag) => {
    const match = ENTITY_TAG.exec(tag.trim());
    if (!match || Number(match[2]) < -1) throw invalid('If-Match', 'must be * or stream revisions such as "3", as returned in ETag');
    return match[1] ? [] : [Number(match[2])];
  });
}

/** Whether a stream at `revision` (-1: none) satisfies the precondition. */
export const ifMatchHolds = (ifMatch: IfMatch, revision: number): boolean =>
  ifMatch === '*' ? revision >= 0 : ifMatch.includes(revision);

export const contextOf = (request: CorrelatedRequest): CommandContext => {
  const causation = request.headers['x-causation-id'];
  return {
    actor: request.principal?.subject ?? 'anonymous',
    correlationId: request.correlationId,
    // KnownCausation has refused a value naming no recorded event.
    causationId: typeof causation === 'string' && causation !== '' ? causation : null,
    ifMatch: parseIfMatch(request.headers['if-match']),
    idempotency: request.idempotency ?? null,
  };
};

/** Injects the CommandContext of the current request into a controller method. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) => contextOf(context.switchToHttp().getRequest()));
