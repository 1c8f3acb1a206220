import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import type { Logger } from 'pino';
import type { FastifyHttpOptions } from 'fastify';
import type { Server } from 'node:http';
import type { AppConfig } from './config';
import { AppModule, type AppOptions } from './app.module';
import { ProblemDetailsFilter } from './shared/problem-details.filter';
import { validationPipe } from './shared/validation';
import { serveOpenApi } from './shared/openapi';
import { Metrics } from './observability/metrics';
import { createLogger, PinoNestLogger, requestContext } from './observability/logger';
import { Authenticator } from './auth/authenticator';
import { problemAnswers } from './http/http-errors';
import { throttlePerAddress } from './http/address-throttle';
import { guardRequestBodies } from './http/request-bodies';
import { refuseTokensInQuery } from './http/logged-url';
import { KnownCausation } from './http/known-causation';
import { EVENT_STORE, type EventStore } from './event-store/event-store';
import { securityHeaders, serveWebApp } from './web/web-app';
import { AnswerCache } from './read-side/answer-cache';
import { answerNotModified, CachedAnswers } from './read-side/cached-answers.interceptor';

export const JSON_BODY_LIMIT = 1024 * 1024;
export const REQUEST_TIMEOUT_MS = 30_000;
const CORRELATION_ID = /^[\w.:-]{1,128}$/;

/** X-Correlation-Id is taken from the request when well formed, or made; it is also the log's request id (reqId). */
function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers['x-correlation-id'];
  return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
}

/** Builds the HTTP application; main.ts listens on it, e2e tests drive it with supertest. */
export async function createApp(
  config: AppConfig,
  options: AppOptions & { logger?: Logger | false } = {},
): Promise<NestFastifyApplication> {
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const logger = options.logger ?? createLogger({ name: 'confiance' });
  const fastifyOptions: FastifyHttpOptions<Server> = {
    bodyLimit: JSON_BODY_LIMIT,
    requestTimeout,
    // Node cuts a request only once both its headers and its request timeouts have passed (headers: 60 s by
    // default), and looks for late ones every 30 s: without these, a body trickling in is cut after 60 to 90 s.
    http: { headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(requestTimeout, 1_000) },
    genReqId: correlationIdOf,
    ...problemAnswers,
    // One JSON log (pino) for Fastify's request lines and Nest's own; each request line names its ids.
    ...(logger === false ? { logger: false } : { loggerInstance: logger }),
    childLoggerFactory: (parent, bindings, childOptions) => parent.child({ ...bindings, correlationId: bindings.reqId }, childOptions),
  };
  const adapter = new FastifyAdapter(fastifyOptions);
  // Body parsers are ours (request-bodies.ts): JSON only, bounded before parsing; no form-encoded bodies.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: logger === false ? false : new PinoNestLogger(logger),
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    (request as typeof request & { correlationId: string }).correlationId = request.id;
    void reply.header('x-correlation-id', request.id);
    // What is logged while serving the request (Nest's lines included) carries its ids.
    requestContext.run({ reqId: request.id, correlationId: request.id }, done);
  });
  // Before anything else costs a thing: the per-address allowance, then no token in the address.
  throttlePerAddress(fastify, config.rateLimitPerAddressPerMinute);
  fastify.addHook('onRequest', async (request) => refuseTokensInQuery(request));
  securityHeaders(app, config.oidc);
  guardRequestBodies(fastify, app.get(Authenticator), JSON_BODY_LIMIT);
  await app.register(multipart as never, { limits: { fileSize: config.evidenceMaxBytes, files: 1, fields: 10 } });
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpSeconds.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  answerNotModified(fastify);
  // Innermost, after the guards: the auditor-reads interceptor (an APP_INTERCEPTOR) still sees cached answers.
  app.useGlobalInterceptors(new KnownCausation(app.get<EventStore>(EVENT_STORE)), new CachedAnswers(app.get(AnswerCache)));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  serveOpenApi(app);
  await serveWebApp(app);
  await app.init();
  await fastify.ready();
  return app;
}
