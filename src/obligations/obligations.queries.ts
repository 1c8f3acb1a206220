import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, paginate } from '../read-side/read-params';
import type { DocumentView } from '../read-side/document-view';
import type { CertificationDoc } from '../../projections/certifications';
import type { FindingDoc } from '../../projections/findings';
import { obligationsOf, type IncidentDeadlines, type Obligation } from '../../projections/obligations';

export class ListObligationsParams extends ListParams {
  @IsOptional()
  @IsIn(['pending', 'met', 'missed', 'overdue'])
  status?: Obligation['status'];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificationId?: string;
}

export class ListObligations {
  constructor(readonly params: ListObligationsParams) {}
}

/** Every obligation the read models know of, as of `now`. */
export function obligationsIn(view: DocumentView, now: Date): Obligation[] {
  const all = <T>(projection: string) => view.list<T>(projection).map((d) => d.doc);
  return obligationsOf(
    { certifications: all<CertificationDoc>('certifications'), findings: all<FindingDoc>('findings'), incidents: all<IncidentDeadlines>('incidents') },
    now,
  );
}

const keyOf = (o: Obligation) => `${o.dueAt}|${o.obligation}|${o.subject}`;

@QueryHandler(ListObligations)
export class ListObligationsHandler implements IQueryHandler<ListObligations> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListObligations) {
    const { view, now } = await this.views.resolve(params);
    const { status, certificationId } = params;
    const obligations = obligationsIn(view, now)
      .filter((o) => status === undefined || o.status === status)
      .filter((o) => certificationId === undefined || o.certificationId === certificationId)
      .map((o) => ({ key: keyOf(o), ...o }));
    return paginate(obligations, (o) => o.key, params);
  }
}
