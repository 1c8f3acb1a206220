import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, paginate } from '../read-side/read-params';
import type { DocumentView } from '../read-side/document-view';
import type { CertificationDoc } from '../../projections/certifications';
import type { FindingDoc } from '../../projections/findings';
import { obligationsOf, type IncidentDeadlines, type Obligation } from '../../projections/obligations';
import { noticeDuties } from '../../projections/sovereignty/notices';
import { SOVEREIGNTY_KEY, type SovereigntyDoc } from '../../projections/sovereignty/projection';

export class ListObligationsParams extends ListParams {
  @IsOptional()
  @IsIn(['pending', 'met', 'missed', 'overdue', 'waived'])
  status?: ListedObligation['status'];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificationId?: string;
}

/** Obligations of every area, with 19.6.f notices, which may also be waived. */
type ListedObligation = Omit<Obligation, 'status'> & { status: Obligation['status'] | 'waived' };

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

const keyOf = (o: ListedObligation) => `${o.dueAt}|${o.obligation}|${o.subject}`;

@QueryHandler(ListObligations)
export class ListObligationsHandler implements IQueryHandler<ListObligations> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListObligations) {
    const { view, now } = await this.views.resolve(params);
    const { status, certificationId } = params;
    const notices = view.get<SovereigntyDoc>('sovereignty', SOVEREIGNTY_KEY)?.notices ?? [];
    const obligations = [...obligationsIn(view, now), ...noticeDuties(notices, now)]
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.obligation.localeCompare(b.obligation) || a.subject.localeCompare(b.subject))
      .filter((o) => status === undefined || o.status === status)
      .filter((o) => certificationId === undefined || o.certificationId === certificationId)
      .map((o) => ({ key: keyOf(o), ...o }));
    return paginate(obligations, (o) => o.key, params);
  }
}
