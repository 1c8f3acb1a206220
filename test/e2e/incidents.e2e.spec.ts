import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';
import { describeRefusals, type Refusal } from '../support/refusals';

type Role = 'admin' | 'compliance' | 'auditor';
const incident = { title: 'Hypervisor console exposed', severity: 'high', detectedAt: '2026-11-27T08:00:00Z', personalData: true, significant: true };
const notification = { recipient: 'ANSSI', kind: 'early_warning', sentAt: '2026-11-27T12:00:00Z', reference: 'CERTFR-2026-001' };

describe('incident commands over HTTP', () => {
  let t: TestApp;
  /** A certification; incidents `open` (detected), `contained`, and `resolved` (contained then resolved). */
  let ids: { certification: string; open: string; contained: string; resolved: string };
  /** SHA-256 of post-mortems stored as evidence. */
  let postmortems: [string, string];

  const post = (path: string, role: Role = 'compliance') => request(t.http).post(path).set('authorization', t.tokens[role]);
  const lastEvent = async () => (await t.events()).at(-1);
  const detect = async (body: object = incident) => expectCommandResult(await post('/incidents').send(body)).id!;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    const certification = expectCommandResult(await post('/certifications').send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud souverain' })).id!;
    const [open, contained, resolved] = [await detect(), await detect(), await detect()];
    for (const id of [contained, resolved]) expectCommandResult(await post(`/incidents/${id}/contain`).send({ at: '2026-11-27T10:00:00Z' }));
    expectCommandResult(await post(`/incidents/${resolved}/resolve`).send({ at: '2026-11-28T09:00:00Z', summary: 'Console firewalled' }));
    ids = { certification, open, contained, resolved };
    const store = async (text: string) => (await post('/evidence').attach('file', Buffer.from(text), 'post-mortem.txt').expect(201)).body.sha256 as string;
    postmortems = [await store('Post-mortem: console exposure'), await store('Post-mortem, revised')];
  });
  afterAll(() => t.close());

  it('records a detected incident of a certification, in UTC, with its actor', async () => {
    const result = expectCommandResult(await post('/incidents').send({ ...incident, certificationId: ids.certification, detectedAt: '2026-11-27T09:00:00+01:00' }));
    expect(result).toMatchObject({ id: expect.any(String), stream: `incident-${result.id}`, revision: 0 });
    expect(await lastEvent()).toMatchObject({
      id: result.eventIds[0],
      type: 'IncidentDetected',
      data: { incidentId: result.id, certificationId: ids.certification, title: incident.title, severity: 'high', detectedAt: '2026-11-27T08:00:00.000Z', personalData: true, significant: true },
      metadata: { actor: 'compliance-1' },
    });
  });

  it('records an incident of the whole platform when no certification is named', async () => {
    const result = expectCommandResult(await post('/incidents', 'admin').send({ ...incident, personalData: false }));
    expect(await lastEvent()).toMatchObject({ type: 'IncidentDetected', data: { incidentId: result.id, certificationId: null, personalData: false }, metadata: { actor: 'admin-1' } });
  });

  it('records notifications, containment, resolution and post-mortem through the incident lifecycle', async () => {
    const id = await detect();
    const sent = expectCommandResult(await post(`/incidents/${id}/notifications`).send(notification));
    expect(sent).toMatchObject({ id, stream: `incident-${id}`, revision: 1 });
    expect(await lastEvent()).toMatchObject({
      type: 'NotificationSent',
      data: { incidentId: id, recipient: 'ANSSI', kind: 'early_warning', sentAt: '2026-11-27T12:00:00.000Z', reference: 'CERTFR-2026-001' },
      metadata: { actor: 'compliance-1' },
    });
    expectCommandResult(await post(`/incidents/${id}/contain`).send({ at: '2026-11-27T10:00:00Z' }));
    expect(await lastEvent()).toMatchObject({ type: 'IncidentContained', data: { incidentId: id, at: '2026-11-27T10:00:00.000Z' }, metadata: { actor: 'compliance-1' } });
    expectCommandResult(await post(`/incidents/${id}/resolve`).send({ at: '2026-11-28T09:00:00Z', summary: 'Console firewalled, keys rotated' }));
    expect(await lastEvent()).toMatchObject({ type: 'IncidentResolved', data: { incidentId: id, at: '2026-11-28T09:00:00.000Z', summary: 'Console firewalled, keys rotated' } });
    const attached = expectCommandResult(await post(`/incidents/${id}/postmortem`).send({ evidence: postmortems[0] }));
    expect(attached.revision).toBe(4);
    expect(await lastEvent()).toMatchObject({ type: 'PostmortemAttached', data: { incidentId: id, evidence: postmortems[0] }, metadata: { actor: 'compliance-1' } });
  });

  /** What is refused, the request (made lazily, once the ids exist), the status, the field named, the role. */
  const rejections: Record<string, Refusal[]> = {
    'POST /incidents': [
      ['an unknown field', () => ['/incidents', { ...incident, room: 'B12' }], 400, 'room'],
      ['a wrong type', () => ['/incidents', { ...incident, personalData: 'yes' }], 400, 'personalData'],
      ['a severity out of range', () => ['/incidents', { ...incident, severity: 'catastrophic' }], 400, 'severity'],
      ['an instant without a zone', () => ['/incidents', { ...incident, detectedAt: '2026-11-27T08:00:00' }], 400, 'detectedAt'],
      ['a detection in the future', () => ['/incidents', { ...incident, detectedAt: '2026-11-29T08:00:00Z' }], 400, 'detectedAt'],
      ['a blank title', () => ['/incidents', { ...incident, title: '  ' }], 400, 'title'],
      ['a missing significance', () => ['/incidents', { ...incident, significant: undefined }], 400, 'significant'],
      ['an unknown certification', () => ['/incidents', { ...incident, certificationId: 'nope' }], 404, undefined],
      ['an auditor token', () => ['/incidents', incident], 403, undefined, 'auditor'],
    ],
    'POST /incidents/:id/notifications': [
      ['an unknown field', () => [`/incidents/${ids.open}/notifications`, { ...notification, cc: 'x' }], 400, 'cc'],
      ['a recipient out of range', () => [`/incidents/${ids.open}/notifications`, { ...notification, recipient: 'press' }], 400, 'recipient'],
      ['a kind out of range', () => [`/incidents/${ids.open}/notifications`, { ...notification, kind: 'tweet' }], 400, 'kind'],
      ['a kind the recipient is not sent', () => [`/incidents/${ids.open}/notifications`, { ...notification, recipient: 'customers' }], 400, 'kind'],
      ['a wrong type', () => [`/incidents/${ids.open}/notifications`, { ...notification, sentAt: 1764244800 }], 400, 'sentAt'],
      ['a notification before the detection', () => [`/incidents/${ids.open}/notifications`, { ...notification, sentAt: '2026-11-27T07:00:00Z' }], 400, 'sentAt'],
      ['a notification in the future', () => [`/incidents/${ids.open}/notifications`, { ...notification, sentAt: '2026-11-29T07:00:00Z' }], 400, 'sentAt'],
      ['an unknown incident', () => ['/incidents/nope/notifications', notification], 404, undefined],
      ['an auditor token', () => [`/incidents/${ids.open}/notifications`, notification], 403, undefined, 'auditor'],
    ],
    'POST /incidents/:id/contain': [
      ['an unknown field', () => [`/incidents/${ids.open}/contain`, { at: '2026-11-27T10:00:00Z', how: 'x' }], 400, 'how'],
      ['a wrong type', () => [`/incidents/${ids.open}/contain`, { at: true }], 400, 'at'],
      ['a containment in the future', () => [`/incidents/${ids.open}/contain`, { at: '2026-11-28T13:00:00Z' }], 400, 'at'],
      ['a containment before the detection', () => [`/incidents/${ids.open}/contain`, { at: '2026-11-26T10:00:00Z' }], 400, 'at'],
      ['a second containment', () => [`/incidents/${ids.contained}/contain`, { at: '2026-11-27T11:00:00Z' }], 422, undefined],
      ['a containment of a resolved incident', () => [`/incidents/${ids.resolved}/contain`, { at: '2026-11-28T10:00:00Z' }], 422, undefined],
      ['an unknown incident', () => ['/incidents/nope/contain', { at: '2026-11-27T10:00:00Z' }], 404, undefined],
      ['an auditor token', () => [`/incidents/${ids.open}/contain`, { at: '2026-11-27T10:00:00Z' }], 403, undefined, 'auditor'],
    ],
    'POST /incidents/:id/resolve': [
      ['an unknown field', () => [`/incidents/${ids.contained}/resolve`, { at: '2026-11-28T09:00:00Z', summary: 'x', cost: 3 }], 400, 'cost'],
      ['a blank summary', () => [`/incidents/${ids.contained}/resolve`, { at: '2026-11-28T09:00:00Z', summary: ' ' }], 400, 'summary'],
      ['a resolution in the future', () => [`/incidents/${ids.contained}/resolve`, { at: '2026-11-29T09:00:00Z', summary: 'x' }], 400, 'at'],
      ['a resolution before the containment', () => [`/incidents/${ids.contained}/resolve`, { at: '2026-11-27T09:00:00Z', summary: 'x' }], 400, 'at'],
      ['a resolution before any containment', () => [`/incidents/${ids.open}/resolve`, { at: '2026-11-28T09:00:00Z', summary: 'x' }], 422, undefined],
      ['a second resolution', () => [`/incidents/${ids.resolved}/resolve`, { at: '2026-11-28T10:00:00Z', summary: 'x' }], 422, undefined],
      ['an unknown incident', () => ['/incidents/nope/resolve', { at: '2026-11-28T09:00:00Z', summary: 'x' }], 404, undefined],
      ['an auditor token', () => [`/incidents/${ids.contained}/resolve`, { at: '2026-11-28T09:00:00Z', summary: 'x' }], 403, undefined, 'auditor'],
    ],
    'POST /incidents/:id/postmortem': [
      ['an unknown field', () => [`/incidents/${ids.resolved}/postmortem`, { evidence: postmortems[0], pages: 3 }], 400, 'pages'],
      ['evidence that is not a SHA-256', () => [`/incidents/${ids.resolved}/postmortem`, { evidence: 'postmortem.pdf' }], 400, 'evidence'],
      ['evidence that was never stored', () => [`/incidents/${ids.resolved}/postmortem`, { evidence: 'e'.repeat(64) }], 400, 'evidence'],
      ['a post-mortem before resolution', () => [`/incidents/${ids.contained}/postmortem`, { evidence: postmortems[0] }], 422, undefined],
      ['an unknown incident', () => ['/incidents/nope/postmortem', { evidence: postmortems[0] }], 404, undefined],
      ['an auditor token', () => [`/incidents/${ids.resolved}/postmortem`, { evidence: postmortems[0] }], 403, undefined, 'auditor'],
    ],
  };

  describeRefusals(rejections, () => t, (path, body, role) => post(path, role).send(body));

  it('refuses the same notification and the same post-mortem twice', async () => {
    const id = await detect();
    expectCommandResult(await post(`/incidents/${id}/notifications`).send(notification));
    expectCommandResult(await post(`/incidents/${ids.resolved}/postmortem`).send({ evidence: postmortems[1] }));
    const before = (await t.events()).length;
    expectProblem(await post(`/incidents/${id}/notifications`).send(notification), 422, 'sentAt');
    expectProblem(await post(`/incidents/${ids.resolved}/postmortem`).send({ evidence: postmortems[1] }), 422, 'evidence');
    expect(await t.events()).toHaveLength(before);
  });
});

