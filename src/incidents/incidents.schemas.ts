import { array, asOfField, boolean, component, extend, instant, nullable, object, oneOf, sha256, Source, text } from '../openapi/schema';
import { INCIDENT_SEVERITIES, NOTIFICATION_KINDS, RECIPIENTS } from './incidents.events';

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
      obligation: oneOf(['cnil_notification', 'nis2_early_warning', 'nis2_notification', 'nis2_final_report', 'customer_information']),
      subject: text('The incident'),
      recipient: oneOf(['CNIL', 'ANSSI', 'customers']),
      dueAt: instant,
      metAt: nullable(instant),
      status: oneOf(['met', 'missed', 'pending']),
      overdue: boolean('Pending and past dueAt, now'),
    }),
  ),
  recorded: Source,
  overdue: boolean('Some deadline is overdue, now'),
});

export const Incident = component('Incident', incident);
export const IncidentDetail = component('IncidentDetail', extend(incident, { asOf: asOfField }));
