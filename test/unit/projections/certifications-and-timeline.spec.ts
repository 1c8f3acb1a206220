import { certificationsProjection, validityOn } from '../../../projections/certifications';
import { slipDays, timelineProjection } from '../../../projections/timeline';
import { project, type FactOf } from '../../support/projection-harness';

const filed: FactOf = {
  type: 'CertificationApplicationFiled',
  data: { certificationId: 'c1', label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'IaaS', evaluator: 'CESTI' },
  recordedAt: '2022-09-01T08:00:00Z',
};
const step = (name: string, on: string): FactOf => ({ type: 'CertificationStepRecorded', data: { certificationId: 'c1', step: name, on, note: null } });
const granted: FactOf = { type: 'CertificationGranted', data: { certificationId: 'c1', grantedOn: '2023-10-01', validUntil: '2026-09-30' } };
const suspended: FactOf = { type: 'CertificationSuspended', data: { certificationId: 'c1', on: '2024-02-01', reason: 'Major finding open' } };
const renewed: FactOf = { type: 'CertificationRenewed', data: { certificationId: 'c1', on: '2024-03-01', validUntil: '2027-02-28' } };

describe('certifications projection', () => {
  it('given an application and steps, shows it applied with its steps in order', () => {
    const doc = project(certificationsProjection, [filed, step('J0', '2022-09-15'), step('J1', '2022-11-02')]).get('c1')!;
    expect(doc).toMatchObject({ status: 'applied', filedAt: '2022-09-01', grantedOn: null, validUntil: null });
    expect(doc.steps.map((s) => s.step)).toEqual(['J0', 'J1']);
  });

  it('given a grant, a suspension and a renewal, keeps the first validity and the current one', () => {
    const grantedDoc = project(certificationsProjection, [filed, granted]).get('c1')!;
    expect(grantedDoc).toMatchObject({ status: 'granted', grantedValidUntil: '2026-09-30', validUntil: '2026-09-30' });
    const doc = project(certificationsProjection, [filed, granted, suspended, renewed]).get('c1')!;
    expect(doc).toMatchObject({ status: 'granted', suspended: null, grantedValidUntil: '2026-09-30', validUntil: '2027-02-28', renewals: [{ on: '2024-03-01', validUntil: '2027-02-28' }] });
    expect(doc.history.map((h) => h.type)).toEqual(['CertificationApplicationFiled', 'CertificationGranted', 'CertificationSuspended', 'CertificationRenewed']);
  });

  it('is valid only while granted and before its end, counting the days left', () => {
    const doc = project(certificationsProjection, [filed, granted]).get('c1')!;
    expect(validityOn(doc, '2026-09-30')).toEqual({ valid: true, expired: false, daysToExpiry: 0 });
    expect(validityOn(doc, '2026-10-01')).toMatchObject({ valid: false, expired: true });
    const suspendedDoc = project(certificationsProjection, [filed, granted, suspended]).get('c1')!;
    expect(validityOn(suspendedDoc, '2024-02-02').valid).toBe(false);
  });
});

describe('timeline projection', () => {
  const recorded: FactOf = { type: 'MilestoneRecorded', data: { milestoneId: 'm1', title: 'Joint company created', kind: 'corporate', plannedFor: '2022-03-31', occurredOn: null, source: null } };
  const slipped: FactOf = { type: 'MilestoneSlipped', data: { milestoneId: 'm1', previouslyPlannedFor: '2022-03-31', plannedFor: '2022-06-30', reason: 'Regulatory approvals' } };
  const achieved: FactOf = { type: 'MilestoneAchieved', data: { milestoneId: 'm1', occurredOn: '2022-06-30' } };

  it('given a milestone that slipped then was achieved, keeps the first plan, the slip and the date achieved', () => {
    const entry = project(timelineProjection, [recorded, slipped, achieved]).get('milestone:m1')!;
    expect(entry).toMatchObject({ originallyPlannedFor: '2022-03-31', plannedFor: '2022-06-30', occurredOn: '2022-06-30', date: '2022-06-30' });
    // A slip recorded without its day is dated the day it was recorded.
    expect(entry.slips).toEqual([{ from: '2022-03-31', to: '2022-06-30', reason: 'Regulatory approvals', on: '2026-11-28' }]);
    expect(slipDays(entry)).toBe(91);
  });

  it('places certification steps and audits on the line, the audit at its start once it started', () => {
    const docs = project(timelineProjection, [
      filed,
      step('J0', '2022-09-15'),
      { type: 'AuditPlanned', data: { auditId: 'a1', certificationId: 'c1', kind: 'passi', auditor: 'x', plannedStart: '2023-05-15', plannedEnd: '2023-05-26' } },
      { type: 'AuditStarted', data: { auditId: 'a1', on: '2023-05-16' } },
    ]);
    expect(docs.get('certification:c1:J0')).toMatchObject({ source: 'certification', kind: 'J0', occurredOn: '2022-09-15' });
    expect(docs.get('audit:a1')).toMatchObject({ source: 'audit', originallyPlannedFor: '2023-05-15', occurredOn: '2023-05-16' });
    expect(slipDays(docs.get('audit:a1')!)).toBe(1);
  });
});
