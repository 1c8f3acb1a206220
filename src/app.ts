import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import type { LogLevel } from '@nestjs/common';
import type { AppConfig } from './config';
import { AppModule, type AppOptions } from './app.module';
import { ProblemDetailsFilter } from './shared/problem-details.filter';
import { validationPipe } from './shared/validation';
import { serveOpenApi } from './shared/openapi';
import { Metrics } from './observability/metrics';
import { securityHeaders, serveWebApp } from './web/web-app';

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
  options: AppOptions & { logger?: LogLevel[] | false } = {},
): Promise<NestFastifyApplication> {
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const adapter = new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT,
    requestTimeout,
    // Node cuts a request only once both its headers and its request timeouts have passed (headers: 60 s by
    // default), and looks for late ones every 30 s: without these, a body trickling in is cut after 60 to 90 s.
    http: { headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(requestTimeout, 1_000) },
    genReqId: correlationIdOf,
    // Structured JSON logs (pino). Headers are not logged, so tokens never are; redaction guards against mistakes.
    logger: options.logger === false ? false : { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  const fastify = app.getHttpAdapter().getInstance();
  securityHeaders(app);
  await app.register(multipart as never, { limits: { fileSize: config.evidenceMaxBytes, files: 1, fields: 10 } });
  const metrics = app.get(Metrics);
  fastify.addHook('onRequest', async (request, reply) => {
    (request as typeof request & { correlationId: string }).correlationId = request.id;
    void reply.header('x-correlation-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpSeconds.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  serveOpenApi(app);
  await serveWebApp(app);
  await app.init();
  await fastify.ready();
  return app;
}
