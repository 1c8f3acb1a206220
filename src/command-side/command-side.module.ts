import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TokenThrottlerGuard } from '../auth/token-throttler.guard';
import { AuthGuard } from '../auth/auth.guard';
import { CommandRunner } from './command-runner';

/** What every route and command shares: authentication, rate limits, the command bus and runner (command answers: CommandRoutes). */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    CommandRunner,
    { provide: APP_GUARD, useClass: AuthGuard },
    // After authentication, so that limits apply per token.
    { provide: APP_GUARD, useClass: TokenThrottlerGuard },
  ],
  exports: [CqrsModule, CommandRunner],
})
export class CommandSideModule {}
