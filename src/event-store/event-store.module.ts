import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config';
import { Clock } from '../shared/clock';
import { EVENT_STORE, type EventStore } from './event-store';
import { openEventStore } from './open-event-store';

@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: EVENT_STORE, inject: [Clock], useFactory: (clock: Clock) => openEventStore(config, clock) }],
      exports: [EVENT_STORE],
    };
  }

  /** SIGTERM and app.close() end here: pending appends are committed, then the file is closed. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
