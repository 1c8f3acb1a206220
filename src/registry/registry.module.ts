import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { AppConfig } from '../config';
import { TokenStore } from '../auth/token-store';
import { PeopleRegistry } from '../people/people-registry';
import { openRegistry, REGISTRY_DATABASE } from './registry-database';

/** The registry file and the adapters over it: tokens, people. */
@Global()
@Module({})
export class RegistryModule implements OnApplicationShutdown {
  constructor(@Inject(REGISTRY_DATABASE) private readonly db: Database.Database) {}

  static forRoot(config: AppConfig): DynamicModule {
    const adapters = [TokenStore, PeopleRegistry].map((adapter) => ({
      provide: adapter,
      inject: [REGISTRY_DATABASE],
      useFactory: (db: Database.Database) => new adapter(db),
    }));
    return {
      module: RegistryModule,
      providers: [{ provide: REGISTRY_DATABASE, useFactory: () => openRegistry(config) }, ...adapters],
      exports: [REGISTRY_DATABASE, TokenStore, PeopleRegistry],
    };
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
