import { Module } from '@nestjs/common';
import { MilestonesController } from './milestones.controller';
import { MilestoneHandler } from './milestones.handlers';

@Module({ controllers: [MilestonesController], providers: [MilestoneHandler] })
export class MilestonesModule {}
