import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller('floor')
class FloorController {
  @Get()
  list() {
    return { items: [], next: null };
  }

  @Post()
  receive(@Body() body: unknown) {
    return { received: body !== undefined };
  }
}

@Module({ controllers: [FloorController] })
class FloorModule {}

/**
 * The least a NestJS route costs: an application with one controller and no
 * guard, pipe, interceptor, store or logger, on the same Fastify adapter.
 * Its ratio to a bare Fastify route bounds what any Nest route can reach.
 */
export async function startNestFloor(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await NestFactory.create<NestFastifyApplication>(FloorModule, new FastifyAdapter(), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/floor`, close: () => app.close() };
}
