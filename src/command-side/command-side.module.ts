import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TokenThrottlerGuard } from '../auth/token-throttler.guard';
import { AuthGuard } from '../auth/auth.guard';
import { CommandRunner } from './command-runner';
import { EtagInterceptor } from './etag.interceptor';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';

/** What every route and command shares: authentication, the command bus and runner, ETags and idempotency. */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    CommandRunner,
    { provide: APP_GUARD, useClass: AuthGuard },
    // After authentication, so that limits apply per token.
    { provide: APP_GUARD, useClass: TokenThrottlerGuard },
    // Idempotency wraps ETag so that a replayed answer carries the first answer's ETag.
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: EtagInterceptor },
  ],
  exports: [CqrsModule, CommandRunner],
})
export class CommandSideModule {}
