import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, pageFrom, paginate, ReadParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';
import type { IncidentDoc } from '../../projections/incidents';
import { isOverdue } from './incident-deadlines';
import { INCIDENT_SEVERITIES } from './incidents.events';

export class ListIncidentsParams extends ListParams {
  @IsOptional()
  @IsIn(['open', 'contained', 'resolved'])
  status?: IncidentDoc['status'];

  /** true: only incidents with a deadline pending past its due instant; false: only the others. */
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificationId?: string;

  @IsOptional()
  @IsIn(INCIDENT_SEVERITIES)
  severity?: IncidentDoc['severity'];
}

export class ListIncidents {
  constructor(readonly params: ListIncidentsParams) {}
}
export class GetIncident {
  constructor(readonly id: string, readonly params: ReadParams) {}
}

/** The incident as of `now` (the clock, or the as-of instant): each deadline says whether it is overdue, and so does the incident. */
function asOfNow(incident: IncidentDoc, now: Date) {
  const deadlines = incident.deadlines.map((d) => ({ ...d, overdue: isOverdue(d, now) }));
  return { ...incident, deadlines, overdue: deadlines.some((d) => d.overdue) };
}

@QueryHandler(ListIncidents)
export class ListIncidentsHandler implements IQueryHandler<ListIncidents> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListIncidents) {
    const { view, now } = await this.views.resolve(params);
    const { status, certificationId, severity, overdue } = params;
    const where = { status, certificationId, severity };
    if (overdue === undefined) return pageFrom(view, 'incidents', params, { where }, (incident: IncidentDoc) => asOfNow(incident, now));
    const incidents = view
      .list<IncidentDoc>('incidents', { where })
      .map((d) => asOfNow(d.doc, now))
      .filter((incident) => String(incident.overdue) === overdue);
    return paginate(incidents, (incident) => incident.incidentId, params);
  }
}

@QueryHandler(GetIncident)
export class GetIncidentHandler implements IQueryHandler<GetIncident> {
  constructor(private readonly views: ReadViews) {}
  async execute({ id, params }: GetIncident) {
    const { view, now, asOf } = await this.views.resolve(params);
    const incident = view.get<IncidentDoc>('incidents', id);
    if (!incident) throw notFound(`incident ${id} not found`);
    return { ...asOfNow(incident, now), asOf };
  }
}

export const INCIDENT_QUERY_HANDLERS = [ListIncidentsHandler, GetIncidentHandler];
