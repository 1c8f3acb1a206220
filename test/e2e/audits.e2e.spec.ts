import { createHash } from 'node:crypto';
import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, storeEvidence, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';
import { describeRefusals, type Refusal } from '../support/refusals';

type Role = 'admin' | 'compliance' | 'auditor';
/** Evidence the tests store before citing it. */
const EVIDENCE = 'Audit evidence: retention settings export';
const SHA = createHash('sha256').update(EVIDENCE).digest('hex');
const audit = { kind: 'passi', auditor: 'passi-org-1', plannedStart: '2026-10-01', plannedEnd: '2026-10-15' };
const finding = { severity: 'major', requirement: '12.6.c', title: 'Logs kept too briefly', dueOn: '2026-12-31' };

describe('audits over HTTP', () => {
  let t: TestApp;
  /** A certification; audit `started` (started, with the major finding `major`) and audit `planned` (not started). */
  let ids: { certification: string; started: string; major: string; planned: string };

  const post = (path: string, role: Role = 'compliance') => request(t.http).post(path).set('authorization', t.tokens[role]);
  const lastEvent = async () => (await t.events()).at(-1);

  beforeEach(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    await storeEvidence(t, EVIDENCE);
    const certification = expectCommandResult(await post('/certifications').send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud souverain' })).id!;
    const started = expectCommandResult(await post('/audits').send({ ...audit, certificationId: certification })).id!;
    expectCommandResult(await post(`/audits/${started}/start`).send({ on: '2026-10-02' }));
    const major = expectCommandResult(await post(`/audits/${started}/findings`).send(finding)).id!;
    const planned = expectCommandResult(await post('/audits').send({ ...audit, certificationId: certification })).id!;
    ids = { certification, started, major, planned };
  });
  afterEach(() => t.close());

  it('plans an audit of an existing certification, recorded with its actor', async () => {
    const result = expectCommandResult(await post('/audits').send({ ...audit, kind: 'surveillance', certificationId: ids.certification }));
    expect(result).toMatchObject({ stream: `audit-${result.id}`, revision: 0 });
    expect(await lastEvent()).toMatchObject({
      id: result.eventIds[0],
      type: 'AuditPlanned',
      data: { auditId: result.id, certificationId: ids.certification, kind: 'surveillance', auditor: 'passi-org-1', plannedStart: '2026-10-01', plannedEnd: '2026-10-15' },
      metadata: { actor: 'compliance-1' },
    });
  });

  it('starts an audit', async () => {
    const result = expectCommandResult(await post(`/audits/${ids.planned}/start`, 'admin').send({ on: '2026-11-28' }));
    expect(result).toMatchObject({ id: ids.planned, stream: `audit-${ids.planned}`, revision: 1 });
    expect(await lastEvent()).toMatchObject({ type: 'AuditStarted', data: { auditId: ids.planned, on: '2026-11-28' }, metadata: { actor: 'admin-1' } });
  });

  it('raises a finding with a new id, carrying the certification and the requirement', async () => {
    const result = expectCommandResult(await post(`/audits/${ids.started}/findings`).send({ ...finding, severity: 'minor', raisedOn: '2026-10-03' }));
    expect(result.id).toEqual(expect.any(String));
    expect(result.id).not.toBe(ids.major);
    expect(result).toMatchObject({ stream: `audit-${ids.started}`, revision: 3 });
    expect(await lastEvent()).toMatchObject({
      type: 'FindingRaised',
      data: { auditId: ids.started, certificationId: ids.certification, findingId: result.id, severity: 'minor', requirement: '12.6.c', raisedOn: '2026-10-03', dueOn: '2026-12-31' },
      metadata: { actor: 'compliance-1' },
    });
  });

  it('records a remediation, closes the finding as remediated, then lets the audit pass', async () => {
    const base = `/audits/${ids.started}/findings/${ids.major}`;
    expectCommandResult(await post(`${base}/remediation`).send({ action: 'Retention set to one year', on: '2026-11-28', evidence: [SHA] }));
    expect(await lastEvent()).toMatchObject({
      type: 'FindingRemediated',
      data: { auditId: ids.started, findingId: ids.major, action: 'Retention set to one year', evidence: [SHA], on: '2026-11-28' },
      metadata: { actor: 'compliance-1' },
    });
    expectCommandResult(await post(`${base}/close`).send({ resolution: 'remediated', justification: 'Checked on site' }));
    expect(await lastEvent()).toMatchObject({
      type: 'FindingClosed',
      data: { auditId: ids.started, findingId: ids.major, resolution: 'remediated', justification: 'Checked on site' },
      metadata: { actor: 'compliance-1' },
    });
    const done = expectCommandResult(await post(`/audits/${ids.started}/complete`).send({ verdict: 'pass', on: '2026-10-15', report: SHA }));
    expect(done).toMatchObject({ id: ids.started, revision: 5 });
    expect(await lastEvent()).toMatchObject({
      type: 'AuditCompleted',
      data: { auditId: ids.started, verdict: 'pass', on: '2026-10-15', report: SHA, openFindings: [] },
      metadata: { actor: 'compliance-1' },
    });
  });

  it('completes conditionally with a major finding open, lists it, and still follows it up', async () => {
    expectCommandResult(await post(`/audits/${ids.started}/complete`).send({ verdict: 'conditional', on: '2026-10-15' }));
    expect(await lastEvent()).toMatchObject({ type: 'AuditCompleted', data: { verdict: 'conditional', report: null, openFindings: [ids.major] } });
    expectCommandResult(await post(`/audits/${ids.started}/findings/${ids.major}/close`).send({ resolution: 'risk_accepted', justification: 'Accepted by the board until 2027' }));
    expect(await lastEvent()).toMatchObject({ type: 'FindingClosed', data: { resolution: 'risk_accepted' } });
  });

  /** What is refused, the request (made lazily, once the ids exist), the status, the field named, the role. */
  const rejections: Record<string, Refusal[]> = {
    'POST /audits': [
      ['an unknown field', () => ['/audits', { ...audit, certificationId: ids.certification, room: 'B12' }], 400, 'room'],
      ['a wrong type', () => ['/audits', { ...audit, certificationId: ids.certification, plannedStart: 20261001 }], 400, 'plannedStart'],
      ['an audit kind out of range', () => ['/audits', { ...audit, certificationId: ids.certification, kind: 'annual' }], 400, 'kind'],
      ['an end before the start', () => ['/audits', { ...audit, certificationId: ids.certification, plannedEnd: '2026-09-30' }], 400, 'plannedEnd'],
      ['an e-mail address as auditor', () => ['/audits', { ...audit, certificationId: ids.certification, auditor: 'paul@example.fr' }], 400, 'auditor'],
      ['an unknown certification', () => ['/audits', { ...audit, certificationId: 'nope' }], 404, undefined],
      ['an auditor token', () => ['/audits', { ...audit, certificationId: ids.certification }], 403, undefined, 'auditor'],
    ],
    'POST /audits/:id/start': [
      ['an unknown field', () => [`/audits/${ids.planned}/start`, { on: '2026-10-02', at: 'x' }], 400, 'at'],
      ['an impossible date', () => [`/audits/${ids.planned}/start`, { on: '2026-02-30' }], 400, 'on'],
      ['a start in the future', () => [`/audits/${ids.planned}/start`, { on: '2026-12-01' }], 400, 'on'],
      ['a second start', () => [`/audits/${ids.started}/start`, { on: '2026-10-03' }], 422, undefined],
      ['an unknown audit', () => ['/audits/nope/start', { on: '2026-10-02' }], 404, undefined],
      ['an auditor token', () => [`/audits/${ids.planned}/start`, { on: '2026-10-02' }], 403, undefined, 'auditor'],
    ],
    'POST /audits/:id/findings': [
      ['an unknown field', () => [`/audits/${ids.started}/findings`, { ...finding, owner: 'x' }], 400, 'owner'],
      ['a wrong type', () => [`/audits/${ids.started}/findings`, { ...finding, title: 7 }], 400, 'title'],
      ['a severity out of range', () => [`/audits/${ids.started}/findings`, { ...finding, severity: 'critical' }], 400, 'severity'],
      ['a requirement outside the framework', () => [`/audits/${ids.started}/findings`, { ...finding, requirement: '99.9.z' }], 400, 'requirement'],
      ['a due date before the finding', () => [`/audits/${ids.started}/findings`, { ...finding, raisedOn: '2026-10-05', dueOn: '2026-10-04' }], 400, 'dueOn'],
      ['a finding on an audit not started', () => [`/audits/${ids.planned}/findings`, finding], 422, undefined],
      ['an unknown audit', () => ['/audits/nope/findings', finding], 404, undefined],
      ['an auditor token', () => [`/audits/${ids.started}/findings`, finding], 403, undefined, 'auditor'],
    ],
    'POST /audits/:id/findings/:findingId/remediation': [
      ['an unknown field', () => [`/audits/${ids.started}/findings/${ids.major}/remediation`, { action: 'x', done: true }], 400, 'done'],
      ['evidence that is not a SHA-256', () => [`/audits/${ids.started}/findings/${ids.major}/remediation`, { action: 'x', on: '2026-11-28', evidence: ['report.pdf'] }], 400, 'evidence'],
      ['evidence that was never stored', () => [`/audits/${ids.started}/findings/${ids.major}/remediation`, { action: 'x', on: '2026-11-28', evidence: ['d'.repeat(64)] }], 400, 'evidence'],
      ['a blank action', () => [`/audits/${ids.started}/findings/${ids.major}/remediation`, { action: '   ', on: '2026-11-28' }], 400, 'action'],
      ['an unknown finding', () => [`/audits/${ids.started}/findings/nope/remediation`, { action: 'x', on: '2026-11-28' }], 404, 'findingId'],
      ['an unknown audit', () => [`/audits/nope/findings/${ids.major}/remediation`, { action: 'x', on: '2026-11-28' }], 404, undefined],
      ['an auditor token', () => [`/audits/${ids.started}/findings/${ids.major}/remediation`, { action: 'x', on: '2026-11-28' }], 403, undefined, 'auditor'],
    ],
    'POST /audits/:id/findings/:findingId/close': [
      ['an unknown field', () => [`/audits/${ids.started}/findings/${ids.major}/close`, { resolution: 'risk_accepted', justification: 'x', by: 'y' }], 400, 'by'],
      ['a resolution out of range', () => [`/audits/${ids.started}/findings/${ids.major}/close`, { resolution: 'ignored', justification: 'x' }], 400, 'resolution'],
      ['a risk acceptance without justification', () => [`/audits/${ids.started}/findings/${ids.major}/close`, { resolution: 'risk_accepted' }], 400, 'justification'],
      ['remediated with no remediation', () => [`/audits/${ids.started}/findings/${ids.major}/close`, { resolution: 'remediated', justification: 'x' }], 422, 'resolution'],
      ['an unknown finding', () => [`/audits/${ids.started}/findings/nope/close`, { resolution: 'risk_accepted', justification: 'x' }], 404, 'findingId'],
      ['an auditor token', () => [`/audits/${ids.started}/findings/${ids.major}/close`, { resolution: 'risk_accepted', justification: 'x' }], 403, undefined, 'auditor'],
    ],
    'POST /audits/:id/complete': [
      ['an unknown field', () => [`/audits/${ids.started}/complete`, { verdict: 'fail', on: '2026-10-15', score: 3 }], 400, 'score'],
      ['a verdict out of range', () => [`/audits/${ids.started}/complete`, { verdict: 'maybe', on: '2026-10-15' }], 400, 'verdict'],
      ['a report that is not a SHA-256', () => [`/audits/${ids.started}/complete`, { verdict: 'fail', on: '2026-10-15', report: 'x' }], 400, 'report'],
      ['a report that was never stored', () => [`/audits/${ids.started}/complete`, { verdict: 'fail', on: '2026-10-15', report: 'd'.repeat(64) }], 400, 'report'],
      ['a completion before the start', () => [`/audits/${ids.started}/complete`, { verdict: 'fail', on: '2026-10-01' }], 400, 'on'],
      ['a pass with a major finding open', () => [`/audits/${ids.started}/complete`, { verdict: 'pass', on: '2026-10-15' }], 422, 'verdict'],
      ['an unknown audit', () => ['/audits/nope/complete', { verdict: 'fail', on: '2026-10-15' }], 404, undefined],
      ['an auditor token', () => [`/audits/${ids.started}/complete`, { verdict: 'fail', on: '2026-10-15' }], 403, undefined, 'auditor'],
    ],
  };

  describeRefusals(rejections, () => t, (path, body, role) => post(path, role).send(body));

  it('refuses findings and a new completion once the audit is completed', async () => {
    expectCommandResult(await post(`/audits/${ids.started}/complete`).send({ verdict: 'fail', on: '2026-10-15' }));
    const before = (await t.events()).length;
    expectProblem(await post(`/audits/${ids.started}/findings`).send(finding), 422);
    expectProblem(await post(`/audits/${ids.started}/complete`).send({ verdict: 'pass', on: '2026-10-16' }), 422);
    expect(await t.events()).toHaveLength(before);
  });
});
