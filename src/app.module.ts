import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config';
import { Clock, SystemClock } from './shared/clock';
import { IdGenerator, UuidGenerator } from './shared/ids';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { IntegrityController } from './integrity/integrity.controller';
import { CoreModule } from './shared/core.module';

export interface AppOptions {
  /** Tests pass a FixedClock and predictable ids. */
  clock?: Clock;
  ids?: IdGenerator;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, options.clock ?? new SystemClock(), options.ids ?? new UuidGenerator()),
        EventStoreModule.forRoot(config),
      ],
      controllers: [HealthController, IntegrityController],
    };
  }
}
