import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller';
import { GetTimelineHandler } from './timeline.queries';

@Module({ controllers: [TimelineController], providers: [GetTimelineHandler] })
export class TimelineModule {}
