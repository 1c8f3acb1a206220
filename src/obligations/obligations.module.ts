import { Module } from '@nestjs/common';
import { ObligationsController } from './obligations.controller';
import { ListObligationsHandler } from './obligations.queries';

@Module({ controllers: [ObligationsController], providers: [ListObligationsHandler] })
export class ObligationsModule {}
