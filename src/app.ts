import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import type { LogLevel } from '@nestjs/common';
import type { AppConfig } from './config';
import { AppModule, type AppOptions } from './app.module';
import { ProblemDetailsFilter } from './shared/problem-details.filter';
import { validationPipe } from './shared/validation';

export const JSON_BODY_LIMIT = 1024 * 1024;
export const EVIDENCE_SIZE_LIMIT = 50 * 1024 * 1024;
const CORRELATION_ID = /^[\w.:-]{1,128}$/;

/** Builds the HTTP application; main.ts listens on it, e2e tests drive it with supertest. */
export async function createApp(
  config: AppConfig,
  options: AppOptions & { logger?: LogLevel[] | false } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: JSON_BODY_LIMIT });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(multipart as never, { limits: { fileSize: EVIDENCE_SIZE_LIMIT, files: 1, fields: 10 } });
  // X-Correlation-Id is taken from the request when well formed, or made, and always returned.
  fastify.addHook('onRequest', async (request, reply) => {
    const given = request.headers['x-correlation-id'];
    const correlationId = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
    (request as typeof request & { correlationId: string }).correlationId = correlationId;
    void reply.header('x-correlation-id', correlationId);
  });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Confiance')
      .setDescription('Compliance ledger for SecNumCloud qualification. Errors are RFC 9457 problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  await app.init();
  await fastify.ready();
  return app;
}
