import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadViews } from '../read-side/read-views';
import { ListParams, paginate } from '../read-side/read-params';
import type { EvidenceDoc } from '../../projections/evidence';

export class ListEvidence {
  constructor(readonly params: ListParams) {}
}

@QueryHandler(ListEvidence)
export class ListEvidenceHandler implements IQueryHandler<ListEvidence> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListEvidence) {
    const { view } = await this.views.resolve(params);
    return paginate(view.list<EvidenceDoc>('evidence').map((d) => d.doc), (doc) => doc.sha256, params);
  }
}
