import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsOptional } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, paginate } from '../read-side/read-params';
import { IsCalendarDate } from '../shared/validators';
import { slipDays, type TimelineEntry } from '../../projections/timeline';

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

  async execute({ params }: GetTimeline) {
    const { view } = await this.views.resolve(params);
    const entries = view
      .list<TimelineEntry>('timeline')
      .map(({ doc }) => doc)
      .filter((entry) => (!params.from || entry.date >= params.from) && (!params.to || entry.date <= params.to))
      .sort((a, b) => (a.date === b.date ? (a.key < b.key ? -1 : 1) : a.date < b.date ? -1 : 1));
    // Status and slip are derived for the page only: copying every entry was a third of the query's time.
    const page = paginate(entries, (entry) => entry.key, params);
    return { ...page, items: page.items.map((doc) => ({ ...doc, status: doc.occurredOn ? 'achieved' : 'planned', slipDays: slipDays(doc) })) };
  }
}
