import { Module } from '@nestjs/common';
import { AuditsController } from './audits.controller';
import { AuditHandler } from './audits.handlers';

@Module({ controllers: [AuditsController], providers: [AuditHandler] })
export class AuditsModule {}
