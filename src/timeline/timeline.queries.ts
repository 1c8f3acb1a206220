import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsOptional } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { cutPage, DEFAULT_LIMIT, ListParams } from '../read-side/read-params';
import { IsCalendarDate } from '../shared/validators';
import type { TimelineEntry } from '../../projections/timeline';
import { timelineEntryOn } from '../../projections/business-time';
import { twoTimes } from '../shared/valid-at';

export class TimelineParams extends ListParams {
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class GetTimeline {
  constructor(readonly params: TimelineParams) {}
}

@QueryHandler(GetTimeline)
export class GetTimelineHandler implements IQueryHandler<GetTimeline> {
  constructor(private readonly views: ReadViews) {}

  /** One page in date order, read from the order index however long the timeline. */
  async execute({ params }: GetTimeline) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const limit = params.limit ?? DEFAULT_LIMIT;
    const rows = view.listOrdered<TimelineEntry>('timeline', { by: 'date', from: params.from, to: params.to, after: params.after, limit: limit + 1 });
    // Achieved, planned, or late on the business date asked about (today by default); what was not on the timeline yet is left out,
    // so a page may hold fewer entries than the limit while `next` goes on.
    const page = cutPage(rows, limit, (doc) => timelineEntryOn(doc, validAt));
    return { ...page, items: page.items.filter((entry) => entry !== null), ...twoTimes(asOf, validAt) };
  }
}
