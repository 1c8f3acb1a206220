import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { DomainError, type DomainErrorKind } from '../shared/errors';
import { toProblem } from '../shared/problem-details.filter';

const PROBLEM_JSON = 'application/problem+json';

/** Node's parser errors, which reach Fastify before any request exists: what each means to the client. */
function clientErrorOf(code: string | undefined): { kind: DomainErrorKind; detail: string } {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { kind: 'timeout', detail: 'the whole request (headers and body) did not arrive in time; the connection is closed' };
    case 'HPE_HEADER_OVERFLOW':
      return { kind: 'headers_too_large', detail: 'the request headers exceed the 16 KiB accepted' };
    default:
      return { kind: 'validation', detail: `the request is not well-formed HTTP/1.1 (${code ?? 'parse error'})` };
  }
}

/**
 * Fastify's clientErrorHandler: the answer to a request Node could not parse
 * or that timed out, written to the socket as problem+json, then the
 * connection is closed (its stream can no longer be trusted).
 */
function onClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { kind, detail } = clientErrorOf(error.code);
    const problem = toProblem(new DomainError(kind, detail));
    const body = JSON.stringify(problem);
    const head = [`HTTP/1.1 ${problem.status} ${problem.title}`, `Content-Type: ${PROBLEM_JSON}`, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** Errors the router meets before a route is found: a path parameter too long (414) or a path that is not valid URL encoding (400). */
function onFrameworkError(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const refusal =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new DomainError('uri_too_long', `a path segment is longer than the ${MAX_PARAM_LENGTH} characters accepted`)
      : new DomainError('validation', `the path is not valid: ${error.message}`);
  void reply.status(toProblem(refusal).status).type(PROBLEM_JSON).send({ ...toProblem(refusal), instance: request.url.slice(0, 200) });
}

/** The longest path segment (such as an id) the router accepts. */
export const MAX_PARAM_LENGTH = 100;

/** The Fastify options that make the HTTP layer's own refusals problem+json like every other. */
export const problemAnswers: Pick<FastifyServerOptions, 'clientErrorHandler' | 'frameworkErrors' | 'routerOptions'> = {
  clientErrorHandler: onClientError,
  frameworkErrors: onFrameworkError,
  routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
};
