import request from 'supertest';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

const BLANK = '   ';

describe('validation gaps: blank texts, causation ids', () => {
  let t: TestApp;
  let cause: { id?: string; eventIds: string[] };
  beforeAll(async () => {
    t = await startTestApp();
    cause = expectCommandResult(await request(t.http).post('/milestones').set('authorization', t.tokens.compliance).send({ title: 'Cause', kind: 'corporate', plannedFor: '2022-06-30' }));
  });
  afterAll(() => t.close());
  const post = (path: string, body: object, headers: Record<string, string> = {}) => request(t.http).post(path).set({ authorization: t.tokens.compliance, ...headers }).send(body);

  it.each([
    ['a milestone title', '/milestones', { title: BLANK, kind: 'corporate', plannedFor: '2022-06-30' }, 'title'],
    ['a milestone source', '/milestones', { title: 't', kind: 'corporate', plannedFor: '2022-06-30', source: BLANK }, 'source'],
    ['a certification label', '/certifications', { label: BLANK, framework: 'secnumcloud-3.2', service: 's' }, 'label'],
    ['a certification service', '/certifications', { label: 'l', framework: 'secnumcloud-3.2', service: '\t \n' }, 'service'],
    ["a person's name", '/people', { subject: 'blank.name', displayName: BLANK }, 'displayName'],
    ["a person's organisation", '/people', { subject: 'blank.org', displayName: 'N', organisation: BLANK }, 'organisation'],
  ])('refuses %s made of spaces with 400 naming it, appending nothing', async (_, path, body, field) => {
    const before = (await t.events()).length;
    expectProblem(await post(path, body), 400, field);
    expect(await t.events()).toHaveLength(before);
  });

  it('refuses a slip reason made of spaces', async () => {
    expectProblem(await post(`/milestones/${cause.id}/slipped`, { plannedFor: '2022-09-30', reason: BLANK }), 400, 'reason');
  });

  it('records X-Causation-Id when it names a recorded event', async () => {
    const caused = expectCommandResult(await post('/milestones', { title: 'Caused', kind: 'corporate', plannedFor: '2022-07-30' }, { 'x-causation-id': cause.eventIds[0] }));
    const event = (await t.events()).find((e) => e.id === caused.eventIds[0]);
    expect(event?.metadata.causationId).toBe(cause.eventIds[0]);
  });

  it.each([
    ['an id naming no event', '0b6b9d1c-0000-4000-8000-000000000000'],
    ['a 5,000-character value', 'a'.repeat(5000)],
    ['a value with spaces', 'not an id'],
  ])('refuses X-Causation-Id with %s with 400 naming the header, appending nothing', async (_, value) => {
    const before = (await t.events()).length;
    const res = await post('/milestones', { title: 'Caused', kind: 'corporate', plannedFor: '2022-07-30' }, { 'x-causation-id': value });
    expectProblem(res, 400, 'X-Causation-Id');
    expect(await t.events()).toHaveLength(before);
  });
});

describe('verify names stored events a strict RFC 8785 verifier cannot check', () => {
  it('names the event and field holding a lone surrogate, and exits 1', async () => {
    const t = await startTestApp();
    await t.store.append('milestone-legacy', [{ id: 'legacy-1', type: 'MilestoneRecorded', data: { milestoneId: 'legacy', title: 'broken \ud800 text' }, actor: 'a', correlationId: 'c' }], 'no_stream');
    await t.app.close();
    try {
      const result = await runCli(t.dataDir, ['verify']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('NOT PORTABLE milestone-legacy revision 0');
      expect(result.stderr).toContain('event legacy-1');
      expect(result.stderr).toContain('data.title holds a lone UTF-16 surrogate');
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});
