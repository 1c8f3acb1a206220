import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { invalid } from '../shared/errors';

/** Who asks, under which correlation, and which revision they expect the stream to be at. */
export interface CommandContext {
  actor: string;
  correlationId: string;
  causationId: string | null;
  /** From If-Match: the command fails with 409 unless the stream is at this revision. */
  ifMatch: number | null;
}

export type CorrelatedRequest = AuthenticatedRequest & { correlationId: string };

function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined || header === '') return null;
  const match = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(header);
  if (!match || Number(match[1]) < -1) throw invalid('If-Match', 'must be a stream revision such as "3", as returned in ETag');
  return Number(match[1]);
}

export const contextOf = (request: CorrelatedRequest): CommandContext => {
  const causation = request.headers['x-causation-id'];
  return {
    actor: request.principal?.subject ?? 'anonymous',
    correlationId: request.correlationId,
    // KnownCausation has refused a value naming no recorded event.
    causationId: typeof causation === 'string' && causation !== '' ? causation : null,
    ifMatch: parseIfMatch(request.headers['if-match']),
  };
};

/** Injects the CommandContext of the current request into a controller method. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) => contextOf(context.switchToHttp().getRequest()));
