import { certificationOn, findingOn, incidentOn, timelineEntryOn } from '../../../projections/business-time';
import { certificationsProjection, type CertificationDoc } from '../../../projections/certifications';
import { findingsProjection, type FindingDoc } from '../../../projections/findings';
import { freshnessOf, statusAt } from '../../../projections/freshness';
import { incidentsProjection, type IncidentDoc } from '../../../projections/incidents';
import { obligationsOf } from '../../../projections/obligations';
import { requirementHistoryProjection, type RequirementHistoryEntry } from '../../../projections/requirement-history';
import { requirementStatusProjection, type RequirementStatusDoc } from '../../../projections/requirement-status';
import { timelineProjection, type TimelineEntry } from '../../../projections/timeline';
import { parseValidAt } from '../../../src/shared/valid-at';
import { DomainError } from '../../../src/shared/errors';
import { project, type FactOf } from '../../support/projection-harness';

const NOW = new Date('2026-11-28T12:00:00Z');
const on = (value: string) => parseValidAt(value, NOW);
const one = <Doc>(docs: Map<string, Doc>) => [...docs.values()][0];

describe('validAt, the business date asked about', () => {
  it('takes a date as the end of that day, an instant in UTC, and now by default', () => {
    expect(on('2023-12-31')).toEqual({ echo: '2023-12-31', instant: '2023-12-31T23:59:59.999Z', day: '2023-12-31', inFuture: false });
    expect(on('2024-01-01T00:30:00+01:00')).toMatchObject({ echo: '2023-12-31T23:30:00.000Z', day: '2023-12-31' });
    expect(parseValidAt(undefined, NOW)).toMatchObject({ instant: NOW.toISOString(), inFuture: false });
  });

  it('allows a date still to come and says so', () => {
    expect(on('2027-03-31')).toMatchObject({ inFuture: true });
    expect(on('2026-11-28')).toMatchObject({ inFuture: false });
  });

  it('refuses what is not a date or an instant with its zone, or is before 1970, naming validAt', () => {
    for (const bad of ['yesterday', '2023-02-30', '2023-12-31T10:00:00', '1969-12-31', '42']) {
      let thrown: unknown;
      try {
        on(bad);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).details.errors).toEqual([{ field: 'validAt', messages: [expect.stringContaining('2023-12-31')] }]);
    }
  });
});

describe('a certification on a date', () => {
  const doc = one(project<CertificationDoc>(certificationsProjection, [
    { type: 'CertificationApplicationFiled', data: { certificationId: 'c1', label: 'SNC', framework: 'secnumcloud-3.2', service: 'Cloud', evaluator: null, filedOn: '2022-02-01' } },
    { type: 'CertificationStepRecorded', data: { certificationId: 'c1', step: 'J0', on: '2022-03-01', note: null } },
    { type: 'CertificationStepRecorded', data: { certificationId: 'c1', step: 'J3', on: '2023-01-10', note: null } },
    { type: 'CertificationGranted', data: { certificationId: 'c1', grantedOn: '2023-02-01', validUntil: '2026-01-31' } },
    { type: 'CertificationSuspended', data: { certificationId: 'c1', on: '2024-02-01', reason: 'Major finding' } },
  ]));

  it('did not exist before it was filed, though recorded long after', () => {
    expect(certificationOn(doc, on('2022-01-31'))).toBeNull();
    expect(certificationOn(doc, on('2022-02-01'))).toMatchObject({ status: 'applied', steps: [], grantedOn: null, validUntil: null });
  });

  it('reads the status and steps of the date asked, and the review interval it was filed with', () => {
    expect(certificationOn(doc, on('2022-06-30'))).toMatchObject({ status: 'applied', steps: [{ step: 'J0', on: '2022-03-01', note: null }], reviewIntervalDays: 365 });
    expect(certificationOn(doc, on('2023-12-31'))).toMatchObject({ status: 'granted', grantedOn: '2023-02-01', validUntil: '2026-01-31', suspended: null });
    expect(certificationOn(doc, on('2024-03-01'))).toMatchObject({ status: 'suspended', suspended: { on: '2024-02-01' } });
  });
});

