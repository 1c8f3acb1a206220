import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EngagementDirectory } from '../auth/engagement-policy';
import { AuditorReads } from './auditor-reads';
import { AuditorReadsInterceptor } from './auditor-reads.interceptor';
import { EngagementAccess } from './engagement-access';
import { EngagementLog } from './engagement-log';
import { EngagementsController } from './engagements.controller';
import { OpenEngagementHandler } from './engagements.handlers';

/** Auditors' engagements and the record of what auditors read; global for the guard, which scopes engagement tokens. */
@Global()
@Module({
  controllers: [EngagementsController],
  providers: [
    OpenEngagementHandler,
    AuditorReads,
    EngagementAccess,
    EngagementLog,
    { provide: EngagementDirectory, useExisting: EngagementAccess },
    { provide: APP_INTERCEPTOR, useClass: AuditorReadsInterceptor },
  ],
  exports: [EngagementDirectory, EngagementAccess],
})
export class EngagementsModule {}
