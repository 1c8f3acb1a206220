import { Module } from '@nestjs/common';
import { AuditsController } from './audits.controller';
import { AuditHandler } from './audits.handlers';
import { AuditsReadController } from './audits-read.controller';
import { AUDIT_QUERY_HANDLERS } from './audits.queries';

@Module({ controllers: [AuditsController, AuditsReadController], providers: [AuditHandler, ...AUDIT_QUERY_HANDLERS] })
export class AuditsModule {}
