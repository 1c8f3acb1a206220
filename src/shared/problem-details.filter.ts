import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from './errors';

const STATUS: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  rule_broken: 422,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  timeout: 408,
  uri_too_long: 414,
  unsupported_media_type: 415,
  headers_too_large: 431,
};

const TITLE: Record<DomainErrorKind, string> = {
  validation: 'The request is not valid',
  unauthenticated: 'Authentication is required',
  forbidden: 'This role may not do this',
  not_found: 'Not found',
  conflict: 'The state moved on',
  precondition_failed: 'The stream is not at the revision If-Match names',
  rule_broken: 'A business rule forbids this',
  too_large: 'The content is too large',
  rate_limited: 'Too many requests',
  unavailable: 'The service is unavailable',
  timeout: 'The request took too long to arrive',
  uri_too_long: 'The address is too long',
  unsupported_media_type: 'This content type is not accepted here',
  headers_too_large: 'The request headers are too large',
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

/** Turns any error into an RFC 9457 problem+json answer; the only place that maps kinds to statuses. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof DomainError) {
    return { type: `urn:confiance:problem:${error.kind}`, title: TITLE[error.kind], status: STATUS[error.kind], detail: error.message, ...error.details };
  }
  const status = error instanceof HttpException ? error.getStatus() : httpStatusOf(error);
  if (status !== undefined && status < 500) {
    const detail = error instanceof Error ? error.message : 'request rejected';
    const kind = (Object.keys(STATUS) as DomainErrorKind[]).find((k) => STATUS[k] === status);
    if (kind) return { type: `urn:confiance:problem:${kind}`, title: TITLE[kind], status, detail };
    return { type: `urn:confiance:problem:http-${status}`, title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error', status, detail };
  }
  return { type: 'urn:confiance:problem:internal', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred' };
}

/** Errors raised by Fastify itself (malformed JSON, body too large) carry their status. */
function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

/** RFC 6750 §3: no error code when no credentials came; invalid_token for a token we do not know, invalid_request for another scheme. */
export function bearerChallenge(authorization: string | undefined): string {
  if (!authorization) return 'Bearer realm="confiance"';
  const error = /^Bearer\s+\S+$/i.test(authorization) ? 'invalid_token' : 'invalid_request';
  return `Bearer realm="confiance", error="${error}"`;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem: ProblemDetails = { ...toProblem(error), instance: request.url };
    if (problem.status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (typeof problem.retryAfter === 'number') void reply.header('retry-after', String(problem.retryAfter));
    if (problem.status === 401) void reply.header('www-authenticate', bearerChallenge(request.headers.authorization));
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }
}
