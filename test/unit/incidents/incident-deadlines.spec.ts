import { incidentDeadlines, isOverdue, oneMonthAfter, type IncidentFacts } from '../../../src/incidents/incident-deadlines';

const facts = (change: Partial<IncidentFacts> = {}): IncidentFacts => ({
  incidentId: 'i1', detectedAt: '2026-03-02T08:00:00.000Z', personalData: false, significant: false, resolvedAt: null, notifications: [], ...change,
});
const byObligation = (f: IncidentFacts) => Object.fromEntries(incidentDeadlines(f).map((d) => [d.obligation, d]));
const sent = (recipient: IncidentFacts['notifications'][number]['recipient'], kind: IncidentFacts['notifications'][number]['kind'], sentAt: string) => ({ recipient, kind, sentAt });

describe('incident deadlines', () => {
  it('owes nothing for an incident without personal data that is not significant', () => {
    expect(incidentDeadlines(facts())).toEqual([]);
  });

  it('a personal-data breach owes the CNIL a notification within 72 h and customers information within 24 h', () => {
    expect(incidentDeadlines(facts({ personalData: true }))).toEqual([
      { obligation: 'cnil_notification', subject: 'i1', recipient: 'CNIL', dueAt: '2026-03-05T08:00:00.000Z', metAt: null, status: 'pending' },
      { obligation: 'customer_information', subject: 'i1', recipient: 'customers', dueAt: '2026-03-03T08:00:00.000Z', metAt: null, status: 'pending' },
    ]);
  });

  it('a significant incident owes ANSSI an early warning in 24 h, a notification in 72 h, a final report a month later', () => {
    const d = byObligation(facts({ significant: true }));
    expect(Object.keys(d)).toEqual(['nis2_early_warning', 'nis2_notification', 'nis2_final_report', 'customer_information']);
    expect(d.nis2_early_warning).toMatchObject({ recipient: 'ANSSI', dueAt: '2026-03-03T08:00:00.000Z', status: 'pending' });
    expect(d.nis2_notification).toMatchObject({ dueAt: '2026-03-05T08:00:00.000Z' });
    // Not sent yet: a month after the notification was due.
    expect(d.nis2_final_report).toMatchObject({ dueAt: '2026-04-05T08:00:00.000Z', status: 'pending' });
  });

  it.each([
    ['exactly 72 h after detection is met', '2026-03-05T08:00:00Z', 'met'],
    ['72 h and one second is missed', '2026-03-05T08:00:01Z', 'missed'],
    ['a time in another zone counts by its instant', '2026-03-05T09:00:00+01:00', 'met'],
  ])('CNIL: %s', (_, sentAt, status) => {
    const d = byObligation(facts({ personalData: true, notifications: [sent('CNIL', 'notification', sentAt)] }));
    expect(d.cnil_notification).toMatchObject({ metAt: new Date(sentAt).toISOString(), status });
  });

  it.each([
    ['exactly 24 h is met', '2026-03-03T08:00:00Z', 'met'],
    ['24 h and one second is missed', '2026-03-03T08:00:01Z', 'missed'],
  ])('NIS2 early warning: %s', (_, sentAt, status) => {
    expect(byObligation(facts({ significant: true, notifications: [sent('CSIRT', 'early_warning', sentAt)] })).nis2_early_warning).toMatchObject({ status });
  });

  it('counts ANSSI and the CSIRT alike for NIS2, never the CNIL or customers', () => {
    const d = byObligation(facts({
      significant: true,
      notifications: [sent('CNIL', 'notification', '2026-03-02T09:00:00Z'), sent('customers', 'information', '2026-03-02T09:30:00Z'), sent('ANSSI', 'early_warning', '2026-03-02T10:00:00Z'), sent('CSIRT', 'notification', '2026-03-04T10:00:00Z')],
    }));
    expect(d.nis2_early_warning).toMatchObject({ metAt: '2026-03-02T10:00:00.000Z', status: 'met' });
    expect(d.nis2_notification).toMatchObject({ metAt: '2026-03-04T10:00:00.000Z', status: 'met' });
    expect(d.nis2_final_report).toMatchObject({ dueAt: '2026-04-04T10:00:00.000Z', metAt: null });
    expect(d.customer_information).toMatchObject({ metAt: '2026-03-02T09:30:00.000Z', status: 'met' });
  });

  it('a NIS2 notification does not meet the CNIL deadline, nor a CNIL one the NIS2 deadline', () => {
    const d = byObligation(facts({ personalData: true, significant: true, notifications: [sent('ANSSI', 'notification', '2026-03-02T09:00:00Z')] }));
    expect(d.cnil_notification).toMatchObject({ status: 'pending', metAt: null });
    const e = byObligation(facts({ personalData: true, significant: true, notifications: [sent('CNIL', 'notification', '2026-03-02T09:00:00Z')] }));
    expect(e.nis2_notification).toMatchObject({ status: 'pending' });
  });

  it('a full notification sent first serves as the early warning; the earliest report counts', () => {
    const d = byObligation(facts({ significant: true, notifications: [sent('ANSSI', 'early_warning', '2026-03-03T12:00:00Z'), sent('ANSSI', 'notification', '2026-03-02T20:00:00Z')] }));
    expect(d.nis2_early_warning).toMatchObject({ metAt: '2026-03-02T20:00:00.000Z', status: 'met' });
  });

  it('the final report is met on the day a month after the notification, missed after', () => {
    const base = [sent('ANSSI', 'notification', '2026-03-04T10:00:00Z')];
    const onTime = byObligation(facts({ significant: true, notifications: [...base, sent('ANSSI', 'final_report', '2026-04-04T10:00:00Z')] }));
    expect(onTime.nis2_final_report).toMatchObject({ status: 'met' });
    const late = byObligation(facts({ significant: true, notifications: [...base, sent('CSIRT', 'final_report', '2026-04-04T10:00:01Z')] }));
    expect(late.nis2_final_report).toMatchObject({ status: 'missed' });
  });

  it('an incident still handled a month after the notification has its final report due a month after its resolution', () => {
    const notified = [sent('ANSSI', 'notification', '2026-03-04T10:00:00Z')];
    expect(byObligation(facts({ significant: true, notifications: notified, resolvedAt: '2026-03-20T00:00:00.000Z' })).nis2_final_report.dueAt).toBe('2026-04-04T10:00:00.000Z');
    expect(byObligation(facts({ significant: true, notifications: notified, resolvedAt: '2026-05-10T00:00:00.000Z' })).nis2_final_report.dueAt).toBe('2026-06-10T00:00:00.000Z');
  });

  it.each([
    ['the same day next month', '2026-03-04T10:00:00.000Z', '2026-04-04T10:00:00.000Z'],
    ['31 January to the end of February', '2026-01-31T10:00:00.000Z', '2026-02-28T10:00:00.000Z'],
    ['31 January to 29 February in a leap year', '2028-01-31T23:30:00.000Z', '2028-02-29T23:30:00.000Z'],
    ['31 March to 30 April', '2026-03-31T08:00:00.000Z', '2026-04-30T08:00:00.000Z'],
    ['December to January of the next year', '2026-12-15T08:00:00.000Z', '2027-01-15T08:00:00.000Z'],
  ])('a month later: %s', (_, from, to) => {
    expect(oneMonthAfter(from)).toBe(to);
  });

  it('a pending deadline is overdue only once its due instant has passed; met and missed ones never are', () => {
    const [cnil] = incidentDeadlines(facts({ personalData: true }));
    expect(isOverdue(cnil, new Date('2026-03-05T08:00:00Z'))).toBe(false);
    expect(isOverdue(cnil, new Date('2026-03-05T08:00:01Z'))).toBe(true);
    const [late] = incidentDeadlines(facts({ personalData: true, notifications: [sent('CNIL', 'notification', '2026-03-06T08:00:00Z')] }));
    expect(late.status).toBe('missed');
    expect(isOverdue(late, new Date('2026-04-01T00:00:00Z'))).toBe(false);
  });
});
