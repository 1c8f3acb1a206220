import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller';
import { GetTimelineHandler } from './timeline.queries';
import { MilestonesReadController } from './milestones-read.controller';
import { ListMilestonesHandler } from './milestones.queries';

@Module({ controllers: [TimelineController, MilestonesReadController], providers: [GetTimelineHandler, ListMilestonesHandler] })
export class TimelineModule {}
