import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Scrapes } from '../auth/roles';
import { ProjectionRunner } from '../read-side/projection-runner';
import { Metrics } from './metrics';
import { ApiFile, ApiNotRateLimited } from '../openapi/operations';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics, private readonly runner: ProjectionRunner) {}

  /** Prometheus text format; scrape with a `metrics` token. */
  @ApiFile('Prometheus metrics', 'text/plain', 'Prometheus text exposition format 0.0.4')
  @ApiNotRateLimited()
  @Get()
  @Scrapes()
  @SkipThrottle()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    for (const [projection, { lag }] of Object.entries(await this.runner.status())) this.metrics.projectionLag.set({ projection }, lag);
    return this.metrics.registry.metrics();
  }
}
