import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TokenThrottlerGuard } from '../auth/token-throttler.guard';
import { AuthGuard } from '../auth/auth.guard';
import { CommandRunner } from './command-runner';
import { AnswerBook } from './idempotency/answer-book';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { Clock } from '../shared/clock';
import { APP_CONFIG } from '../shared/core.module';
import type { AppConfig } from '../config';

/** What every route and command shares: authentication, rate limits, the command bus and runner (command answers: CommandRoutes). */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    {
      provide: AnswerBook,
      inject: [EVENT_STORE, Clock, APP_CONFIG],
      useFactory: (store: EventStore, clock: Clock, config: AppConfig) => new AnswerBook(store, clock, config.idempotencyTtlHours),
    },
    CommandRunner,
    { provide: APP_GUARD, useClass: AuthGuard },
    // After authentication, so that limits apply per token.
    { provide: APP_GUARD, useClass: TokenThrottlerGuard },
  ],
  exports: [CqrsModule, CommandRunner],
})
export class CommandSideModule {}
