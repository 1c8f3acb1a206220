import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { AppConfig } from '../config';
import { Clock } from '../shared/clock';
import { Authenticator } from './authenticator';
import { OidcVerifier } from './oidc-verifier';
import { TokenStore } from './token-store';
import { TokensController } from './tokens.controller';
import { AccessFollower } from './access-follower';
import { AccessTables } from './access-tables';
import { EngagementDirectory } from './engagement-policy';
import { REGISTRY_DATABASE } from '../registry/registry-database';
import { PeopleRegistry } from '../people/people-registry';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';

const logger = new Logger('AccessFollower');

/** Who may call: the authenticator (tokens of this service, OIDC access tokens) and token administration. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    const verifier = config.oidc ? new OidcVerifier(config.oidc) : null;
    return {
      module: AuthModule,
      controllers: [TokensController],
      providers: [
        { provide: AccessTables, inject: [REGISTRY_DATABASE, TokenStore], useFactory: (db: Database.Database, tokens: TokenStore) => new AccessTables(db, tokens) },
        {
          provide: AccessFollower,
          inject: [EVENT_STORE, AccessTables, PeopleRegistry],
          useFactory: (store: EventStore, tables: AccessTables, people: PeopleRegistry) =>
            new AccessFollower(store, tables, (error) => logger.error(`following access events: ${String(error)}`), (subject) => {
              if (people.get(subject) !== null) people.erase(subject);
            }),
        },
        {
          provide: Authenticator,
          inject: [TokenStore, Clock, AccessFollower, EngagementDirectory],
          useFactory: (tokens: TokenStore, clock: Clock, follower: AccessFollower, engagements: EngagementDirectory) => new Authenticator(tokens, verifier, clock, follower, engagements),
        },
      ],
      exports: [Authenticator],
    };
  }
}
