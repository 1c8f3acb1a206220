import { auditDecider } from '../../../src/audits/audits.decider';
import type { AuditEvent } from '../../../src/audits/audits.events';
import { certificationDecider } from '../../../src/certifications/certifications.decider';
import { controlDecider } from '../../../src/controls/controls.decider';
import type { ControlEvent } from '../../../src/controls/controls.events';
import { requireInEffect } from '../../../src/shared/evidence-in-effect';
import { incidentDecider } from '../../../src/incidents/incidents.decider';
import type { IncidentEvent } from '../../../src/incidents/incidents.events';
import { DomainError } from '../../../src/shared/errors';
import { given } from '../../support/given-when-then';

const SHA = 'a'.repeat(64);
const POLICY = 'b'.repeat(64);

describe('evidence must be in effect on the date of the fact citing it', () => {
  it('accepts evidence effective before or on the day, or with no effective date', () => {
    expect(() => requireInEffect([{ sha256: SHA, effectiveOn: '2022-01-10' }, { sha256: POLICY, effectiveOn: null }], '2022-01-10T09:00:00Z', 'evidence')).not.toThrow();
  });

  it('refuses with a 422 naming the evidence that took effect later', () => {
    let thrown: unknown;
    try {
      requireInEffect([{ sha256: SHA, effectiveOn: null }, { sha256: POLICY, effectiveOn: '2022-12-01' }], '2022-01-10T09:00:00Z', 'evidence');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).kind).toBe('rule_broken');
    expect((thrown as DomainError).message).toContain(`${POLICY} (effective on 2022-12-01)`);
    expect((thrown as DomainError).details).toMatchObject({ field: 'evidence', evidence: [POLICY] });
  });
});

describe('corrections of a check date', () => {
  const subject = { certificationId: 'c1', framework: 'secnumcloud-3.2', ref: '12.6.c' };
  const checked: ControlEvent = {
    type: 'ControlCheckRecorded',
    data: { ...subject, checkId: 'k1', result: 'passed', method: 'automated', performedAt: '2023-03-01T10:00:00.000Z', evidence: [], notes: null },
  };
  const correct = { kind: 'CorrectCheck', ...subject, certificationStatus: 'applied', checkId: 'k1', field: 'performedAt', reason: 'Typed 2023 for 2022', cited: [] } as const;

  it('records what was recorded, what it should say and why', () => {
    given(controlDecider, [checked]).when({ ...correct, value: '2022-03-01T11:00:00+01:00' }).then([
      { type: 'ControlCheckCorrected', data: { ...subject, checkId: 'k1', field: 'performedAt', from: '2023-03-01T10:00:00.000Z', to: '2022-03-01T10:00:00.000Z', reason: 'Typed 2023 for 2022' } },
    ]);
  });

  it('refuses an unknown check, a date in the future, and a correction that changes nothing', () => {
    given(controlDecider, [checked]).when({ ...correct, checkId: 'k9', value: '2022-03-01T10:00:00Z' }).thenFails('not_found', /k9/, 'checkId');
    given(controlDecider, [checked]).when({ ...correct, value: '2027-01-01T00:00:00Z' }).thenFails('validation', /future/, 'value');
    given(controlDecider, [checked]).when({ ...correct, value: '2023-03-01T10:00:00Z' }).thenFails('rule_broken', /nothing to correct/, 'value');
  });

  it('refuses a date on which the evidence the check cites was not yet in effect, naming it', () => {
    const relying: ControlEvent = { type: 'ControlCheckRecorded', data: { ...(checked.data as object), evidence: [POLICY] } as never };
    const cited = [{ sha256: POLICY, effectiveOn: '2022-12-01' }];
    given(controlDecider, [relying]).when({ ...correct, cited, value: '2022-03-01T10:00:00Z' }).thenFails('rule_broken', new RegExp(`check k1 cites evidence that was not yet in effect on 2022-03-01: ${POLICY}`), 'value');
    given(controlDecider, [relying]).when({ ...correct, cited, value: '2022-12-01T10:00:00Z' }).then([
      { type: 'ControlCheckCorrected', data: { ...subject, checkId: 'k1', field: 'performedAt', from: '2023-03-01T10:00:00.000Z', to: '2022-12-01T10:00:00.000Z', reason: 'Typed 2023 for 2022' } },
    ]);
  });

  it('keeps a requirement review interval with its statement, and restating it differently is a new statement', () => {
    const stated: ControlEvent = { type: 'ApplicabilityStated', data: { ...subject, applicable: true, justification: 'In scope', reviewIntervalDays: 90, on: '2026-11-28' } };
    const state = { kind: 'StateApplicability', ...subject, certificationStatus: 'applied', applicable: true, justification: 'In scope' } as const;
    given(controlDecider).when({ ...state, reviewIntervalDays: 90 }).then([stated]);
    given(controlDecider, [stated]).when({ ...state, reviewIntervalDays: 90 }).then([]);
    given(controlDecider, [stated]).when(state).then([{ type: 'ApplicabilityStated', data: { ...subject, applicable: true, justification: 'In scope', on: '2026-11-28' } }]);
  });
});