describe('incident queries over HTTP', () => {
  let t: TestApp;
  let clock: FixedClock;
  /** `breach` (personal data, of the certification, customers informed); `outage` (significant, platform-wide, contained, customers not informed). */
  let ids: { certification: string; breach: string; outage: string; beforeOutage: string; beforeWarning: string; last: string };

  const post = (path: string) => request(t.http).post(path).set('authorization', t.tokens.compliance);
  const get = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor);
  const idsOf = (body: { items: { incidentId: string }[] }) => body.items.map((i) => i.incidentId).sort();

  beforeAll(async () => {
    clock = new FixedClock(new Date('2026-11-28T12:00:00Z'));
    t = await startTestApp({ clock });
    const certification = expectCommandResult(await post('/certifications').send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud souverain' })).id!;
    const created = expectCommandResult(await post('/incidents').send({ ...incident, certificationId: certification, significant: false }));
    const breach = created.id!;
    expectCommandResult(await post(`/incidents/${breach}/notifications`).send({ recipient: 'customers', kind: 'information', sentAt: '2026-11-27T20:00:00Z' }));
    const beforeOutage = expectCommandResult(await post(`/incidents/${breach}/contain`).send({ at: '2026-11-27T09:00:00Z' })).position;
    const outageResult = expectCommandResult(await post('/incidents').send({ ...incident, personalData: false, detectedAt: '2026-11-26T08:00:00Z' }));
    const outage = outageResult.id!;
    expectCommandResult(await post(`/incidents/${outage}/notifications`).send({ ...notification, sentAt: '2026-11-26T12:00:00Z' }));
    const last = expectCommandResult(await post(`/incidents/${outage}/contain`).send({ at: '2026-11-26T18:00:00Z' })).position;
    ids = { certification, breach, outage, beforeOutage, beforeWarning: outageResult.position, last };
    await get(`/incidents?minPosition=${last}`).expect(200);
  });
  afterAll(() => t.close());

  it('lists incidents, filtered by certification and status', async () => {
    expect(idsOf((await get('/incidents').expect(200)).body)).toEqual([ids.breach, ids.outage].sort());
    expect(idsOf((await get(`/incidents?certificationId=${ids.certification}`).expect(200)).body)).toEqual([ids.breach]);
    expect(idsOf((await get('/incidents?status=contained').expect(200)).body)).toEqual([ids.breach, ids.outage].sort());
    expect((await get('/incidents?status=resolved').expect(200)).body).toMatchObject({ items: [], next: null });
  });

  it('pages through the register', async () => {
    const first = (await get('/incidents?limit=1').expect(200)).body;
    expect(first.items).toHaveLength(1);
    const second = (await get(`/incidents?limit=1&after=${first.next}`).expect(200)).body;
    expect(second).toMatchObject({ items: [expect.any(Object)], next: null });
    expect([first.items[0].incidentId, second.items[0].incidentId].sort()).toEqual([ids.breach, ids.outage].sort());
  });

  it('flags a deadline overdue from the clock: customers of the outage were never informed', async () => {
    const overdue = (await get('/incidents?overdue=true').expect(200)).body.items;
    expect(overdue).toEqual([expect.objectContaining({ incidentId: ids.outage, overdue: true })]);
    const deadlines = Object.fromEntries(overdue[0].deadlines.map((d: { obligation: string }) => [d.obligation, d]));
    expect(deadlines).toMatchObject({
      nis2_early_warning: { status: 'met', metAt: '2026-11-26T12:00:00.000Z', overdue: false },
      nis2_notification: { status: 'pending', dueAt: '2026-11-29T08:00:00.000Z', overdue: false },
      customer_information: { status: 'pending', dueAt: '2026-11-27T08:00:00.000Z', overdue: true },
    });
    expect(idsOf((await get('/incidents?overdue=false').expect(200)).body)).toEqual([ids.breach]);
  });

  it('turns the CNIL notification overdue once 72 h have passed', async () => {
    clock.set('2026-11-30T08:00:01Z');
    try {
      expect(idsOf((await get('/incidents?overdue=true').expect(200)).body)).toEqual([ids.breach, ids.outage].sort());
      const breach = (await get(`/incidents/${ids.breach}`).expect(200)).body;
      expect(breach.deadlines).toEqual([
        expect.objectContaining({ obligation: 'cnil_notification', recipient: 'CNIL', dueAt: '2026-11-30T08:00:00.000Z', status: 'pending', overdue: true }),
        expect.objectContaining({ obligation: 'customer_information', status: 'met', metAt: '2026-11-27T20:00:00.000Z', overdue: false }),
      ]);
    } finally {
      clock.set('2026-11-28T12:00:00Z');
    }
  });

  it('shows one incident with its facts, notifications and deadlines; 404 for an unknown one', async () => {
    const outage = (await get(`/incidents/${ids.outage}`).expect(200)).body;
    expect(outage).toMatchObject({
      incidentId: ids.outage, certificationId: null, status: 'contained', detectedAt: '2026-11-26T08:00:00.000Z', containedAt: '2026-11-26T18:00:00.000Z', resolvedAt: null,
      postmortem: null, overdue: true, asOf: null,
      notifications: [{ recipient: 'ANSSI', kind: 'early_warning', sentAt: '2026-11-26T12:00:00.000Z', reference: notification.reference, recorded: { actor: 'compliance-1' } }],
    });
    expectProblem(await get('/incidents/nope'), 404);
  });

  it('answers as of a point before an event without it', async () => {
    const past = (await get(`/incidents/${ids.outage}?asOf=${ids.beforeWarning}`).expect(200)).body;
    expect(past).toMatchObject({ status: 'open', notifications: [], containedAt: null, asOf: ids.beforeWarning });
    expect(past.deadlines.find((d: { obligation: string }) => d.obligation === 'nis2_early_warning')).toMatchObject({ status: 'pending', metAt: null });
    expect(idsOf((await get(`/incidents?asOf=${ids.beforeOutage}`).expect(200)).body)).toEqual([ids.breach]);
    expectProblem(await get(`/incidents/${ids.outage}?asOf=${ids.beforeOutage}`), 404);
  });

  it('feeds the obligations register with the incident deadlines', async () => {
    const overdue = (await get('/obligations?status=overdue').expect(200)).body.items;
    expect(overdue).toEqual([expect.objectContaining({ obligation: 'customer_information', subject: ids.outage, certificationId: null })]);
  });

  it('refuses bad filters naming them', async () => {
    expectProblem(await get('/incidents?overdue=maybe'), 400, 'overdue');
    expectProblem(await get('/incidents?status=closed'), 400, 'status');
    expectProblem(await get('/incidents?colour=red'), 400, 'colour');
    expectProblem(await get(`/incidents/${ids.outage}?asOf=yesterday`), 400, 'asOf');
  });
});
