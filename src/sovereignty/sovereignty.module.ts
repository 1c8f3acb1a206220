import { Module } from '@nestjs/common';
import { SovereigntyController } from './sovereignty.controller';
import { SovereigntyHandler } from './sovereignty.handlers';
import { SovereigntyReadController } from './sovereignty-read.controller';
import { SOVEREIGNTY_QUERY_HANDLERS } from './sovereignty.queries';
import { ChangeLookup } from '../changes/change-lookup';

@Module({ controllers: [SovereigntyController, SovereigntyReadController], providers: [SovereigntyHandler, ChangeLookup, ...SOVEREIGNTY_QUERY_HANDLERS] })
export class SovereigntyModule {}
