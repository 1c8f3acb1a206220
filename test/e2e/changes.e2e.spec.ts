import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';
import { describeRefusals, type Refusal } from '../support/refusals';

type Role = 'admin' | 'compliance' | 'auditor';
const change = { source: 'vendor-bulletin', release: '2026.11.3', description: 'Hypervisor security fix', receivedAt: '2026-11-20T08:00:00Z' };
const review = { decision: 'approved', risk: 'medium', reviewedAt: '2026-11-21T10:00:00Z' };
const deploy = { deployedAt: '2026-11-22T06:00:00Z', environment: 'production' };
const emergency = { deployedAt: '2026-11-20T09:00:00Z', environment: 'production', emergency: { justification: 'CVE-2026-1234 exploited in the wild' } };

describe('upstream changes over HTTP', () => {
  let t: TestApp;
  /** `received` (not reviewed), `approved` and `rejected` changes. */
  let ids: { received: string; approved: string; rejected: string };

  const post = (path: string, role: Role = 'compliance') => request(t.http).post(path).set('authorization', t.tokens[role]);
  const lastEvent = async () => (await t.events()).at(-1);

  beforeEach(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    const received = expectCommandResult(await post('/changes').send(change)).id!;
    const approved = expectCommandResult(await post('/changes').send(change)).id!;
    expectCommandResult(await post(`/changes/${approved}/review`).send(review));
    const rejected = expectCommandResult(await post('/changes').send(change)).id!;
    expectCommandResult(await post(`/changes/${rejected}/review`).send({ ...review, decision: 'rejected' }));
    ids = { received, approved, rejected };
  });
  afterEach(() => t.close());

  it('receives an upstream release, recorded with its actor', async () => {
    const result = expectCommandResult(await post('/changes', 'admin').send(change));
    expect(result).toMatchObject({ stream: `change-${result.id}`, revision: 0 });
    expect(await lastEvent()).toMatchObject({ id: result.eventIds[0], type: 'UpstreamChangeReceived', data: { changeId: result.id, ...change }, metadata: { actor: 'admin-1' } });
  });

  it('reviews a change with notes', async () => {
    const result = expectCommandResult(await post(`/changes/${ids.received}/review`).send({ ...review, risk: 'high', notes: 'Tested in preproduction' }));
    expect(result).toMatchObject({ id: ids.received, stream: `change-${ids.received}`, revision: 1 });
    expect(await lastEvent()).toMatchObject({
      type: 'ChangeReviewed',
      data: { changeId: ids.received, decision: 'approved', risk: 'high', reviewedAt: review.reviewedAt, notes: 'Tested in preproduction', retrospective: false },
      metadata: { actor: 'compliance-1' },
    });
  });

  it('deploys an approved change', async () => {
    const result = expectCommandResult(await post(`/changes/${ids.approved}/deploy`).send(deploy));
    expect(result).toMatchObject({ id: ids.approved, revision: 2 });
    expect(await lastEvent()).toMatchObject({
      type: 'ChangeDeployed',
      data: { changeId: ids.approved, environment: 'production', deployedAt: deploy.deployedAt, emergency: false, exception: false, justification: null },
      metadata: { actor: 'compliance-1' },
    });
  });

  it('records an emergency deployment before review as an exception, then accepts the retrospective review', async () => {
    expectCommandResult(await post(`/changes/${ids.received}/deploy`).send(emergency));
    expect(await lastEvent()).toMatchObject({
      type: 'ChangeDeployed',
      data: { changeId: ids.received, emergency: true, exception: true, justification: 'CVE-2026-1234 exploited in the wild' },
    });
    expectCommandResult(await post(`/changes/${ids.received}/review`).send(review));
    expect(await lastEvent()).toMatchObject({ type: 'ChangeReviewed', data: { changeId: ids.received, retrospective: true } });
  });

  /** What is refused, the request (made lazily, once the ids exist), the status, the field named, the role. */
  const rejections: Record<string, Refusal[]> = {
    'POST /changes': [
      ['an unknown field', () => ['/changes', { ...change, vendor: 'x' }], 400, 'vendor'],
      ['a wrong type', () => ['/changes', { ...change, release: 2026 }], 400, 'release'],
      ['a blank description', () => ['/changes', { ...change, description: '  ' }], 400, 'description'],
      ['a date without a zone', () => ['/changes', { ...change, receivedAt: '2026-11-20T08:00:00' }], 400, 'receivedAt'],
      ['a reception in the future', () => ['/changes', { ...change, receivedAt: '2026-12-01T08:00:00Z' }], 400, 'receivedAt'],
      ['an auditor token', () => ['/changes', change], 403, undefined, 'auditor'],
    ],
    'POST /changes/:id/review': [
      ['an unknown field', () => [`/changes/${ids.received}/review`, { ...review, by: 'x' }], 400, 'by'],
      ['a decision out of range', () => [`/changes/${ids.received}/review`, { ...review, decision: 'deferred' }], 400, 'decision'],
      ['a risk out of range', () => [`/changes/${ids.received}/review`, { ...review, risk: 'critical' }], 400, 'risk'],
      ['a review in the future', () => [`/changes/${ids.received}/review`, { ...review, reviewedAt: '2026-12-01T08:00:00Z' }], 400, 'reviewedAt'],
      ['a review before the reception', () => [`/changes/${ids.received}/review`, { ...review, reviewedAt: '2026-11-19T08:00:00Z' }], 400, 'reviewedAt'],
      ['a second review', () => [`/changes/${ids.approved}/review`, review], 422, undefined],
      ['an unknown change', () => ['/changes/nope/review', review], 404, undefined],
      ['an auditor token', () => [`/changes/${ids.received}/review`, review], 403, undefined, 'auditor'],
    ],
    'POST /changes/:id/deploy': [
      ['an unknown field', () => [`/changes/${ids.approved}/deploy`, { ...deploy, cluster: 'x' }], 400, 'cluster'],
      ['an unknown nested field', () => [`/changes/${ids.received}/deploy`, { ...emergency, emergency: { justification: 'CVE', foo: 1 } }], 400, 'emergency.foo'],
      ['a wrong type', () => [`/changes/${ids.approved}/deploy`, { ...deploy, environment: 3 }], 400, 'environment'],
      ['an emergency that is not an object', () => [`/changes/${ids.received}/deploy`, { ...deploy, emergency: true }], 400, 'emergency'],
      ['a blank emergency justification', () => [`/changes/${ids.received}/deploy`, { ...emergency, emergency: { justification: '  ' } }], 400, 'emergency.justification'],
      ['a deployment in the future', () => [`/changes/${ids.approved}/deploy`, { ...deploy, deployedAt: '2026-12-01T08:00:00Z' }], 400, 'deployedAt'],
      ['a deployment before the approval', () => [`/changes/${ids.approved}/deploy`, { ...deploy, deployedAt: '2026-11-21T09:00:00Z' }], 400, 'deployedAt'],
      ['a deployment before approval without emergency', () => [`/changes/${ids.received}/deploy`, deploy], 422, 'emergency'],
      ['a rejected change', () => [`/changes/${ids.rejected}/deploy`, emergency], 422, undefined],
      ['an unknown change', () => ['/changes/nope/deploy', deploy], 404, undefined],
      ['an auditor token', () => [`/changes/${ids.approved}/deploy`, deploy], 403, undefined, 'auditor'],
    ],
  };

  describeRefusals(rejections, () => t, (path, body, role) => post(path, role).send(body));

  it('refuses the same release deployed twice to the same environment', async () => {
    expectCommandResult(await post(`/changes/${ids.approved}/deploy`).send(deploy));
    const before = (await t.events()).length;
    expectProblem(await post(`/changes/${ids.approved}/deploy`).send({ ...deploy, deployedAt: '2026-11-23T06:00:00Z' }), 422, 'environment');
    expect(await t.events()).toHaveLength(before);
  });
});