describe('review interval of a certification', () => {
  it('is recorded with the application when given', () => {
    given(certificationDecider)
      .when({ kind: 'FileApplication', certificationId: 'c1', label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud', filedOn: '2022-01-03', reviewIntervalDays: 180 })
      .then([{ type: 'CertificationApplicationFiled', data: { certificationId: 'c1', label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud', evaluator: null, filedOn: '2022-01-03', reviewIntervalDays: 180 } }]);
  });
});

describe('dated remediations and corrections of findings', () => {
  const planned: AuditEvent = { type: 'AuditPlanned', data: { auditId: 'a1', certificationId: 'c1', kind: 'passi', auditor: 'passi-org', plannedStart: '2023-05-15', plannedEnd: '2023-05-26' } };
  const started: AuditEvent = { type: 'AuditStarted', data: { auditId: 'a1', on: '2023-05-15' } };
  const raised: AuditEvent = {
    type: 'FindingRaised',
    data: { auditId: 'a1', certificationId: 'c1', findingId: 'f1', severity: 'major', requirement: '12.6.c', title: 'No source address', dueOn: '2023-07-31', raisedOn: '2023-05-17' },
  };
  const closed: AuditEvent = { type: 'FindingClosed', data: { auditId: 'a1', findingId: 'f1', resolution: 'risk_accepted', justification: 'Accepted', closedOn: '2023-08-15' } };
  const history = [planned, started, raised];

  it('refuses a remediation dated before the finding was raised', () => {
    given(auditDecider, history).when({ kind: 'RecordRemediation', findingId: 'f1', action: 'Fixed', on: '2023-05-01' }).thenFails('validation', /raised/, 'on');
  });

  it('corrects a closing date, saying what it was', () => {
    given(auditDecider, [...history, closed]).when({ kind: 'CorrectFinding', findingId: 'f1', field: 'closedOn', value: '2023-07-28', reason: 'Closed before the due date; typed wrong' }).then([
      { type: 'FindingCorrected', data: { auditId: 'a1', findingId: 'f1', field: 'closedOn', from: '2023-08-15', to: '2023-07-28', reason: 'Closed before the due date; typed wrong' } },
    ]);
  });

  it('refuses a remediation day, as corrected, on which the evidence it cites was not yet in effect, naming it', () => {
    const remediated: AuditEvent = { type: 'FindingRemediated', data: { auditId: 'a1', findingId: 'f1', action: 'Fixed', evidence: [POLICY], on: '2023-07-01' } };
    const correct = { kind: 'CorrectFinding', findingId: 'f1', field: 'remediatedOn', reason: 'Typed wrong', cited: [{ sha256: POLICY, effectiveOn: '2023-06-20' }] } as const;
    given(auditDecider, [...history, remediated]).when({ ...correct, value: '2023-06-01' }).thenFails('rule_broken', new RegExp(`remediation of finding f1 cites evidence that was not yet in effect on 2023-06-01: ${POLICY}`), 'value');
    given(auditDecider, [...history, remediated]).when({ ...correct, value: '2023-06-20' }).then([
      { type: 'FindingCorrected', data: { auditId: 'a1', findingId: 'f1', field: 'remediatedOn', from: '2023-07-01', to: '2023-06-20', reason: 'Typed wrong' } },
    ]);
  });

  it('refuses a correction of a date the finding does not have, or one that would put it before it was raised', () => {
    given(auditDecider, history).when({ kind: 'CorrectFinding', findingId: 'f1', field: 'closedOn', value: '2023-07-28', reason: 'x' }).thenFails('rule_broken', /no closedOn/, 'field');
    given(auditDecider, history).when({ kind: 'CorrectFinding', findingId: 'f1', field: 'dueOn', value: '2023-05-01', reason: 'x' }).thenFails('validation', /raisedOn/, 'value');
  });
});

describe('notification waivers and incident corrections', () => {
  const detected: IncidentEvent = {
    type: 'IncidentDetected',
    data: { incidentId: 'i1', certificationId: 'c1', title: 'Encrypted backup lost', severity: 'medium', detectedAt: '2023-04-03T08:00:00.000Z', personalData: true, significant: false },
  };
  const waive = { kind: 'WaiveNotification', obligation: 'cnil_notification', reason: 'Backup encrypted, key never exposed', legalBasis: 'GDPR art. 33(1)' } as const;

  it('records why a notification the incident gives rise to is not owed', () => {
    given(incidentDecider, [detected]).when(waive).then([
      { type: 'NotificationWaived', data: { incidentId: 'i1', obligation: 'cnil_notification', reason: 'Backup encrypted, key never exposed', legalBasis: 'GDPR art. 33(1)' } },
    ]);
  });

  it('refuses to waive what is not owed, what was already waived, or what was sent', () => {
    given(incidentDecider, [detected]).when({ ...waive, obligation: 'nis2_early_warning' }).thenFails('rule_broken', /nothing to waive/, 'obligation');
    const waived: IncidentEvent = { type: 'NotificationWaived', data: { incidentId: 'i1', obligation: 'cnil_notification', reason: 'r', legalBasis: 'GDPR art. 33(1)' } };
    given(incidentDecider, [detected, waived]).when(waive).thenFails('rule_broken', /already waived/, 'obligation');
    const sent: IncidentEvent = { type: 'NotificationSent', data: { incidentId: 'i1', recipient: 'CNIL', kind: 'notification', sentAt: '2023-04-04T08:00:00.000Z', reference: null } };
    given(incidentDecider, [detected, sent]).when(waive).thenFails('rule_broken', /is not waived/, 'obligation');
  });

  it('corrects the detection instant, and refuses one after a notification sent', () => {
    const correct = { kind: 'CorrectIncident', field: 'detectedAt', reason: 'Detection was the evening before' } as const;
    given(incidentDecider, [detected]).when({ ...correct, value: '2023-04-02T20:00:00Z' }).then([
      { type: 'IncidentCorrected', data: { incidentId: 'i1', field: 'detectedAt', from: '2023-04-03T08:00:00.000Z', to: '2023-04-02T20:00:00.000Z', reason: 'Detection was the evening before' } },
    ]);
    const sent: IncidentEvent = { type: 'NotificationSent', data: { incidentId: 'i1', recipient: 'customers', kind: 'information', sentAt: '2023-04-03T10:00:00.000Z', reference: null } };
    given(incidentDecider, [detected, sent]).when({ ...correct, value: '2023-04-03T12:00:00Z' }).thenFails('validation', /first notification/, 'value');
    given(incidentDecider, [detected]).when({ ...correct, field: 'resolvedAt', value: '2023-04-03T12:00:00Z' }).thenFails('rule_broken', /no resolvedAt/, 'field');
  });
});
