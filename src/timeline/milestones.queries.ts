import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, paginate } from '../read-side/read-params';
import type { TimelineEntry } from '../../projections/timeline';
import { timelineEntryOn } from '../../projections/business-time';
import { twoTimes } from '../shared/valid-at';

export class ListMilestonesParams extends ListParams {
  /** On the business date asked about: achieved, planned, or late. */
  @IsOptional()
  @IsIn(['achieved', 'planned', 'late'])
  status?: 'achieved' | 'planned' | 'late';

  /** Only the milestones that concern this certification, or the whole provider. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificationId?: string;
}

export class ListMilestones {
  constructor(readonly params: ListMilestonesParams) {}
}

/** The partnership's milestones alone, from the timeline's read model, in date order; `id` is the milestone's. */
@QueryHandler(ListMilestones)
export class ListMilestonesHandler implements IQueryHandler<ListMilestones> {
  constructor(private readonly views: ReadViews) {}

  async execute({ params }: ListMilestones) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const { status, certificationId } = params;
    const milestones = view
      .listOrdered<TimelineEntry>('timeline', { by: 'date' })
      .filter(({ doc }) => doc.source === 'milestone')
      .map(({ doc }) => timelineEntryOn(doc, validAt))
      .filter((entry) => entry !== null)
      .filter((entry) => status === undefined || entry.status === status)
      .filter((entry) => certificationId === undefined || !entry.certificationIds || entry.certificationIds.includes(certificationId))
      .map((entry) => ({ id: entry.key.slice('milestone:'.length), ...entry }));
    return { ...paginate(milestones, (m) => m.key, params), ...twoTimes(asOf, validAt) };
  }
}
