import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { ReadModelStore } from '../../src/read-side/read-model-store';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

describe('read side: queries, as-of, minPosition, replay', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2022-07-01T09:00:00Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    request(t.http).post(path).set('authorization', t.tokens.compliance).set(headers).send(body).expect(201).then((r) => r.body);
  const get = (path: string, role: 'auditor' | 'compliance' = 'auditor') => request(t.http).get(path).set('authorization', t.tokens[role]);

  let certification: { id: string; position: string };
  let company: { id: string; position: string };
  let afterFiling: string;

  it('answers a query right after a command when given its position (minPosition)', async () => {
    certification = await post('/certifications', { label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud de confiance', filedOn: '2022-02-01' });
    afterFiling = certification.position;
    const res = await get(`/certifications/${certification.id}?minPosition=${certification.position}`).expect(200);
    expect(res.body).toMatchObject({ id: certification.id, status: 'applied', framework: 'secnumcloud-3.2', valid: false });
    expect(res.body.readiness).toHaveLength(15);
    expect(res.body.readiness[0]).toMatchObject({ chapter: '5', requirements: 15, applicable: 15, notAssessed: 15, coverage: 0 });
  });

  it('lists every requirement of the framework with its status, filtered and paginated', async () => {
    const page = await get(`/certifications/${certification.id}/requirements?chapter=12&limit=5`).expect(200);
    expect(page.body.items).toHaveLength(5);
    expect(page.body.items[0]).toMatchObject({ ref: '12.1.a', chapter: '12', status: 'not_assessed', applicable: null });
    expect(page.body.items[0].summary.en.length).toBeGreaterThan(10);
    const next = await get(`/certifications/${certification.id}/requirements?chapter=12&limit=5&after=${page.body.next}`).expect(200);
    expect(next.body.items[0].ref).not.toBe(page.body.items[4].ref);
    expect(next.body.items.every((r: { chapter: string }) => r.chapter === '12')).toBe(true);
    const all = await get(`/certifications/${certification.id}/requirements?limit=500`).expect(200);
    expect(all.body.items).toHaveLength(278);
    expect(all.body.next).toBeNull();
  });

  it('shows the certification lifecycle and the timeline, planned against achieved', async () => {
    for (const [step, on] of [['J0', '2022-03-01'], ['J1', '2022-04-01'], ['J2', '2022-05-01'], ['J3', '2022-06-01']]) {
      await post(`/certifications/${certification.id}/steps`, { step, on });
    }
    await post(`/certifications/${certification.id}/grant`, { grantedOn: '2022-06-15', validUntil: '2025-06-14' });
    company = await post('/milestones', { title: 'Joint company created', kind: 'corporate', plannedFor: '2022-03-31' });
    await post(`/milestones/${company.id}/slipped`, { plannedFor: '2022-06-30', reason: 'regulatory approvals' });
    const achieved = await post(`/milestones/${company.id}/achieved`, { occurredOn: '2022-06-30' });

    const cert = await get(`/certifications/${certification.id}?minPosition=${achieved.position}`).expect(200);
    expect(cert.body).toMatchObject({ status: 'granted', grantedOn: '2022-06-15', validUntil: '2025-06-14', valid: true, expired: false });
    expect(cert.body.steps.map((s: { step: string }) => s.step)).toEqual(['J0', 'J1', 'J2', 'J3']);

    const timeline = await get('/timeline?from=2022-01-01&to=2022-12-31').expect(200);
    const entry = timeline.body.items.find((e: { key: string }) => e.key === `milestone:${company.id}`);
    expect(entry).toMatchObject({ originallyPlannedFor: '2022-03-31', plannedFor: '2022-06-30', occurredOn: '2022-06-30', status: 'achieved', slipDays: 91 });
    expect(timeline.body.items.map((e: { date: string }) => e.date)).toEqual([...timeline.body.items.map((e: { date: string }) => e.date)].sort());
  });

  it('answers as of a past position without the events after it', async () => {
    const past = await get(`/certifications/${certification.id}?asOf=${afterFiling}`).expect(200);
    expect(past.body).toMatchObject({ status: 'applied', steps: [], asOf: afterFiling });
    const requirement = await get(`/certifications/${certification.id}/requirements/12.1.a?asOf=${afterFiling}`).expect(200);
    expect(requirement.body).toMatchObject({ ref: '12.1.a', status: 'not_assessed', asOf: afterFiling });
    const byInstant = await get(`/certifications/${certification.id}/requirements/12.1.a?asOf=2022-07-01T09:00:00Z`).expect(200);
    expect(byInstant.body.asOf).toMatch(/^\d+$/);
    const timeline = await get(`/timeline?asOf=${afterFiling}`).expect(200);
    expect(timeline.body.items.find((e: { key: string }) => e.key === `milestone:${company.id}`)).toBeUndefined();
    const before = await get(`/certifications?asOf=2000-01-01T00:00:00Z`).expect(200);
    expect(before.body.items).toEqual([]);
  });

  it('browses events with filters, follows a stream with its chain status and an investigation', async () => {
    const events = await get(`/events?category=milestone&type=MilestoneSlipped`).expect(200);
    expect(events.body.items).toHaveLength(1);
    expect(events.body.items[0]).toMatchObject({ stream: `milestone-${company.id}`, metadata: { actor: 'compliance-1' } });
    const paged = await get('/events?limit=2').expect(200);
    const rest = await get(`/events?limit=2&after=${paged.body.next}`).expect(200);
    expect(BigInt(rest.body.items[0].position)).toBeGreaterThan(BigInt(paged.body.items[1].position));

    const ofStream = await get(`/events?stream=milestone-${company.id}&limit=2`).expect(200);
    expect(ofStream.body.items.map((e: { type: string }) => e.type)).toEqual(['MilestoneRecorded', 'MilestoneSlipped']);
    expect((await get(`/events?stream=milestone-${company.id}&after=${ofStream.body.next}`).expect(200)).body.items.map((e: { type: string }) => e.type)).toEqual(['MilestoneAchieved']);
    const stream = await get(`/streams/milestone-${company.id}`).expect(200);
    expect(stream.body).toMatchObject({ revision: 2, chain: { ok: true, firstBroken: null } });
    expect(stream.body.items.map((e: { type: string }) => e.type)).toEqual(['MilestoneRecorded', 'MilestoneSlipped', 'MilestoneAchieved']);

    const cause = await post('/milestones', { title: 'Operations start', kind: 'operational', plannedFor: '2023-01-15' }, { 'x-correlation-id': 'case-7' });
    await post(`/milestones/${cause.id}/slipped`, { plannedFor: '2023-03-01', reason: 'audit finding' }, { 'x-correlation-id': 'case-7', 'x-causation-id': cause.eventIds[0] });
    const case7 = await get('/investigations/case-7').expect(200);
    expect(case7.body.items.map((e: { type: string }) => e.type)).toEqual(['MilestoneRecorded', 'MilestoneSlipped']);
    expect(case7.body.items[1].causes).toEqual([expect.objectContaining({ id: cause.eventIds[0], type: 'MilestoneRecorded' })]);
    const byCorrelation = await get('/events?correlationId=case-7&limit=1').expect(200);
    expect(byCorrelation.body.items.map((e: { id: string }) => e.id)).toEqual([cause.eventIds[0]]);
    expect((await get(`/events?correlationId=case-7&after=${byCorrelation.body.next}`).expect(200)).body.items[0].type).toBe('MilestoneSlipped');
    expectProblem(await get('/investigations/nothing-here'), 404);
    expectProblem(await get('/streams/milestone-none'), 404);
  });

  it('pages the timeline in date order, ties by key, live and as of a past position, with the key of the last entry as cursor', async () => {
    const kickOff = await post('/milestones', { title: 'Kick-off', kind: 'corporate', plannedFor: '2022-06-30' });
    await post('/milestones', { title: 'Board approval', kind: 'corporate', plannedFor: '2022-06-30' });
    const beforeMove = (await post('/milestones', { title: 'Data room', kind: 'operational', plannedFor: '2022-01-10' })).position;
    const moved = await post(`/milestones/${kickOff.id}/slipped`, { plannedFor: '2024-01-01', reason: 'financing' });
    await get(`/timeline?minPosition=${moved.position}`).expect(200);

    const walk = async (query: string) => {
      const pages: { items: { key: string; date: string }[]; next: string | null }[] = [];
      for (let after: string | null = null; pages.length === 0 || after !== null; after = pages[pages.length - 1].next) {
        pages.push((await get(`/timeline?limit=2${query}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`).expect(200)).body);
      }
      return pages;
    };
    const entries = (pages: { items: { key: string; date: string }[] }[]) => pages.flatMap((p) => p.items.map((e) => `${e.date} ${e.key}`));
    for (const query of ['', '&from=2022-06-30&to=2023-12-31', `&asOf=${beforeMove}`, `&asOf=${beforeMove}&from=2022-06-30`]) {
      const pages = await walk(query);
      const whole = (await get(`/timeline?limit=500${query}`).expect(200)).body;
      expect(entries(pages)).toEqual(entries([whole]));
      expect(entries(pages)).toEqual([...entries(pages)].sort());
      expect(pages.slice(0, -1).every((p) => p.items.length === 2 && p.next === p.items[1].key)).toBe(true);
      expect(whole.next).toBeNull();
    }
    const keyOf = (date: string, pages: { items: { key: string; date: string }[] }[]) => pages.flatMap((p) => p.items).filter((e) => e.date === date).map((e) => e.key);
    expect(keyOf('2024-01-01', await walk(''))).toEqual([`milestone:${kickOff.id}`]);
    expect(keyOf('2022-06-30', await walk(`&asOf=${beforeMove}`))).toContain(`milestone:${kickOff.id}`);

    expectProblem(await get('/timeline?after=milestone:none'), 400, 'after');
    expectProblem(await get(`/timeline?asOf=${beforeMove}&after=milestone:none`), 400, 'after');
    expectProblem(await get(`/timeline?from=2023-01-01&after=milestone:${company.id}`), 400, 'after');
  });

  it('refuses bad query parameters with problem+json naming them', async () => {
    expectProblem(await get('/timeline?from=yesterday'), 400, 'from');
    expectProblem(await get('/certifications?limit=0'), 400, 'limit');
    expectProblem(await get('/certifications?color=blue'), 400, 'color');
    expectProblem(await get(`/certifications/${certification.id}/requirements?status=great`), 400, 'status');
    expectProblem(await get('/certifications/none'), 404);
    expectProblem(await request(t.http).get('/timeline'), 401);
  });

  it('rebuilds every read model by replay to the same documents as the live ones', async () => {
    const store = t.app.get(ReadModelStore);
    const snapshot = () => ({
      ...Object.fromEntries(['certifications', 'requirement-status', 'timeline'].map((name) => [name, store.list(name)])),
      timelineInDateOrder: store.listOrdered('timeline', { by: 'date' }).map(({ key }) => key),
    });
    const head = (await request(t.http).get('/health').expect(200)).body.headPosition;
    await get(`/timeline?minPosition=${head}`).expect(200);
    const live = snapshot();
    expectProblem(await request(t.http).post('/admin/replay').set('authorization', t.tokens.compliance).send({}), 403);
    const report = await request(t.http).post('/admin/replay').set('authorization', t.tokens.admin).send({}).expect(200);
    expect(report.body.events).toBe(Number(head));
    expect(snapshot()).toEqual(live);
    expect(store.lanes().filter((l) => l.state !== 'active')).toEqual([]);
  });

  it('replays one read model named in the query string or the body, and refuses an unknown name naming projection', async () => {
    const replay = (query: string, body: object = {}) => request(t.http).post(`/admin/replay${query}`).set('authorization', t.tokens.admin).send(body);
    expect((await replay('?projection=timeline').expect(200)).body.projections).toEqual(['timeline']);
    expect((await replay('', { projection: 'certifications' }).expect(200)).body.projections).toEqual(['certifications']);
    expect((await replay('?projection=timeline', { projection: 'timeline' }).expect(200)).body.projections).toEqual(['timeline']);
    expectProblem(await replay('?projection=nope'), 400, 'projection');
    expectProblem(await replay('', { projection: 'nope' }), 400, 'projection');
    expectProblem(await replay('?projection=timeline', { projection: 'certifications' }), 400, 'projection');
    expectProblem(await replay('?projections=timeline'), 400, 'projections');
  });
});
