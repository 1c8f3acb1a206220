import { auditDecider } from '../../../src/audits/audits.decider';
import type { AuditEvent } from '../../../src/audits/audits.events';
import { given } from '../../support/given-when-then';

const planned: AuditEvent = {
  type: 'AuditPlanned',
  data: { auditId: 'a1', certificationId: 'c1', kind: 'passi', auditor: 'passi-org', plannedStart: '2026-10-01', plannedEnd: '2026-10-15' },
};
const started: AuditEvent = { type: 'AuditStarted', data: { auditId: 'a1', on: '2026-10-02' } };
const raise = (findingId: string, severity: 'major' | 'minor' | 'observation'): AuditEvent => ({
  type: 'FindingRaised',
  data: { auditId: 'a1', certificationId: 'c1', findingId, severity, requirement: '12.6.c', title: 'Logs kept too briefly', dueOn: '2026-12-31', raisedOn: '2026-10-03' },
});
const remediated = (findingId: string): AuditEvent => ({ type: 'FindingRemediated', data: { auditId: 'a1', findingId, action: 'Retention set to one year', evidence: [] } });
const closed = (findingId: string): AuditEvent => ({
  type: 'FindingClosed',
  data: { auditId: 'a1', findingId, resolution: 'remediated', justification: 'checked by the auditor', closedOn: '2026-11-28' },
});
const completed: AuditEvent = { type: 'AuditCompleted', data: { auditId: 'a1', verdict: 'conditional', on: '2026-10-15', report: null, openFindings: ['f1'] } };
const sha = 'a'.repeat(64);

