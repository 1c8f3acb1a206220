import { businessDayOf, concernsEngagement, evidenceRelied, ownerByFirstEvent, ownerByName, type LoggedFact } from '../../../src/engagements/engagement-facts';

const scope = { certificationIds: ['scn-1'], windowFrom: '2026-01-01', windowTo: '2026-06-30', accessUntil: '2027-01-31T00:00:00Z' };
const fact = (stream: string, type: string, data: Record<string, unknown>, recordedAt = '2026-11-28T12:00:00Z'): LoggedFact => ({ stream, type, data, metadata: { recordedAt } });
const check = (ref: string, performedAt: string, evidence: string[], certification = 'scn-1') =>
  fact(`control-${certification}:${ref}`, 'ControlCheckRecorded', { certificationId: certification, ref, performedAt, evidence });

describe('engagement facts: whose a fact is, on which business day', () => {
  it('knows the owner of a stream by its name, or by the event that opened it', () => {
    expect(ownerByName('control-scn-1:5.2.a')).toEqual({ certifications: ['scn-1'] });
    expect(ownerByName('certification-scn-1')).toEqual({ certifications: ['scn-1'] });
    expect(ownerByName('sovereignty-structure')).toBe('provider');
    expect(ownerByName('token-t1')).toBe('hidden');
    expect(ownerByName('audit-a1')).toBeNull();
    expect(ownerByFirstEvent(fact('incident-i1', 'IncidentDetected', { certificationId: null }))).toBe('provider');
    expect(ownerByFirstEvent(fact('change-c1', 'UpstreamChangeReceived', { certificationIds: ['scn-2'] }))).toEqual({ certifications: ['scn-2'] });
    expect(concernsEngagement({ certifications: ['scn-2'] }, scope)).toBe(false);
    expect(concernsEngagement('provider', scope)).toBe(true);
  });

  it('dates a fact by its business date, and by the day it was recorded when it has none', () => {
    expect(businessDayOf(check('5.2.a', '2026-03-10T23:30:00-02:00', []))).toBe('2026-03-11');
    expect(businessDayOf(fact('audit-a1', 'FindingClosed', { closedOn: '2026-02-01' }))).toBe('2026-02-01');
    expect(businessDayOf(fact('audit-a1', 'FindingClosed', {}, '2026-04-02T10:00:00Z'))).toBe('2026-04-02');
  });
});

describe('evidence an engagement relies on', () => {
  it('given checks before, in and after the window, when the engagement asks, then it gets the window and the state at its start', () => {
    const facts = [
      check('5.2.a', '2025-09-01T09:00:00Z', ['older']),
      check('5.2.a', '2025-11-15T09:00:00Z', ['atStart']),
      check('5.3.a', '2026-03-10T09:00:00Z', ['inWindow']),
      check('5.3.a', '2026-08-01T09:00:00Z', ['after']),
      fact('audit-a1', 'FindingRemediated', { evidence: ['remediation'], on: '2026-05-01' }),
      fact('audit-a1', 'AuditCompleted', { report: 'report', on: '2026-06-30' }),
      fact('incident-i1', 'PostmortemAttached', { evidence: 'postmortem' }, '2026-12-01T00:00:00Z'),
    ];
    expect([...evidenceRelied(facts, scope)].sort()).toEqual(['atStart', 'inWindow', 'remediation', 'report'].sort());
  });
});
