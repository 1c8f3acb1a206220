import { auditOn, timelineEntryOn } from '../../../projections/business-time';
import { auditsProjection, type AuditDoc } from '../../../projections/audits';
import { statusAt } from '../../../projections/freshness';
import { requirementHistoryProjection, type RequirementHistoryEntry } from '../../../projections/requirement-history';
import { requirementStatusProjection, type RequirementStatusDoc } from '../../../projections/requirement-status';
import { timelineProjection, type TimelineEntry } from '../../../projections/timeline';
import { parseValidAt } from '../../../src/shared/valid-at';
import { project, type FactOf } from '../../support/projection-harness';

const NOW = new Date('2026-11-28T12:00:00Z');
const on = (value: string) => parseValidAt(value, NOW);
const one = <Doc>(docs: Map<string, Doc>) => [...docs.values()][0];

describe('a statement of applicability on a date', () => {
  const subject = { certificationId: 'c1', framework: 'secnumcloud-3.2', ref: '8.3.a' };
  const facts: FactOf[] = [
    { type: 'ApplicabilityStated', data: { ...subject, applicable: false, justification: 'No removable media', on: '2022-03-01' } },
    { type: 'ApplicabilityStated', data: { ...subject, applicable: true, justification: 'USB backups introduced', reviewIntervalDays: 90, on: '2023-06-01' } },
  ];
  const rowOn = (all: FactOf[], date: string) => {
    const status = one(project<RequirementStatusDoc>(requirementStatusProjection, all));
    const history = [...project<RequirementHistoryEntry>(requirementHistoryProjection, all).values()];
    return statusAt(status, on(date), () => history);
  };

  it('applies by default before any statement, then as each statement said from its day', () => {
    expect(rowOn(facts, '2022-02-28')).toMatchObject({ applicable: null, justification: null, statedOn: null });
    expect(rowOn(facts, '2022-03-01')).toMatchObject({ applicable: false, justification: 'No removable media', statedOn: '2022-03-01', reviewIntervalDays: null });
    expect(rowOn(facts, '2023-06-01')).toMatchObject({ applicable: true, justification: 'USB backups introduced', reviewIntervalDays: 90, statedOn: '2023-06-01' });
  });

  it('dates a statement recorded before statements had a date on the day it was recorded', () => {
    const old: FactOf = { type: 'ApplicabilityStated', data: { ...subject, applicable: false, justification: 'Out of scope' }, recordedAt: '2024-02-10T09:00:00Z' };
    expect(rowOn([old], '2024-02-09')).toMatchObject({ applicable: null });
    expect(rowOn([old], '2024-02-10')).toMatchObject({ applicable: false, statedOn: '2024-02-10' });
  });
});

describe('an audit on a date', () => {
  const planned: FactOf = {
    type: 'AuditPlanned',
    data: { auditId: 'a1', certificationId: 'c1', kind: 'passi', auditor: 'passi-org', plannedStart: '2023-05-15', plannedEnd: '2023-05-26', plannedOn: '2023-01-20' },
  };
  const facts: FactOf[] = [
    planned,
    { type: 'AuditStarted', data: { auditId: 'a1', on: '2023-05-15' } },
    { type: 'FindingRaised', data: { auditId: 'a1', certificationId: 'c1', findingId: 'f1', severity: 'minor', requirement: '12.6.c', title: 'Retention', dueOn: '2023-07-31', raisedOn: '2023-05-17' } },
    { type: 'AuditCompleted', data: { auditId: 'a1', verdict: 'conditional', on: '2023-05-26', report: null, openFindings: ['f1'] } },
  ];
  const audit = one(project<AuditDoc>(auditsProjection, facts));
  const open = [{ status: 'open' as const }];

  it('is absent before it was planned, then planned, in progress and completed as the dates pass', () => {
    expect(auditOn(audit, on('2023-01-19'), [])).toBeNull();
    expect(auditOn(audit, on('2023-01-20'), [])).toMatchObject({ status: 'planned', startedOn: null, findings: 0 });
    expect(auditOn(audit, on('2023-05-20'), open)).toMatchObject({ status: 'in_progress', startedOn: '2023-05-15', verdict: null, findings: 1, openFindings: 1 });
    expect(auditOn(audit, on('2023-06-01'), open)).toMatchObject({ status: 'completed', completedOn: '2023-05-26', verdict: 'conditional' });
  });

  it('dates a plan recorded before plans had a date on the day recorded, or its planned start if earlier', () => {
    const { plannedOn: _, ...data } = planned.data;
    expect(one(project<AuditDoc>(auditsProjection, [{ ...planned, data, recordedAt: '2026-11-01T10:00:00Z' }])).plannedOn).toBe('2023-05-15');
    expect(one(project<AuditDoc>(auditsProjection, [{ ...planned, data, recordedAt: '2023-02-01T10:00:00Z' }])).plannedOn).toBe('2023-02-01');
  });

  it('appears on the timeline once planned', () => {
    const entry = project<TimelineEntry>(timelineProjection, facts).get('audit:a1')!;
    expect(timelineEntryOn(entry, on('2023-01-19'))).toBeNull();
    expect(timelineEntryOn(entry, on('2023-02-01'))).toMatchObject({ status: 'planned', plannedFor: '2023-05-15', occurredOn: null });
  });
});

describe('a milestone slip on a date', () => {
  const entry = one(project<TimelineEntry>(timelineProjection, [
    { type: 'MilestoneRecorded', data: { milestoneId: 'm1', title: 'Joint company', kind: 'corporate', plannedFor: '2022-03-31', occurredOn: null, source: null } },
    { type: 'MilestoneSlipped', data: { milestoneId: 'm1', previouslyPlannedFor: '2022-03-31', plannedFor: '2022-06-30', reason: 'Approvals', on: '2022-05-15' } },
  ]));

  it('keeps the plan of the date asked: late on the first plan before the slip was decided, planned again after', () => {
    expect(timelineEntryOn(entry, on('2022-05-01'))).toMatchObject({ status: 'late', plannedFor: '2022-03-31', daysLate: 31, slips: [] });
    expect(timelineEntryOn(entry, on('2022-05-15'))).toMatchObject({ status: 'planned', plannedFor: '2022-06-30', daysLate: null, slipDays: 91, slips: [{ on: '2022-05-15' }] });
  });

  it('leaves out a fact with no plan before it happened', () => {
    const step = one(project<TimelineEntry>(timelineProjection, [{ type: 'CertificationStepRecorded', data: { certificationId: 'c1', step: 'J0', on: '2022-09-15', note: null } }]));
    expect(timelineEntryOn(step, on('2022-09-14'))).toBeNull();
    expect(timelineEntryOn(step, on('2022-09-15'))).toMatchObject({ status: 'achieved', occurredOn: '2022-09-15' });
  });
});
