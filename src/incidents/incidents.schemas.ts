import { array, boolean, component, instant, nullable, object, oneOf, sha256, Source, text, withTwoTimes } from '../openapi/schema';
import { INCIDENT_CORRECTABLE_FIELDS, INCIDENT_SEVERITIES, NOTIFICATION_KINDS, OBLIGATIONS, RECIPIENTS } from './incidents.events';

const incident = object({
  incidentId: text(),
  certificationId: nullable(text('null: the incident concerns the whole platform')),
  title: text(),
  severity: oneOf(INCIDENT_SEVERITIES),
  personalData: boolean('Personal data were involved (GDPR)'),
  significant: boolean('A significant incident under NIS2'),
  detectedAt: instant,
  containedAt: nullable(instant),
  resolvedAt: nullable(instant),
  summary: nullable(text()),
  postmortem: nullable(array(sha256, 'SHA-256 of each post-mortem attached, oldest first')),
  status: oneOf(['open', 'contained', 'resolved']),
  notifications: array(object({ recipient: oneOf(RECIPIENTS), kind: oneOf(NOTIFICATION_KINDS), sentAt: instant, reference: nullable(text()), recorded: Source })),
  deadlines: array(
    object({
      obligation: oneOf(OBLIGATIONS),
      subject: text('The incident'),
      recipient: oneOf(['CNIL', 'ANSSI', 'customers']),
      dueAt: instant,
      metAt: nullable(instant),
      status: oneOf(['met', 'missed', 'pending', 'waived']),
      overdue: boolean('Pending and past dueAt, now'),
      waiver: object({ reason: text(), legalBasis: text() }, [], 'Why the notification is not owed, when waived'),
    }, ['waiver']),
  ),
  waivers: array(object({ obligation: oneOf(OBLIGATIONS), reason: text(), legalBasis: text('The provision under which it is not owed'), recorded: Source }), 'Notifications recorded as not owed'),
  corrections: array(object({ field: oneOf(INCIDENT_CORRECTABLE_FIELDS), from: instant, to: instant, reason: text(), recorded: Source }), 'Business instants set right after the fact, oldest first'),
  recorded: Source,
  overdue: boolean('Some deadline is overdue, now'),
});

export const Incident = component('Incident', incident);
export const IncidentDetail = component('IncidentDetail', withTwoTimes(incident));
