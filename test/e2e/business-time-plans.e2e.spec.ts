import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

/**
 * Decisions have a business date of their own: a statement of applicability,
 * an audit plan and a milestone slip hold from the day they were made, and a
 * corrected date must still find the evidence it relies on in effect.
 */
describe('business time over HTTP: dated decisions and corrections against evidence', () => {
  let t: TestApp;
  let cert: string;
  let policy: string;

  const post = (path: string) => request(t.http).post(path).set('authorization', t.tokens.compliance);
  const put = (path: string) => request(t.http).put(path).set('authorization', t.tokens.compliance);
  const get = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor);
  const requirement = async (ref: string, query: string) => (await get(`/certifications/${cert}/requirements/${ref}?${query}`).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    cert = expectCommandResult(await post('/certifications').send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud', filedOn: '2022-01-10' })).id!;
    const upload = await post('/evidence').attach('file', Buffer.from('Information security policy v3'), 'policy.txt').field('effectiveOn', '2022-12-01').expect(201);
    policy = upload.body.sha256;
  });
  afterAll(() => t.close());

  it('refuses to correct a check to a date before its evidence took effect, naming the evidence, and records nothing', async () => {
    const checkId = expectCommandResult(
      await post(`/certifications/${cert}/requirements/5.2.a/checks`).send({ result: 'passed', method: 'document_review', performedAt: '2023-01-10T09:00:00Z', evidence: [policy] }),
    ).id!;
    const before = (await t.events()).length;
    const refused = await post(`/certifications/${cert}/requirements/5.2.a/checks/${checkId}/corrections`).send({ field: 'performedAt', value: '2022-06-01T09:00:00Z', reason: 'Typed the wrong year' });
    expectProblem(refused, 422, 'value');
    expect(refused.body.detail).toContain(policy);
    expect(refused.body.detail).toContain('2022-06-01');
    expect((await t.events()).length).toBe(before);
    expectCommandResult(await post(`/certifications/${cert}/requirements/5.2.a/checks/${checkId}/corrections`).send({ field: 'performedAt', value: '2022-12-05T09:00:00Z', reason: 'Performed in December' }));
    expect(await requirement('5.2.a', 'validAt=2022-12-31')).toMatchObject({ status: 'passed', latestCheck: { checkId, performedAt: '2022-12-05T09:00:00.000Z' } });
  });

  it('refuses to correct a remediation day to before its evidence took effect, naming the evidence', async () => {
    const audit = expectCommandResult(await post('/audits').send({ certificationId: cert, kind: 'internal', auditor: 'ines.internal', plannedStart: '2022-11-14', plannedEnd: '2022-11-18' })).id!;
    expectCommandResult(await post(`/audits/${audit}/start`).send({ on: '2022-11-14' }));
    const finding = expectCommandResult(await post(`/audits/${audit}/findings`).send({ severity: 'minor', requirement: '5.2.a', title: 'Policy outdated', raisedOn: '2022-11-15', dueOn: '2023-01-31' })).id!;
    expectCommandResult(await post(`/audits/${audit}/findings/${finding}/remediation`).send({ action: 'Policy v3 adopted', on: '2022-12-02', evidence: [policy] }));
    const refused = await post(`/audits/${audit}/findings/${finding}/corrections`).send({ field: 'remediatedOn', value: '2022-11-20', reason: 'Adopted earlier' });
    expectProblem(refused, 422, 'value');
    expect(refused.body.detail).toContain(policy);
    expectCommandResult(await post(`/audits/${audit}/findings/${finding}/corrections`).send({ field: 'remediatedOn', value: '2022-12-01', reason: 'Adopted the day it took effect' }));
  });

  it('reads a statement of applicability from the day it holds, not before', async () => {
    expectCommandResult(await put(`/certifications/${cert}/requirements/8.3.a/applicability`).send({ applicable: false, justification: 'No removable media in scope', on: '2022-03-01' }));
    expect(await requirement('8.3.a', 'validAt=2022-02-28')).toMatchObject({ applicable: null, statedOn: null, status: 'not_assessed' });
    expect(await requirement('8.3.a', 'validAt=2022-03-01')).toMatchObject({ applicable: false, justification: 'No removable media in scope', statedOn: '2022-03-01' });
    expect(await requirement('8.3.a', '')).toMatchObject({ applicable: false, statedOn: '2022-03-01' });
    const notApplicable = (await get(`/certifications/${cert}/requirements?chapter=8&validAt=2022-02-28&status=not_assessed&limit=500`).expect(200)).body.items;
    expect(notApplicable).toEqual(expect.arrayContaining([expect.objectContaining({ ref: '8.3.a', applicable: null })]));
    expectProblem(await put(`/certifications/${cert}/requirements/8.3.a/applicability`).send({ applicable: true, justification: 'In scope again', on: '2022-02-01' }), 400, 'on');
    expectProblem(await put(`/certifications/${cert}/requirements/8.3.a/applicability`).send({ applicable: true, justification: 'In scope again', on: '2027-01-01' }), 400, 'on');
    expectProblem(await put(`/certifications/${cert}/requirements/8.3.a/applicability`).send({ applicable: true, justification: 'In scope again', on: 'last week' }), 400, 'on');
  });

  it('knows an audit from the day it was planned: absent before, planned, then in progress', async () => {
    const audit = expectCommandResult(
      await post('/audits').send({ certificationId: cert, kind: 'passi', auditor: 'paul.passi', plannedStart: '2023-05-15', plannedEnd: '2023-05-26', plannedOn: '2023-01-20' }),
    ).id!;
    expectCommandResult(await post(`/audits/${audit}/start`).send({ on: '2023-05-15' }));
    expectProblem(await get(`/audits/${audit}?validAt=2023-01-19`), 404);
    expect((await get(`/audits/${audit}?validAt=2023-02-01`).expect(200)).body).toMatchObject({ status: 'planned', startedOn: null, plannedOn: '2023-01-20', validAt: '2023-02-01' });
    expect((await get(`/audits/${audit}?validAt=2023-05-16`).expect(200)).body).toMatchObject({ status: 'in_progress', startedOn: '2023-05-15' });
    const listed = async (validAt: string) => (await get(`/audits?certificationId=${cert}&validAt=${validAt}`).expect(200)).body.items.map((a: { auditId: string }) => a.auditId);
    expect(await listed('2023-01-19')).not.toContain(audit);
    expect(await listed('2023-01-20')).toContain(audit);
    const onTimeline = async (validAt: string) => ((await get(`/timeline?validAt=${validAt}&limit=500`).expect(200)).body.items as { key: string }[]).some((e) => e.key === `audit:${audit}`);
    expect(await onTimeline('2023-01-19')).toBe(false);
    expect(await onTimeline('2023-01-20')).toBe(true);
    expectProblem(await post('/audits').send({ certificationId: cert, kind: 'passi', auditor: 'paul.passi', plannedStart: '2023-05-15', plannedEnd: '2023-05-26', plannedOn: '2023-06-01' }), 400, 'plannedOn');
    expectProblem(await post('/audits').send({ certificationId: cert, kind: 'passi', auditor: 'paul.passi', plannedStart: '2023-05-15', plannedEnd: '2023-05-26', plannedOn: '20230101' }), 400, 'plannedOn');
  });

  it('keeps a milestone late on its first plan until the slip was decided, then planned for the new date', async () => {
    const id = expectCommandResult(await post('/milestones').send({ title: 'Joint company created', kind: 'corporate', plannedFor: '2022-03-31' })).id!;
    expectCommandResult(await post(`/milestones/${id}/slipped`).send({ plannedFor: '2022-06-30', reason: 'Regulatory approvals', on: '2022-05-15' }));
    const entry = async (validAt: string) => ((await get(`/timeline?validAt=${validAt}&limit=500`).expect(200)).body.items as { key: string }[]).find((e) => e.key === `milestone:${id}`);
    expect(await entry('2022-05-01')).toMatchObject({ status: 'late', plannedFor: '2022-03-31', daysLate: 31, slips: [] });
    expect(await entry('2022-05-15')).toMatchObject({ status: 'planned', plannedFor: '2022-06-30', slips: [{ to: '2022-06-30', on: '2022-05-15' }] });
    expectProblem(await post(`/milestones/${id}/slipped`).send({ plannedFor: '2022-09-30', reason: 'Again', on: '2022-05-01' }), 400, 'on');
    expectProblem(await post(`/milestones/${id}/slipped`).send({ plannedFor: '2022-09-30', reason: 'Again', on: '2026-13-01' }), 400, 'on');
  });
});
