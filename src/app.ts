import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LogLevel } from '@nestjs/common';
import type { AppConfig } from './config';
import { AppModule, type AppOptions } from './app.module';
import { ProblemDetailsFilter } from './shared/problem-details.filter';
import { validationPipe } from './shared/validation';

/** Builds the HTTP application; main.ts listens on it, e2e tests drive it with supertest. */
export async function createApp(
  config: AppConfig,
  options: AppOptions & { logger?: LogLevel[] | false } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
