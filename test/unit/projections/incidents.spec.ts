import { incidentsProjection } from '../../../projections/incidents';
import { project, type FactOf } from '../../support/projection-harness';

const detected: FactOf = {
  type: 'IncidentDetected',
  data: { incidentId: 'i1', certificationId: null, title: 'Hypervisor console exposed', severity: 'critical', detectedAt: '2026-11-27T08:00:00.000Z', personalData: true, significant: true },
};
const sent = (recipient: string, kind: string, sentAt: string, reference: string | null = null): FactOf => ({
  type: 'NotificationSent', data: { incidentId: 'i1', recipient, kind, sentAt, reference },
});
const contained: FactOf = { type: 'IncidentContained', data: { incidentId: 'i1', at: '2026-11-27T10:00:00.000Z' } };
const resolved = (at = '2026-11-28T09:00:00.000Z'): FactOf => ({ type: 'IncidentResolved', data: { incidentId: 'i1', at, summary: 'Console firewalled, keys rotated' } });
const postmortem = (evidence: string): FactOf => ({ type: 'PostmortemAttached', data: { incidentId: 'i1', evidence } });
const deadlineOf = (facts: FactOf[], obligation: string) => project(incidentsProjection, facts).get('i1')!.deadlines.find((d) => d.obligation === obligation);

describe('incidents projection', () => {
  it('given a detection, shows an open incident with every deadline its facts call for, pending', () => {
    const incident = project(incidentsProjection, [detected]).get('i1')!;
    expect(incident).toMatchObject({
      incidentId: 'i1', certificationId: null, severity: 'critical', status: 'open', containedAt: null, resolvedAt: null, summary: null, postmortem: null, notifications: [],
      recorded: { position: '1', eventId: 'event-1', actor: 'compliance-1' },
    });
    expect(incident.deadlines.map((d) => [d.obligation, d.dueAt, d.status])).toEqual([
      ['cnil_notification', '2026-11-30T08:00:00.000Z', 'pending'],
      ['nis2_early_warning', '2026-11-28T08:00:00.000Z', 'pending'],
      ['nis2_notification', '2026-11-30T08:00:00.000Z', 'pending'],
      ['nis2_final_report', '2026-12-30T08:00:00.000Z', 'pending'],
      ['customer_information', '2026-11-28T08:00:00.000Z', 'pending'],
    ]);
  });

  it('given notifications, lists them in the order sent, with where they were recorded, and marks deadlines met or missed', () => {
    const facts = [detected, sent('CNIL', 'notification', '2026-11-29T08:00:00.000Z', 'CNIL-42'), sent('ANSSI', 'early_warning', '2026-11-27T12:00:00.000Z'), sent('customers', 'information', '2026-11-28T09:00:00.000Z')];
    const incident = project(incidentsProjection, facts).get('i1')!;
    expect(incident.notifications.map((n) => [n.recipient, n.kind, n.reference, n.recorded.position])).toEqual([
      ['ANSSI', 'early_warning', null, '3'], ['customers', 'information', null, '4'], ['CNIL', 'notification', 'CNIL-42', '2'],
    ]);
    const status = Object.fromEntries(incident.deadlines.map((d) => [d.obligation, [d.status, d.metAt]]));
    expect(status).toMatchObject({
      cnil_notification: ['met', '2026-11-29T08:00:00.000Z'],
      nis2_early_warning: ['met', '2026-11-27T12:00:00.000Z'],
      nis2_notification: ['pending', null],
      customer_information: ['missed', '2026-11-28T09:00:00.000Z'],
    });
  });

  it('given a containment then a resolution, moves from open to contained to resolved', () => {
    expect(project(incidentsProjection, [detected, contained]).get('i1')).toMatchObject({ status: 'contained', containedAt: '2026-11-27T10:00:00.000Z' });
    expect(project(incidentsProjection, [detected, contained, resolved()]).get('i1')).toMatchObject({
      status: 'resolved', containedAt: '2026-11-27T10:00:00.000Z', resolvedAt: '2026-11-28T09:00:00.000Z', summary: 'Console firewalled, keys rotated',
    });
  });

  it('given a resolution long after the notification, moves the final report to a month after the resolution', () => {
    const notified = sent('ANSSI', 'notification', '2026-11-28T08:00:00.000Z');
    expect(deadlineOf([detected, notified, contained], 'nis2_final_report')!.dueAt).toBe('2026-12-28T08:00:00.000Z');
    expect(deadlineOf([detected, notified, contained, resolved('2027-01-15T09:00:00.000Z')], 'nis2_final_report')!.dueAt).toBe('2027-02-15T09:00:00.000Z');
  });

  it('given post-mortems, keeps each digest, oldest first', () => {
    const incident = project(incidentsProjection, [detected, contained, resolved(), postmortem('a'.repeat(64)), postmortem('b'.repeat(64))]).get('i1')!;
    expect(incident.postmortem).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
  });

  it('owes nothing for a minor incident without personal data that is not significant', () => {
    const minor = { ...detected, data: { ...detected.data, personalData: false, significant: false, severity: 'low' } };
    expect(project(incidentsProjection, [minor]).get('i1')!.deadlines).toEqual([]);
  });

  it('ignores events of an incident it never saw detected', () => {
    expect(project(incidentsProjection, [contained, sent('CNIL', 'notification', '2026-11-29T08:00:00.000Z')]).size).toBe(0);
  });
});