describe('upstream change queries over HTTP', () => {
  let t: TestApp;
  let ids: { received: string; approved: string; deployed: string; urgent: string; beforeDeployment: string; beforeEmergency: string; firstEmergency: string; last: string };

  const post = (path: string) => request(t.http).post(path).set('authorization', t.tokens.compliance);
  const get = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor);
  const idsOf = (body: { items: { changeId: string }[] }) => body.items.map((c) => c.changeId).sort();

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    const received = expectCommandResult(await post('/changes').send({ ...change, source: 'os-images' })).id!;
    const approved = expectCommandResult(await post('/changes').send(change)).id!;
    expectCommandResult(await post(`/changes/${approved}/review`).send(review));
    const deployed = expectCommandResult(await post('/changes').send(change)).id!;
    const beforeDeployment = expectCommandResult(await post(`/changes/${deployed}/review`).send(review)).position;
    expectCommandResult(await post(`/changes/${deployed}/deploy`).send(deploy));
    const urgentResult = expectCommandResult(await post('/changes').send(change));
    const urgent = urgentResult.id!;
    const firstEmergency = expectCommandResult(await post(`/changes/${urgent}/deploy`).send({ ...emergency, environment: 'preproduction' })).position;
    const last = expectCommandResult(await post(`/changes/${urgent}/deploy`).send(emergency)).position;
    ids = { received, approved, deployed, urgent, beforeDeployment, beforeEmergency: urgentResult.position, firstEmergency, last };
  });
  afterAll(() => t.close());

  it('lists every change, paginated, and filters by status and source', async () => {
    const all = await get(`/changes?minPosition=${ids.last}`).expect(200);
    expect(idsOf(all.body)).toEqual([ids.received, ids.approved, ids.deployed, ids.urgent].sort());
    const first = await get('/changes?limit=3').expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await get(`/changes?limit=3&after=${first.body.next}`).expect(200);
    expect(second.body).toMatchObject({ next: null, items: [expect.any(Object)] });
    expect(idsOf((await get('/changes?status=approved').expect(200)).body)).toEqual([ids.approved]);
    expect(idsOf((await get('/changes?status=deployed').expect(200)).body)).toEqual([ids.deployed]);
    expect(idsOf((await get('/changes?source=os-images').expect(200)).body)).toEqual([ids.received]);
  });

  it('lists open exceptions, and closes them once the retrospective review is recorded', async () => {
    const open = await get(`/changes?status=exception&minPosition=${ids.last}`).expect(200);
    expect(open.body.items).toEqual([expect.objectContaining({ changeId: ids.urgent, reviewedBeforeDeployment: false, decision: null })]);
    const reviewed = expectCommandResult(await post(`/changes/${ids.urgent}/review`).send(review)).position;
    expect((await get(`/changes?status=exception&minPosition=${reviewed}`).expect(200)).body.items).toEqual([]);
    const one = await get(`/changes/${ids.urgent}`).expect(200);
    expect(one.body).toMatchObject({ status: 'deployed', retrospectiveReview: true, reviewedBeforeDeployment: false, decision: 'approved' });
    expect(one.body.deployments.map((d: { environment: string; exception: boolean }) => [d.environment, d.exception])).toEqual([['preproduction', true], ['production', true]]);
  });

  it('shows one change with its review and deployments, and 404 for an unknown one', async () => {
    const one = await get(`/changes/${ids.deployed}?minPosition=${ids.last}`).expect(200);
    expect(one.body).toMatchObject({
      changeId: ids.deployed, source: change.source, release: change.release, receivedAt: change.receivedAt, decision: 'approved', risk: 'medium',
      reviewedAt: review.reviewedAt, status: 'deployed', reviewedBeforeDeployment: true, asOf: null,
      deployments: [expect.objectContaining({ environment: 'production', deployedAt: deploy.deployedAt, emergency: false, exception: false, justification: null })],
      recorded: expect.objectContaining({ actor: 'compliance-1' }),
    });
    expectProblem(await get('/changes/nope'), 404);
  });

  it('answers as of a point before the deployment: approved, nothing deployed', async () => {
    const past = await get(`/changes/${ids.deployed}?asOf=${ids.beforeDeployment}`).expect(200);
    expect(past.body).toMatchObject({ asOf: ids.beforeDeployment, status: 'approved', deployments: [], reviewedBeforeDeployment: null });
    expect((await get(`/changes?status=deployed&asOf=${ids.beforeDeployment}`).expect(200)).body.items).toEqual([]);
    expect(idsOf((await get(`/changes?status=approved&asOf=${ids.beforeDeployment}`).expect(200)).body)).toEqual([ids.approved, ids.deployed].sort());
  });

  it('answers as of points before and between the emergency deployments', async () => {
    const before = await get(`/changes/${ids.urgent}?asOf=${ids.beforeEmergency}`).expect(200);
    expect(before.body).toMatchObject({ status: 'received', deployments: [] });
    expect((await get(`/changes?status=exception&asOf=${ids.beforeEmergency}`).expect(200)).body.items).toEqual([]);
    const between = await get(`/changes/${ids.urgent}?asOf=${ids.firstEmergency}`).expect(200);
    expect(between.body).toMatchObject({ status: 'exception', reviewedBeforeDeployment: false });
    expect(between.body.deployments.map((d: { environment: string }) => d.environment)).toEqual(['preproduction']);
  });

  it('refuses bad filters naming them', async () => {
    expectProblem(await get('/changes?status=pending'), 400, 'status');
    expectProblem(await get('/changes?colour=red'), 400, 'colour');
    expectProblem(await get('/changes?asOf=yesterday'), 400, 'asOf');
  });
});