describe('audits decider', () => {
  describe('planning', () => {
    it('plans an audit of a certification', () => {
      given(auditDecider)
        .when({ kind: 'PlanAudit', auditId: 'a1', certificationId: 'c1', auditKind: 'passi', auditor: 'passi-org', plannedStart: '2026-10-01', plannedEnd: '2026-10-15' })
        .then([{ ...planned, data: { ...planned.data, plannedOn: '2026-10-01' } } as AuditEvent]);
    });

    it('dates the plan the day it was made: given, or today, or the planned start when that is earlier', () => {
      const plan = { kind: 'PlanAudit', auditId: 'a1', certificationId: 'c1', auditKind: 'passi', auditor: 'passi-org', plannedStart: '2023-05-15', plannedEnd: '2023-05-26' } as const;
      const data = { auditId: 'a1', certificationId: 'c1', kind: 'passi', auditor: 'passi-org', plannedStart: '2023-05-15', plannedEnd: '2023-05-26' } as const;
      given(auditDecider).when({ ...plan, plannedOn: '2023-01-20' }).then([{ type: 'AuditPlanned', data: { ...data, plannedOn: '2023-01-20' } }]);
      given(auditDecider).when(plan).then([{ type: 'AuditPlanned', data: { ...data, plannedOn: '2023-05-15' } }]);
    });

    it('refuses a plan dated in the future or after the planned start, and a start before the plan', () => {
      const plan = { kind: 'PlanAudit', auditId: 'a1', certificationId: 'c1', auditKind: 'passi', auditor: 'passi-org', plannedStart: '2027-05-15', plannedEnd: '2027-05-26' } as const;
      given(auditDecider).when({ ...plan, plannedOn: '2027-01-20' }).thenFails('validation', /future/, 'plannedOn');
      given(auditDecider).when({ ...plan, plannedStart: '2023-05-15', plannedOn: '2023-06-01' }).thenFails('validation', /after plannedStart/, 'plannedOn');
      const dated: AuditEvent = { type: 'AuditPlanned', data: { ...planned.data, plannedOn: '2026-09-20' } as never };
      given(auditDecider, [dated]).when({ kind: 'StartAudit', on: '2026-09-19' }).thenFails('validation', /planned/, 'on');
    });

    it('plans an audit in the future and a one-day audit, but refuses an end before the start', () => {
      const plan = { kind: 'PlanAudit', auditId: 'a1', certificationId: 'c1', auditKind: 'internal', auditor: 'internal-audit' } as const;
      given(auditDecider).when({ ...plan, plannedStart: '2027-03-01', plannedEnd: '2027-03-01' }).then([
        { type: 'AuditPlanned', data: { auditId: 'a1', certificationId: 'c1', kind: 'internal', auditor: 'internal-audit', plannedStart: '2027-03-01', plannedEnd: '2027-03-01', plannedOn: '2026-11-28' } },
      ]);
      given(auditDecider).when({ ...plan, plannedStart: '2027-03-10', plannedEnd: '2027-03-09' }).thenFails('validation', /before plannedStart/, 'plannedEnd');
    });
  });

  describe('start', () => {
    it('starts a planned audit on a past or present date', () => {
      given(auditDecider, [planned]).when({ kind: 'StartAudit', on: '2026-10-02' }).then([started]);
    });

    it('refuses a start dated in the future', () => {
      given(auditDecider, [planned]).when({ kind: 'StartAudit', on: '2026-12-01' }).thenFails('validation', /future/, 'on');
    });

    it('starts once', () => {
      given(auditDecider, [planned, started]).when({ kind: 'StartAudit', on: '2026-10-03' }).thenFails('rule_broken', /already started on 2026-10-02/);
    });
  });

  describe('findings', () => {
    const finding = { kind: 'RaiseFinding', findingId: 'f1', severity: 'major', requirement: '12.6.c', title: 'Logs kept too briefly', dueOn: '2026-12-31' } as const;

    it('raises a finding on a started audit, carrying the certification and requirement', () => {
      given(auditDecider, [planned, started]).when({ ...finding, raisedOn: '2026-10-03' }).then([raise('f1', 'major')]);
    });

    it('dates a finding today when no raisedOn is given', () => {
      const [event] = auditDecider.decide(finding, [planned, started].reduce(auditDecider.evolve, auditDecider.initialState), new Date('2026-11-28T12:00:00Z'));
      expect(event).toMatchObject({ type: 'FindingRaised', data: { raisedOn: '2026-11-28' } });
    });

    it('refuses a finding before the audit started', () => {
      given(auditDecider, [planned]).when(finding).thenFails('rule_broken', /once the audit has started/);
    });

    it('refuses a finding on a completed audit', () => {
      given(auditDecider, [planned, started, completed]).when(finding).thenFails('rule_broken', /completed on 2026-10-15/);
    });

    it('refuses a finding raised before the start, in the future, or due before it was raised', () => {
      given(auditDecider, [planned, started]).when({ ...finding, raisedOn: '2026-10-01' }).thenFails('validation', /start of the audit/, 'raisedOn');
      given(auditDecider, [planned, started]).when({ ...finding, raisedOn: '2027-01-01' }).thenFails('validation', /future/, 'raisedOn');
      given(auditDecider, [planned, started]).when({ ...finding, raisedOn: '2026-10-03', dueOn: '2026-10-02' }).thenFails('validation', /raised/, 'dueOn');
    });

    it('refuses a finding id that is already taken in the audit', () => {
      given(auditDecider, [planned, started, raise('f1', 'minor')]).when(finding).thenFails('rule_broken', /already raised/, 'findingId');
    });
  });

  describe('remediation', () => {
    it('records a remediation of an open finding with its evidence, once per digest', () => {
      given(auditDecider, [planned, started, raise('f1', 'major')])
        .when({ kind: 'RecordRemediation', findingId: 'f1', action: 'Retention set to one year', on: '2026-10-05', evidence: [sha, sha] })
        .then([{ type: 'FindingRemediated', data: { auditId: 'a1', findingId: 'f1', action: 'Retention set to one year', evidence: [sha], on: '2026-10-05' } }]);
    });

    it('answers not found for a finding the audit does not have', () => {
      given(auditDecider, [planned, started]).when({ kind: 'RecordRemediation', findingId: 'nope', action: 'x', on: '2026-10-05' }).thenFails('not_found', /finding nope/, 'findingId');
    });

    it('refuses a remediation of a closed finding', () => {
      given(auditDecider, [planned, started, raise('f1', 'minor'), remediated('f1'), closed('f1')])
        .when({ kind: 'RecordRemediation', findingId: 'f1', action: 'more', on: '2026-10-05' })
        .thenFails('rule_broken', /is closed/);
    });
  });

  describe('closing a finding', () => {
    it('closes as remediated after a remediation was recorded', () => {
      given(auditDecider, [planned, started, raise('f1', 'minor'), remediated('f1')])
        .when({ kind: 'CloseFinding', findingId: 'f1', resolution: 'remediated', justification: 'checked by the auditor' })
        .then([closed('f1')]);
    });

    it('refuses to close as remediated when nothing was remediated', () => {
      given(auditDecider, [planned, started, raise('f1', 'minor')])
        .when({ kind: 'CloseFinding', findingId: 'f1', resolution: 'remediated', justification: 'fixed' })
        .thenFails('rule_broken', /only after a remediation/, 'resolution');
    });

    it('closes without remediation only by explicit, justified risk acceptance', () => {
      const history = [planned, started, raise('f1', 'minor')];
      given(auditDecider, history)
        .when({ kind: 'CloseFinding', findingId: 'f1', resolution: 'risk_accepted', justification: 'compensating control 12.4.a' })
        .then([{ type: 'FindingClosed', data: { auditId: 'a1', findingId: 'f1', resolution: 'risk_accepted', justification: 'compensating control 12.4.a', closedOn: '2026-11-28' } }]);
      given(auditDecider, history).when({ kind: 'CloseFinding', findingId: 'f1', resolution: 'risk_accepted', justification: '  ' }).thenFails('validation', /why/, 'justification');
    });

    it('dates a closure recorded after the fact, neither in the future nor before the finding was raised', () => {
      const history = [planned, started, raise('f1', 'minor')];
      const close = { kind: 'CloseFinding' as const, findingId: 'f1', resolution: 'risk_accepted' as const, justification: 'accepted' };
      given(auditDecider, history)
        .when({ ...close, closedOn: '2026-10-20' })
        .then([{ type: 'FindingClosed', data: { auditId: 'a1', findingId: 'f1', resolution: 'risk_accepted', justification: 'accepted', closedOn: '2026-10-20' } }]);
      given(auditDecider, history).when({ ...close, closedOn: '2026-12-01' }).thenFails('validation', /future/, 'closedOn');
      given(auditDecider, history).when({ ...close, closedOn: '2026-10-02' }).thenFails('validation', /raised/, 'closedOn');
    });

    it('closes once', () => {
      given(auditDecider, [planned, started, raise('f1', 'minor'), remediated('f1'), closed('f1')])
        .when({ kind: 'CloseFinding', findingId: 'f1', resolution: 'risk_accepted', justification: 'again' })
        .thenFails('rule_broken', /closed again/);
    });

    it('answers not found for an unknown finding', () => {
      given(auditDecider, [planned, started]).when({ kind: 'CloseFinding', findingId: 'nope', resolution: 'risk_accepted', justification: 'x' }).thenFails('not_found', /nope/);
    });

    it('still follows up a finding left open after the audit completed', () => {
      const history = [planned, started, raise('f1', 'major'), completed];
      given(auditDecider, history).when({ kind: 'RecordRemediation', findingId: 'f1', action: 'fixed', on: '2026-11-20' }).then([
        { type: 'FindingRemediated', data: { auditId: 'a1', findingId: 'f1', action: 'fixed', evidence: [], on: '2026-11-20' } },
      ]);
      given(auditDecider, [...history, remediated('f1')])
        .when({ kind: 'CloseFinding', findingId: 'f1', resolution: 'remediated', justification: 'checked by the auditor' })
        .then([closed('f1')]);
    });
  });

  describe('completion', () => {
    const complete = { kind: 'CompleteAudit', verdict: 'pass', on: '2026-10-15' } as const;

    it('completes with a verdict and the report, listing the findings left open', () => {
      given(auditDecider, [planned, started, raise('f1', 'major'), remediated('f1'), closed('f1'), raise('f2', 'observation')])
        .when({ ...complete, report: sha })
        .then([{ type: 'AuditCompleted', data: { auditId: 'a1', verdict: 'pass', on: '2026-10-15', report: sha, openFindings: ['f2'] } }]);
    });

    it('does not pass while a major finding is open, but may conclude conditional or fail', () => {
      const history = [planned, started, raise('f1', 'major'), raise('f2', 'minor')];
      given(auditDecider, history).when(complete).thenFails('rule_broken', /major findings are open \(f1\)/, 'verdict');
      given(auditDecider, history).when({ ...complete, verdict: 'conditional' }).then([
        { type: 'AuditCompleted', data: { auditId: 'a1', verdict: 'conditional', on: '2026-10-15', report: null, openFindings: ['f1', 'f2'] } },
      ]);
      given(auditDecider, history).when({ ...complete, verdict: 'fail' }).then([
        { type: 'AuditCompleted', data: { auditId: 'a1', verdict: 'fail', on: '2026-10-15', report: null, openFindings: ['f1', 'f2'] } },
      ]);
    });

    it('refuses to complete an audit that has not started', () => {
      given(auditDecider, [planned]).when(complete).thenFails('rule_broken', /after it has started/);
    });

    it('refuses a completion before the start or in the future', () => {
      given(auditDecider, [planned, started]).when({ ...complete, on: '2026-10-01' }).thenFails('validation', /start of the audit/, 'on');
      given(auditDecider, [planned, started]).when({ ...complete, on: '2026-12-01' }).thenFails('validation', /future/, 'on');
    });

    it('takes no further start or completion once completed', () => {
      given(auditDecider, [planned, started, completed]).when(complete).thenFails('rule_broken', /completed on 2026-10-15/);
      given(auditDecider, [planned, started, completed]).when({ kind: 'StartAudit', on: '2026-10-20' }).thenFails('rule_broken', /completed on 2026-10-15/);
    });
  });
});
