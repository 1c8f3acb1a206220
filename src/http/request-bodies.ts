import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/roles';
import { DomainError } from '../shared/errors';
import { loneSurrogatePath } from '../shared/unicode';
import { boundedJsonStream, lonelySurrogate } from './bounded-json';
import { closeInsteadOfReading, hasBody } from './unread-bodies';

/** Route config (`@RouteConfig(MULTIPART_ROUTE)`) of the routes that take multipart/form-data rather than JSON. */
export const MULTIPART_ROUTE = { multipart: true } as const;

const isJson = (request: FastifyRequest) => /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '');

/**
 * A request with a body and no valid bearer token is refused here, before
 * its body is read or parsed, unless its route is public (and public routes
 * read no body): an anonymous client cannot make the server parse anything,
 * nor read it (its connection is closed after the answer).
 * The principal found is kept for the AuthGuard, which still checks roles.
 */
function refuseAnonymousBodies(fastify: FastifyInstance, authenticator: Authenticator): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!hasBody(request) || (request.routeOptions.config as { public?: boolean } | undefined)?.public === true) return;
    try {
      (request as FastifyRequest & { principal?: Principal }).principal = await authenticator.authenticate(request.headers.authorization);
    } catch (error) {
      closeInsteadOfReading(request, reply);
      throw error;
    }
  });
}

/**
 * JSON bodies only as application/json, bounded while they arrive, before
 * they are parsed (depth and element count, see bounded-json.ts), with Fastify's own parser
 * (which refuses __proto__ and constructor keys), then refused when a string
 * holds a lone surrogate. Form-encoded and text bodies get 415 from Fastify,
 * which knows no parser for them; multipart goes only to routes that say so.
 */
function acceptJsonOnly(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (!isJson(request)) return payload;
    // pipe, not pipeline: a refused body must leave the request (and its socket) open for the answer.
    const bounded = boundedJsonStream();
    payload.on('error', (error) => bounded.destroy(error));
    return payload.pipe(bounded);
  });
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, text, done) => {
    parse(request, text as string, (error: Error | null, body?: unknown) => {
      const field = error ? null : loneSurrogatePath(body);
      done(field === null ? error : lonelySurrogate(field), body);
    });
  });
  fastify.addHook('preValidation', async (request) => {
    const multipartRoute = (request.routeOptions.config as { multipart?: boolean } | undefined)?.multipart === true;
    if (request.isMultipart() && !multipartRoute) {
      throw new DomainError('unsupported_media_type', 'this route takes application/json; multipart/form-data is for POST /evidence');
    }
  });
}

/** Installs the body rules; call before @fastify/multipart registers its own parser. */
export function guardRequestBodies(fastify: FastifyInstance, authenticator: Authenticator, bodyLimit: number): void {
  refuseAnonymousBodies(fastify, authenticator);
  acceptJsonOnly(fastify, bodyLimit);
}
