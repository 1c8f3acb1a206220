import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, pageFrom, ReadParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';
import { CHANGE_STATUSES, type ChangeDoc } from '../../projections/changes';

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
    const { view } = await this.views.resolve(params);
    const { status, source } = params;
    return pageFrom(view, 'changes', params, { where: { status, source } }, (change: ChangeDoc) => change);
  }
}

@QueryHandler(GetChange)
export class GetChangeHandler implements IQueryHandler<GetChange> {
  constructor(private readonly views: ReadViews) {}
  async execute({ id, params }: GetChange) {
    const { view, asOf } = await this.views.resolve(params);
    const change = view.get<ChangeDoc>('changes', id);
    if (!change) throw notFound(`change ${id} not found`);
    return { ...change, asOf };
  }
}

export const CHANGE_QUERY_HANDLERS = [ListChangesHandler, GetChangeHandler];
