import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, pageFrom, paginate, ReadParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';
import type { IncidentDoc } from '../../projections/incidents';
import { isOverdue } from './incident-deadlines';
import { INCIDENT_SEVERITIES } from './incidents.events';
import { incidentOn } from '../../projections/business-time';
import { twoTimes, type ValidAt } from '../shared/valid-at';

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

/** The incident on the business date, each deadline saying whether it is overdue then, and so the incident; null before its detection. */
function incidentAt(doc: IncidentDoc, at: ValidAt) {
  const incident = incidentOn(doc, at);
  if (!incident) return null;
  const deadlines = incident.deadlines.map((d) => ({ ...d, overdue: isOverdue(d, new Date(at.instant)) }));
  return { ...incident, deadlines, overdue: deadlines.some((d) => d.overdue) };
}

const existing = <T>(item: T | null): item is T => item !== null;

@QueryHandler(ListIncidents)
export class ListIncidentsHandler implements IQueryHandler<ListIncidents> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListIncidents) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const { status, certificationId, severity, overdue } = params;
    const times = twoTimes(asOf, validAt);
    if (overdue === undefined && params.validAt === undefined) {
      const page = pageFrom(view, 'incidents', params, { where: { status, certificationId, severity } }, (incident: IncidentDoc) => incidentAt(incident, validAt));
      return { ...page, items: page.items.filter(existing), ...times };
    }
    // On another date the status is that date's: filtered after working it out.
    const incidents = view
      .list<IncidentDoc>('incidents', { where: { certificationId, severity } })
      .map((d) => incidentAt(d.doc, validAt))
      .filter(existing)
      .filter((incident) => (status === undefined || incident.status === status) && (overdue === undefined || String(incident.overdue) === overdue));
    return { ...paginate(incidents, (incident) => incident.incidentId, params), ...times };
  }
}

@QueryHandler(GetIncident)
export class GetIncidentHandler implements IQueryHandler<GetIncident> {
  constructor(private readonly views: ReadViews) {}
  async execute({ id, params }: GetIncident) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const doc = view.get<IncidentDoc>('incidents', id);
    const incident = doc && incidentAt(doc, validAt);
    if (!incident) throw notFound(doc ? `incident ${id} was not yet detected at ${validAt.instant}` : `incident ${id} not found`);
    return { ...incident, ...twoTimes(asOf, validAt) };
  }
}

export const INCIDENT_QUERY_HANDLERS = [ListIncidentsHandler, GetIncidentHandler];
