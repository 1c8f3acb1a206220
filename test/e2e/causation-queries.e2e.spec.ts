import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

describe('causation in the event log: what an event caused, and what caused it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    request(t.http).post(path).set('authorization', t.tokens.compliance).set(headers).send(body).expect(201).then((r) => r.body as { id: string; position: string; eventIds: string[] });
  const get = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor);

  it('lists the direct effects of an event (?causationId=) and follows causation both ways from any event', async () => {
    const plan = await post('/milestones', { title: 'Operations start', kind: 'operational', plannedFor: '2023-01-15' });
    const root = plan.eventIds[0];
    // The slip is caused by the plan; the achievement by the slip, under another correlation.
    const slip = await post(`/milestones/${plan.id}/slipped`, { plannedFor: '2023-03-01', reason: 'audit finding' }, { 'x-causation-id': root });
    const unrelated = await post('/milestones', { title: 'Board approval', kind: 'corporate', plannedFor: '2023-02-01' });
    const achieved = await post(`/milestones/${plan.id}/achieved`, { occurredOn: '2023-03-02' }, { 'x-causation-id': slip.eventIds[0], 'x-correlation-id': 'case-9' });

    const direct = await get(`/events?causationId=${root}`).expect(200);
    expect(direct.body.items.map((e: { id: string }) => e.id)).toEqual([slip.eventIds[0]]);
    expect((await get(`/events?causationId=${slip.eventIds[0]}&type=MilestoneAchieved`).expect(200)).body.items).toHaveLength(1);
    expect((await get(`/events?causationId=${unrelated.eventIds[0]}`).expect(200)).body.items).toEqual([]);

    const fromRoot = await get(`/events/${root}/effects`).expect(200);
    expect(fromRoot.body.event.id).toBe(root);
    expect(fromRoot.body.causes).toEqual([]);
    expect(fromRoot.body.effects.map((e: { type: string; depth: number }) => [e.type, e.depth])).toEqual([
      ['MilestoneSlipped', 1],
      ['MilestoneAchieved', 2],
    ]);
    expect(fromRoot.body.truncated).toBe(false);

    const fromLeaf = await get(`/events/${achieved.eventIds[0]}/effects`).expect(200);
    expect(fromLeaf.body.causes.map((c: { id: string }) => c.id)).toEqual([slip.eventIds[0], root]);
    expect(fromLeaf.body.effects).toEqual([]);

    // As the ledger knew it before the achievement was recorded, the plan had caused only the slip.
    const before = await get(`/events/${root}/effects?asOf=${unrelated.position}`).expect(200);
    expect(before.body.effects.map((e: { id: string }) => e.id)).toEqual([slip.eventIds[0]]);
    expectProblem(await get(`/events/${achieved.eventIds[0]}/effects?asOf=${unrelated.position}`), 404);
  });

  it('answers 404 for an unknown event and 400 naming a malformed point', async () => {
    expectProblem(await get('/events/00000000-0000-4000-8000-000000000000/effects'), 404);
    const bad = await get('/events/00000000-0000-4000-8000-000000000000/effects?asOf=yesterday');
    expectProblem(bad, 400, 'asOf');
  });
});
