import { certificationsProjection } from '../../../projections/certifications';
import { findingsProjection } from '../../../projections/findings';
import { obligationsOf, type IncidentDeadlines } from '../../../projections/obligations';
import { project, type FactOf } from '../../support/projection-harness';

const filed: FactOf = { type: 'CertificationApplicationFiled', data: { certificationId: 'c1', label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'IaaS', evaluator: null } };
const granted: FactOf = { type: 'CertificationGranted', data: { certificationId: 'c1', grantedOn: '2023-10-01', validUntil: '2026-09-30' } };
const renewed: FactOf = { type: 'CertificationRenewed', data: { certificationId: 'c1', on: '2026-09-15', validUntil: '2029-09-14' } };
const raised = (findingId: string, dueOn: string): FactOf => ({
  type: 'FindingRaised',
  data: { auditId: 'a1', certificationId: 'c1', findingId, severity: 'minor', requirement: '12.6.c', title: 'Logs', dueOn, raisedOn: '2026-10-01' },
});
const closedOn = (findingId: string, day: string): FactOf => ({
  type: 'FindingClosed', data: { auditId: 'a1', findingId, resolution: 'risk_accepted', justification: 'Accepted by the board' }, recordedAt: `${day}T10:00:00Z`,
});
const incident: IncidentDeadlines = {
  incidentId: 'i1',
  certificationId: null,
  deadlines: [
    { obligation: 'cnil_notification', dueAt: '2026-11-27T09:00:00.000Z', metAt: null, status: 'pending' },
    { obligation: 'customer_information', dueAt: '2026-11-25T09:00:00.000Z', metAt: '2026-11-26T09:00:00.000Z', status: 'missed' },
  ],
};

const sources = (facts: FactOf[], incidents: IncidentDeadlines[] = []) => ({
  certifications: [...project(certificationsProjection, facts).values()],
  findings: [...project(findingsProjection, facts).values()],
  incidents,
});
const at = (instant: string) => new Date(instant);

describe('obligations', () => {
  it('given findings, a finding is met when closed by its due day, missed after, overdue while open past it', () => {
    const facts = [raised('on-time', '2026-11-20'), closedOn('on-time', '2026-11-20'), raised('late', '2026-11-10'), closedOn('late', '2026-11-12'), raised('open', '2026-11-27'), raised('later', '2026-12-31')];
    const byId = Object.fromEntries(obligationsOf(sources(facts), at('2026-11-28T12:00:00Z')).map((o) => [o.subject, o]));
    expect(byId['on-time']).toMatchObject({ obligation: 'finding_due', status: 'met', metAt: '2026-11-20' });
    expect(byId.late).toMatchObject({ status: 'missed', metAt: '2026-11-12' });
    expect(byId.open).toMatchObject({ status: 'overdue', metAt: null });
    expect(byId.later).toMatchObject({ status: 'pending' });
  });

  it('is not overdue on its due day itself', () => {
    const [finding] = obligationsOf(sources([raised('f', '2026-11-28')]), at('2026-11-28T23:59:00Z'));
    expect(finding.status).toBe('pending');
  });

  it('given a grant and a renewal, the renewal met the first validity and the new one is still to renew', () => {
    const list = obligationsOf(sources([filed, granted, renewed]), at('2026-11-28T12:00:00Z'));
    expect(list).toEqual([
      expect.objectContaining({ obligation: 'certification_renewal', subject: 'c1', dueAt: '2026-09-30', metAt: '2026-09-15', status: 'met' }),
      expect.objectContaining({ obligation: 'certification_renewal', dueAt: '2029-09-14', metAt: null, status: 'pending' }),
    ]);
  });

  it('given a validity that ran out without renewal, the renewal is overdue; an application only owes nothing', () => {
    expect(obligationsOf(sources([filed, granted]), at('2026-10-01T00:00:00Z'))).toEqual([expect.objectContaining({ dueAt: '2026-09-30', status: 'overdue' })]);
    expect(obligationsOf(sources([filed]), at('2026-10-01T00:00:00Z'))).toEqual([]);
  });

  it('takes incident deadlines as computed, turning a pending one overdue once its instant has passed, sorted by due date', () => {
    const list = obligationsOf(sources([], [incident]), at('2026-11-28T12:00:00Z'));
    expect(list.map((o) => [o.obligation, o.status])).toEqual([['customer_information', 'missed'], ['cnil_notification', 'overdue']]);
    expect(obligationsOf(sources([], [incident]), at('2026-11-27T08:59:59Z'))[1].status).toBe('pending');
  });
});
