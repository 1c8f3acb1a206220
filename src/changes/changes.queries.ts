import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, pageFrom, paginate, ReadParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';
import { CHANGE_STATUSES, type ChangeDoc } from '../../projections/changes';
import { changeOn } from '../../projections/business-time';
import { twoTimes } from '../shared/valid-at';

export class ListChangesParams extends ListParams {
  /** exception: deployed in emergency and still waiting for its retrospective review. */
  @IsOptional()
  @IsIn(CHANGE_STATUSES)
  status?: ChangeDoc['status'];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;
}

export class ListChanges {
  constructor(readonly params: ListChangesParams) {}
}
export class GetChange {
  constructor(readonly id: string, readonly params: ReadParams) {}
}

@QueryHandler(ListChanges)
export class ListChangesHandler implements IQueryHandler<ListChanges> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListChanges) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const { status, source } = params;
    const times = twoTimes(asOf, validAt);
    if (params.validAt === undefined) {
      const page = pageFrom(view, 'changes', params, { where: { status, source } }, (change: ChangeDoc) => changeOn(change, validAt));
      return { ...page, items: page.items.filter((c): c is ChangeDoc => c !== null), ...times };
    }
    const changes = view
      .list<ChangeDoc>('changes', { where: { source } })
      .map((d) => changeOn(d.doc, validAt))
      .filter((c): c is ChangeDoc => c !== null && (status === undefined || c.status === status));
    return { ...paginate(changes, (c) => c.changeId, params), ...times };
  }
}

@QueryHandler(GetChange)
export class GetChangeHandler implements IQueryHandler<GetChange> {
  constructor(private readonly views: ReadViews) {}
  async execute({ id, params }: GetChange) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const doc = view.get<ChangeDoc>('changes', id);
    const change = doc && changeOn(doc, validAt);
    if (!change) throw notFound(doc ? `change ${id} was not yet received at ${validAt.instant}` : `change ${id} not found`);
    return { ...change, ...twoTimes(asOf, validAt) };
  }
}

export const CHANGE_QUERY_HANDLERS = [ListChangesHandler, GetChangeHandler];
