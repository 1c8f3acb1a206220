import { Module } from '@nestjs/common';
import { ChangesController } from './changes.controller';
import { ChangeHandler } from './changes.handlers';
import { ChangesReadController } from './changes-read.controller';
import { CHANGE_QUERY_HANDLERS } from './changes.queries';
import { AccessPathLookup } from '../sovereignty/access-path-lookup';

@Module({ controllers: [ChangesController, ChangesReadController], providers: [ChangeHandler, AccessPathLookup, ...CHANGE_QUERY_HANDLERS] })
export class ChangesModule {}
