import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

const audit = { kind: 'passi', auditor: 'passi-org-1', plannedStart: '2026-10-01', plannedEnd: '2026-10-15' };
const finding = { severity: 'major', requirement: '12.6.c', title: 'Logs kept too briefly', dueOn: '2026-11-30', raisedOn: '2026-10-03' };

describe('audit and finding queries over HTTP', () => {
  let t: TestApp;
  let clock: FixedClock;
  let ids: { certification: string; passi: string; internal: string; major: string; minor: string; beforeFindings: string; last: string };

  const post = (path: string) => request(t.http).post(path).set('authorization', t.tokens.compliance);
  const get = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor);

  beforeAll(async () => {
    clock = new FixedClock(new Date('2026-11-28T12:00:00Z'));
    t = await startTestApp({ clock });
    const certification = expectCommandResult(await post('/certifications').send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud souverain' })).id!;
    const passi = expectCommandResult(await post('/audits').send({ ...audit, certificationId: certification })).id!;
    const internal = expectCommandResult(await post('/audits').send({ ...audit, kind: 'internal', certificationId: certification })).id!;
    const beforeFindings = expectCommandResult(await post(`/audits/${passi}/start`).send({ on: '2026-10-02' })).position;
    const major = expectCommandResult(await post(`/audits/${passi}/findings`).send(finding)).id!;
    const minor = expectCommandResult(await post(`/audits/${passi}/findings`).send({ ...finding, severity: 'minor', dueOn: '2027-01-31' })).id!;
    expectCommandResult(await post(`/audits/${passi}/findings/${minor}/remediation`).send({ action: 'Retention raised to one year', on: '2026-10-20' }));
    const last = expectCommandResult(await post(`/audits/${passi}/findings/${minor}/close`).send({ resolution: 'remediated', justification: 'Verified' })).position;
    ids = { certification, passi, internal, major, minor, beforeFindings, last };
  });
  afterAll(() => t.close());

  it('lists audits of a certification, filtered by status', async () => {
    const all = await get(`/audits?certificationId=${ids.certification}&minPosition=${ids.last}`).expect(200);
    expect(all.body.items.map((a: { auditId: string }) => a.auditId).sort()).toEqual([ids.passi, ids.internal].sort());
    const started = await get('/audits?status=in_progress').expect(200);
    expect(started.body.items).toEqual([expect.objectContaining({ auditId: ids.passi, kind: 'passi', startedOn: '2026-10-02', findings: 2, openFindings: 1 })]);
  });

  it('shows one audit with its findings, and 404 for an unknown one', async () => {
    const one = await get(`/audits/${ids.passi}?minPosition=${ids.last}`).expect(200);
    expect(one.body.findingList.map((f: { findingId: string; status: string }) => [f.findingId, f.status]).sort()).toEqual(
      [[ids.major, 'open'], [ids.minor, 'closed']].sort(),
    );
    expectProblem(await get('/audits/nope'), 404);
  });

  it('lists overdue findings from the clock, and the others', async () => {
    clock.set('2026-12-01T08:00:00Z');
    const overdue = await get(`/findings?overdue=true&minPosition=${ids.last}`).expect(200);
    expect(overdue.body.items).toEqual([expect.objectContaining({ findingId: ids.major, overdue: true, status: 'open' })]);
    const notOverdue = await get('/findings?overdue=false').expect(200);
    expect(notOverdue.body.items).toEqual([expect.objectContaining({ findingId: ids.minor, overdue: false })]);
    const obligations = await get(`/obligations?status=overdue&certificationId=${ids.certification}`).expect(200);
    expect(obligations.body.items).toEqual([expect.objectContaining({ obligation: 'finding_due', subject: ids.major, dueAt: '2026-11-30', metAt: null })]);
    const met = await get('/obligations?status=met').expect(200);
    expect(met.body.items).toEqual([expect.objectContaining({ obligation: 'finding_due', subject: ids.minor, metAt: '2026-11-28' })]);
    clock.set('2026-11-28T12:00:00Z');
    expect((await get('/findings?overdue=true').expect(200)).body.items).toEqual([]);
    expect((await get('/obligations?status=overdue').expect(200)).body.items).toEqual([]);
  });

  it('filters findings by status and severity', async () => {
    const closed = await get(`/findings?status=closed&minPosition=${ids.last}`).expect(200);
    expect(closed.body.items).toEqual([expect.objectContaining({ findingId: ids.minor, resolution: 'remediated', closedOn: '2026-11-28' })]);
    const majors = await get('/findings?severity=major').expect(200);
    expect(majors.body.items.map((f: { findingId: string }) => f.findingId)).toEqual([ids.major]);
  });

  it('answers as of a point before the findings without them', async () => {
    const past = await get(`/findings?asOf=${ids.beforeFindings}`).expect(200);
    expect(past.body.items).toEqual([]);
    const audit = await get(`/audits/${ids.passi}?asOf=${ids.beforeFindings}`).expect(200);
    expect(audit.body).toMatchObject({ findings: 0, status: 'in_progress', findingList: [] });
  });

  it('shows the raised findings in the diff between two points', async () => {
    const diff = await get(`/diff?certificationId=${ids.certification}&from=${ids.beforeFindings}&to=${ids.last}`).expect(200);
    expect(diff.body.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ findingId: ids.major, change: 'raised', to: 'open' }), expect.objectContaining({ findingId: ids.minor, change: 'raised', to: 'closed' })]),
    );
  });

  it('refuses bad filters naming them', async () => {
    expectProblem(await get('/findings?overdue=maybe'), 400, 'overdue');
    expectProblem(await get('/audits?status=done'), 400, 'status');
    expectProblem(await get('/findings?colour=red'), 400, 'colour');
  });
});
