import { Module } from '@nestjs/common';
import { HistoryController } from './history.controller';
import { HISTORY_QUERY_HANDLERS } from './history.queries';
import { GetDiffHandler } from './diff.queries';
import { GetEffectsHandler } from './effects.queries';

@Module({ controllers: [HistoryController], providers: [...HISTORY_QUERY_HANDLERS, GetDiffHandler, GetEffectsHandler] })
export class HistoryModule {}
