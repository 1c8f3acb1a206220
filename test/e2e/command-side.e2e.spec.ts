import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

const milestone = { title: 'Joint company created', kind: 'corporate', plannedFor: '2022-06-30', source: 'press release' };

describe('command side: auth, correlation, If-Match, Idempotency-Key', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
  });
  afterEach(() => t.close());

  const post = (path: string, role: 'admin' | 'compliance' | 'auditor' = 'compliance') =>
    request(t.http).post(path).set('authorization', t.tokens[role]);

  it('records a command with the subject as actor and the given correlation id', async () => {
    const res = await post('/milestones').set('x-correlation-id', 'corr-42').send(milestone);
    const result = expectCommandResult(res);
    expect(res.headers['x-correlation-id']).toBe('corr-42');
    expect(result).toMatchObject({ stream: `milestone-${result.id}`, revision: 0 });
    const [event] = await t.events();
    expect(event).toMatchObject({
      id: result.eventIds[0],
      position: result.position,
      type: 'MilestoneRecorded',
      data: { milestoneId: result.id, title: 'Joint company created', kind: 'corporate', plannedFor: '2022-06-30', occurredOn: null },
      metadata: { actor: 'compliance-1', correlationId: 'corr-42', causationId: null },
    });
  });

  it('makes a correlation id when none is given and returns it', async () => {
    const res = await post('/milestones').send(milestone).expect(201);
    expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.events())[0].metadata.correlationId).toBe(res.headers['x-correlation-id']);
  });

  it('answers 401 without or with a bad token, 403 for an auditor, and appends nothing', async () => {
    expectProblem(await request(t.http).post('/milestones').send(milestone), 401);
    expectProblem(await request(t.http).post('/milestones').set('authorization', 'Bearer cfd_nope').send(milestone), 401);
    expectProblem(await post('/milestones', 'auditor').send(milestone), 403);
    expect(await t.events()).toHaveLength(0);
  });

  it.each([
    ['malformed JSON', '{"title":', undefined],
    ['an unknown field', { ...milestone, owner: 'x' }, 'owner'],
    ['a wrong type', { ...milestone, title: 42 }, 'title'],
    ['a value out of range', { ...milestone, kind: 'party' }, 'kind'],
    ['an impossible date', { ...milestone, plannedFor: '2022-02-30' }, 'plannedFor'],
    ['neither date', { title: 'x', kind: 'corporate' }, 'plannedFor'],
    ['a date in the future', { title: 'x', kind: 'corporate', occurredOn: '2030-01-01' }, 'occurredOn'],
  ])('refuses %s with problem+json and appends nothing', async (_, body, field) => {
    const res = await post('/milestones').set('content-type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
    expectProblem(res, 400, field);
    expect(await t.events()).toHaveLength(0);
  });

  it('answers 404 for a command on a milestone that does not exist', async () => {
    expectProblem(await post('/milestones/nope/achieved').send({ occurredOn: '2022-06-30' }), 404);
    expect(await t.events()).toHaveLength(0);
  });

  it('answers 412 when If-Match names a revision the stream has moved past (RFC 9110)', async () => {
    const created = expectCommandResult(await post('/milestones').send(milestone));
    const slipped = expectCommandResult(
      await post(`/milestones/${created.id}/slipped`).set('if-match', '"0"').send({ plannedFor: '2022-09-30', reason: 'works council' }),
    );
    expect(slipped.revision).toBe(1);
    const stale = await post(`/milestones/${created.id}/achieved`).set('if-match', '"0"').send({ occurredOn: '2022-06-30' });
    expectProblem(stale, 412);
    expect(stale.body.type).toBe('urn:confiance:problem:precondition_failed');
    expect(stale.body.currentRevision).toBe(1);
    expect(await t.events()).toHaveLength(2);
    // A weak tag never matches (strong comparison); a list matches when any tag is current.
    expectProblem(await post(`/milestones/${created.id}/achieved`).set('if-match', 'W/"1"').send({ occurredOn: '2022-06-30' }), 412);
    expect(await t.events()).toHaveLength(2);
    const listed = await post(`/milestones/${created.id}/achieved`).set('if-match', '"0", "1"').send({ occurredOn: '2022-06-30' });
    expect(expectCommandResult(listed).revision).toBe(2);
  });

  it('takes If-Match: * as "the stream exists": 412 for a stream that does not, the command runs on one that does', async () => {
    const creating = await post('/milestones').set('if-match', '*').send(milestone);
    expectProblem(creating, 412);
    expect(creating.body.currentRevision).toBeNull();
    // A resource that does not exist is a 404 whatever the preconditions (RFC 9110 §13.2.1).
    expectProblem(await post('/milestones/nope/achieved').set('if-match', '*').send({ occurredOn: '2022-06-30' }), 404);
    expect(await t.events()).toHaveLength(0);
    const created = expectCommandResult(await post('/milestones').send(milestone));
    const achieved = await post(`/milestones/${created.id}/achieved`).set('if-match', '*').send({ occurredOn: '2022-06-30' });
    expect(expectCommandResult(achieved).revision).toBe(1);
    expect(achieved.headers.etag).toBe('"1"');
  });

  it('refuses an If-Match that is neither * nor entity tags with 400 naming If-Match', async () => {
    const created = expectCommandResult(await post('/milestones').send(milestone));
    expectProblem(await post(`/milestones/${created.id}/achieved`).set('if-match', 'yesterday').send({ occurredOn: '2022-06-30' }), 400, 'If-Match');
    expect(await t.events()).toHaveLength(1);
  });

  it('returns the first answer to a retry with the same Idempotency-Key and appends nothing more', async () => {
    const first = await post('/milestones').set('idempotency-key', 'k-1').send(milestone);
    const retry = await post('/milestones').set('idempotency-key', 'k-1').send(milestone);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(first.headers.etag).toBe('"0"');
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    // Queries carry no command answer's headers: a query's ETag tags its own answer, never a stream's revision.
    const query = await request(t.http).get('/events').set('authorization', t.tokens.auditor);
    expect(query.headers['idempotent-replayed']).toBeUndefined();
    expect(query.headers.etag).toMatch(/^"\d+-[\w-]+"$/);
    expect(await t.events()).toHaveLength(1);
    const reused = await post('/milestones').set('idempotency-key', 'k-1').send({ ...milestone, title: 'other' });
    expectProblem(reused, 422, 'Idempotency-Key');
    expect(await t.events()).toHaveLength(1);
  });

  it('gives concurrent requests with the same Idempotency-Key one set of events and identical answers', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/milestones').set('idempotency-key', 'same').send(milestone)));
    for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
    expect(await t.events()).toHaveLength(1);
  });

  it('retries conflicts of concurrent commands without If-Match, losing no update', async () => {
    const created = expectCommandResult(await post('/milestones').send(milestone));
    const dates = ['2022-07-01', '2022-07-02', '2022-07-03', '2022-07-04', '2022-07-05', '2022-07-06'];
    const answers = await Promise.all(dates.map((plannedFor) => post(`/milestones/${created.id}/slipped`).send({ plannedFor, reason: 'delay' })));
    expect(answers.map((a) => a.status)).toEqual(dates.map(() => 201));
    const slips = (await t.events()).filter((e) => e.type === 'MilestoneSlipped');
    expect(slips.map((e) => e.revision).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(slips.map((e) => e.data.plannedFor))).toEqual(new Set(dates));
  });
});
