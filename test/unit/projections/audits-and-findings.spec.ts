import { auditsProjection } from '../../../projections/audits';
import { findingsProjection, isOverdue } from '../../../projections/findings';
import { project, type FactOf } from '../../support/projection-harness';

const planned: FactOf = {
  type: 'AuditPlanned',
  data: { auditId: 'a1', certificationId: 'c1', kind: 'passi', auditor: 'passi-org', plannedStart: '2026-10-01', plannedEnd: '2026-10-15' },
};
const started: FactOf = { type: 'AuditStarted', data: { auditId: 'a1', on: '2026-10-02' } };
const raised = (findingId: string, severity = 'major'): FactOf => ({
  type: 'FindingRaised',
  data: { auditId: 'a1', certificationId: 'c1', findingId, severity, requirement: '12.6.c', title: 'Logs kept too briefly', dueOn: '2026-11-30', raisedOn: '2026-10-03' },
});
const remediated: FactOf = { type: 'FindingRemediated', data: { auditId: 'a1', findingId: 'f1', action: 'Retention set to one year', evidence: ['a'.repeat(64)] } };
const closed: FactOf = {
  type: 'FindingClosed',
  data: { auditId: 'a1', findingId: 'f1', resolution: 'remediated', justification: 'Checked on site' },
  recordedAt: '2026-11-20T09:00:00Z',
};
const completed: FactOf = { type: 'AuditCompleted', data: { auditId: 'a1', verdict: 'conditional', on: '2026-10-15', report: null, openFindings: ['f2'] } };

describe('audits projection', () => {
  it('given a planned audit, shows it planned with no findings', () => {
    expect(project(auditsProjection, [planned]).get('a1')).toMatchObject({ status: 'planned', kind: 'passi', startedOn: null, findings: 0, openFindings: 0 });
  });

  it('given a start, findings and a closure, counts findings raised and still open', () => {
    const audit = project(auditsProjection, [planned, started, raised('f1'), raised('f2', 'minor'), remediated, closed]).get('a1');
    expect(audit).toMatchObject({ status: 'in_progress', startedOn: '2026-10-02', findings: 2, openFindings: 1 });
  });

  it('given a completion, records the verdict and the date', () => {
    const audit = project(auditsProjection, [planned, started, raised('f2'), completed]).get('a1');
    expect(audit).toMatchObject({ status: 'completed', completedOn: '2026-10-15', verdict: 'conditional', openFindings: 1 });
  });

  it('ignores events of an audit it never saw planned', () => {
    expect(project(auditsProjection, [started]).size).toBe(0);
  });
});

describe('findings projection', () => {
  it('given a raised finding, shows it open with its requirement and due date', () => {
    expect(project(findingsProjection, [planned, started, raised('f1')]).get('f1')).toMatchObject({
      auditId: 'a1', certificationId: 'c1', severity: 'major', requirement: '12.6.c', status: 'open', dueOn: '2026-11-30', closedOn: null,
    });
  });

  it('given a remediation then a closure, keeps the remediation and the day it was closed', () => {
    const finding = project(findingsProjection, [raised('f1'), remediated, closed]).get('f1')!;
    expect(finding).toMatchObject({ status: 'closed', resolution: 'remediated', justification: 'Checked on site', closedOn: '2026-11-20' });
    expect(finding.remediations).toEqual([expect.objectContaining({ action: 'Retention set to one year', evidence: ['a'.repeat(64)] })]);
  });

  it('given a completion, marks only the findings left open as followed up after the audit', () => {
    const docs = project(findingsProjection, [raised('f1'), raised('f2'), remediated, closed, completed]);
    expect(docs.get('f1')!.openAtCompletion).toBe(false);
    expect(docs.get('f2')!.openAtCompletion).toBe(true);
  });

  it('is overdue only when not closed after its due day', () => {
    const open = project(findingsProjection, [raised('f1')]).get('f1')!;
    expect(isOverdue(open, '2026-11-30')).toBe(false);
    expect(isOverdue(open, '2026-12-01')).toBe(true);
    const done = project(findingsProjection, [raised('f1'), remediated, closed]).get('f1')!;
    expect(isOverdue(done, '2027-01-01')).toBe(false);
  });
});