describe('a finding on a date', () => {
  const facts: FactOf[] = [
    { type: 'FindingRaised', data: { auditId: 'a1', certificationId: 'c1', findingId: 'f1', severity: 'major', requirement: '12.6.c', title: 'No source', dueOn: '2023-07-31', raisedOn: '2023-05-17' } },
    { type: 'FindingRemediated', data: { auditId: 'a1', findingId: 'f1', action: 'Logging extended', evidence: [], on: '2023-06-20' } },
    { type: 'FindingClosed', data: { auditId: 'a1', findingId: 'f1', resolution: 'remediated', justification: 'Verified', closedOn: '2023-08-10' } },
  ];
  const doc = one(project<FindingDoc>(findingsProjection, facts));

  it('is absent before it was raised, then open, remediated and closed as the dates pass', () => {
    expect(findingOn(doc, on('2023-05-16'))).toBeNull();
    expect(findingOn(doc, on('2023-06-01'))).toMatchObject({ status: 'open', remediations: [], overdue: false });
    expect(findingOn(doc, on('2023-06-20'))).toMatchObject({ status: 'remediated', remediatedOn: '2023-06-20', remediations: [{ on: '2023-06-20' }] });
    expect(findingOn(doc, on('2023-08-01'))).toMatchObject({ status: 'remediated', overdue: true });
    expect(findingOn(doc, on('2023-08-10'))).toMatchObject({ status: 'closed', closedOn: '2023-08-10', overdue: false });
  });

  it('follows a corrected closing date: closed on time, never overdue', () => {
    const corrected = one(project<FindingDoc>(findingsProjection, [
      ...facts,
      { type: 'FindingCorrected', data: { auditId: 'a1', findingId: 'f1', field: 'closedOn', from: '2023-08-10', to: '2023-07-28', reason: 'Typed wrong' }, actor: 'admin-1' },
    ]));
    expect(findingOn(corrected, on('2023-08-01'))).toMatchObject({ status: 'closed', overdue: false });
    expect(corrected.corrections).toEqual([{ field: 'closedOn', from: '2023-08-10', to: '2023-07-28', reason: 'Typed wrong', recorded: expect.objectContaining({ actor: 'admin-1' }) }]);
  });
});

describe('an incident on a date', () => {
  const doc = one(project<IncidentDoc>(incidentsProjection, [
    { type: 'IncidentDetected', data: { incidentId: 'i1', certificationId: 'c1', title: 'Lost backup', severity: 'medium', detectedAt: '2023-04-03T08:00:00.000Z', personalData: true, significant: false } },
    { type: 'NotificationSent', data: { incidentId: 'i1', recipient: 'customers', kind: 'information', sentAt: '2023-04-05T08:00:00.000Z', reference: null } },
    { type: 'NotificationWaived', data: { incidentId: 'i1', obligation: 'cnil_notification', reason: 'Encrypted', legalBasis: 'GDPR art. 33(1)' } },
  ]));

  it('is absent before its detection; a notification sent later is still pending on the date asked', () => {
    expect(incidentOn(doc, on('2023-04-02'))).toBeNull();
    const early = incidentOn(doc, on('2023-04-03T20:00:00Z'))!;
    expect(early.deadlines.find((d) => d.obligation === 'customer_information')).toMatchObject({ status: 'pending', metAt: null });
    expect(incidentOn(doc, on('2023-04-06'))!.deadlines.find((d) => d.obligation === 'customer_information')).toMatchObject({ status: 'missed' });
  });

  it('reads a waived notification as waived, never overdue, with its legal basis', () => {
    const incident = incidentOn(doc, on('2024-01-01'))!;
    expect(incident.deadlines.find((d) => d.obligation === 'cnil_notification')).toMatchObject({ status: 'waived', waiver: { legalBasis: 'GDPR art. 33(1)' } });
    const obligations = obligationsOf({ certifications: [], findings: [], incidents: [incident] }, new Date('2024-01-01T00:00:00Z'));
    expect(obligations.map((o) => [o.obligation, o.status])).toEqual([['customer_information', 'missed'], ['cnil_notification', 'waived']]);
  });
});

describe('freshness of a requirement on a date', () => {
  const subject = { certificationId: 'c1', framework: 'secnumcloud-3.2', ref: '12.6.c' };
  const EXPIRING = 'e'.repeat(64);
  const facts: FactOf[] = [
    { type: 'ControlCheckRecorded', data: { ...subject, checkId: 'k1', result: 'passed', method: 'automated', performedAt: '2022-03-01T10:00:00.000Z', evidence: [EXPIRING], notes: null } },
    { type: 'ControlCheckRecorded', data: { ...subject, checkId: 'k2', result: 'passed', method: 'automated', performedAt: '2023-02-01T10:00:00.000Z', evidence: [], notes: null } },
  ];
  const status = one(project<RequirementStatusDoc>(requirementStatusProjection, facts));
  const history = [...project<RequirementHistoryEntry>(requirementHistoryProjection, facts).values()];
  const validUntil = (sha: string) => (sha === EXPIRING ? '2022-12-31' : null);
  const freshness = (date: string, interval = 365) => {
    const row = statusAt(status, on(date), () => history);
    return { check: row.latestCheck?.checkId ?? null, freshness: freshnessOf(row, interval, validUntil, on(date)) };
  };

  it('is null before any check, current while its evidence holds, expired after, current again after a new check', () => {
    expect(freshness('2022-02-01')).toEqual({ check: null, freshness: null });
    expect(freshness('2022-12-31')).toEqual({ check: 'k1', freshness: 'current' });
    expect(freshness('2023-01-01')).toEqual({ check: 'k1', freshness: 'evidence_expired' });
    expect(freshness('2023-02-01')).toEqual({ check: 'k2', freshness: 'current' });
  });

  it('falls due for review one interval after the latest check', () => {
    expect(freshness('2024-01-31')).toEqual({ check: 'k2', freshness: 'current' });
    expect(freshness('2024-02-01')).toEqual({ check: 'k2', freshness: 'review_due' });
    expect(freshness('2023-05-02', 90)).toEqual({ check: 'k2', freshness: 'review_due' });
  });

  it('uses a corrected check date: the check moves to the date it was really performed', () => {
    const correction: FactOf = { type: 'ControlCheckCorrected', data: { ...subject, checkId: 'k2', field: 'performedAt', from: '2023-02-01T10:00:00.000Z', to: '2022-06-01T10:00:00.000Z', reason: 'Wrong year' } };
    const all = [...facts, correction];
    const corrected = one(project<RequirementStatusDoc>(requirementStatusProjection, all));
    const entries = [...project<RequirementHistoryEntry>(requirementHistoryProjection, all).values()];
    const row = statusAt(corrected, on('2022-07-01'), () => entries);
    expect(row.latestCheck).toMatchObject({ checkId: 'k2', performedAt: '2022-06-01T10:00:00.000Z' });
    expect(freshnessOf(row, 365, validUntil, on('2023-06-01'))).toBe('review_due');
  });
});

describe('a milestone on a date', () => {
  const entry = one(project<TimelineEntry>(timelineProjection, [
    { type: 'MilestoneRecorded', data: { milestoneId: 'm1', title: 'Joint company', kind: 'corporate', plannedFor: '2022-03-31', occurredOn: null, source: null } },
    { type: 'MilestoneAchieved', data: { milestoneId: 'm1', occurredOn: '2022-06-30' } },
  ]));

  it('is planned until its date, late with its slip after, achieved once it happened', () => {
    expect(timelineEntryOn(entry, on('2022-03-31'))).toMatchObject({ status: 'planned', occurredOn: null, daysLate: null });
    expect(timelineEntryOn(entry, on('2022-04-30'))).toMatchObject({ status: 'late', daysLate: 30, slipDays: 30 });
    expect(timelineEntryOn(entry, on('2022-07-01'))).toMatchObject({ status: 'achieved', occurredOn: '2022-06-30', slipDays: 91, daysLate: null });
  });
});
