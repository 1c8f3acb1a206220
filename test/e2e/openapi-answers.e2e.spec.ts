import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { answerValidator, operationsOf, type OpenApiDocument, type Operation } from '../support/openapi';
import { createOpensslTsa, type OpensslTsa, type ServedTsa } from '../support/openssl-tsa';

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  (res as unknown as NodeJS.ReadableStream).on('data', (chunk: Buffer) => chunks.push(chunk));
  (res as unknown as NodeJS.ReadableStream).on('end', () => done(null, Buffer.concat(chunks)));
};

describe('real answers validate against the OpenAPI document (ajv), on the demo data', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-openapi-'));
  let t: TestApp;
  let document: OpenApiDocument;
  let validate: ReturnType<typeof answerValidator>;
  let tsa: OpensslTsa;
  let served: ServedTsa;
  /** A real value for each path parameter, by the path's first segment and the parameter's name. */
  const ids: Record<string, string> = {};
  const get = (url: string) => request(t.http).get(url).set('authorization', t.tokens.admin);
  const firstOf = async (url: string) => (await get(url).expect(200)).body.items[0] as Record<string, string>;

  beforeAll(async () => {
    expect(await runCli(dataDir, ['demo'])).toMatchObject({ code: 0 });
    // A checkpoint as soon as the tree has caught up with the demo, for GET /transparency/checkpoint and the proofs,
    // time-stamped by a real TSA (OpenSSL) for GET /transparency/timestamp.
    tsa = await createOpensslTsa();
    served = await tsa.serve();
    t = await startTestApp({}, { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000', CHECKPOINT_INTERVAL_SECONDS: '0', TSA_URL: served.url });
    document = (await request(t.http).get('/docs/json').expect(200)).body;
    validate = answerValidator(document);
    const event = await firstOf('/events?type=PersonRegistered');
    Object.assign(ids, {
      'certifications:id': (await firstOf('/certifications')).id,
      'audits:id': (await firstOf('/audits')).auditId,
      'incidents:id': (await firstOf('/incidents')).incidentId,
      'changes:id': (await firstOf('/changes')).changeId,
      'frameworks:id': (await firstOf('/frameworks')).id,
      'evidence:sha256': (await firstOf('/evidence')).sha256,
      'people:subject': (event.data as unknown as { subject: string }).subject,
      'streams:stream': event.stream,
      'events:id': event.id,
      'findings:id': (await firstOf('/findings')).findingId,
      'investigations:correlationId': (event.metadata as unknown as { correlationId: string }).correlationId,
      'query:eventId': event.id,
    });
    ids['query:certificationId'] = ids['certifications:id'];
    const checked = (await get(`/certifications/${ids['certifications:id']}/requirements?status=passed`).expect(200)).body.items[0];
    ids['certifications:ref'] = checked.ref;
    for (let attempt = 0; attempt < 200 && !ids['query:treeSize']; attempt++) {
      const [latest] = (await get('/transparency/checkpoints').expect(200)).body.items as { treeSize: number; timestamp: string | null }[];
      if (latest?.timestamp) ids['query:treeSize'] = String(latest.treeSize);
      else await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await served.close();
    tsa.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The operation's URL with real ids, and the required query parameters filled in. */
  function urlOf(path: string, operation: Operation, query: Record<string, string> = {}): string {
    const area = path.split('/')[1];
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(ids[`${area}:${name}`] ?? ids[`certifications:${name}`] ?? `missing-${name}`));
    const required = Object.fromEntries(
      (operation.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => [p.name, ids[`query:${p.name}`] ?? '10']),
    );
    // The diff compares from a recording point, a business date or both: one of from and validFrom is required.
    if (operation.operationId === 'history_diff' && query.validFrom === undefined) required.from = '10';
    const search = new URLSearchParams({ ...required, ...query }).toString();
    return search ? `${url}?${search}` : url;
  }

  it('finds every GET operation of the document, and a real id for each path parameter', () => {
    const gets = operationsOf(document).filter((o) => o.method === 'get');
    expect(gets.length).toBeGreaterThan(25);
    for (const { path, operation } of gets) expect(urlOf(path, operation)).not.toContain('missing-');
  });

  it('answers every GET operation with 200 and a body its declared schema accepts, first pages and second pages', async () => {
    const problems: string[] = [];
    for (const { path, operation } of operationsOf(document).filter((o) => o.method === 'get')) {
      const [mediaType] = Object.keys(operation.responses['200']?.content ?? {});
      if (mediaType === undefined) {
        problems.push(`${operation.operationId}: no 200 content`);
        continue;
      }
      if (mediaType !== 'application/json') {
        const answer = await get(urlOf(path, operation)).buffer(true).parse(binary);
        expect({ operation: operation.operationId, status: answer.status }).toEqual({ operation: operation.operationId, status: 200 });
        if (mediaType !== '*/*') expect(answer.headers['content-type']).toContain(mediaType);
        if (mediaType === 'application/pdf') expect((answer.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
        if (mediaType === '*/*') expect(createHash('sha256').update(answer.body as Buffer).digest('hex')).toBe(ids['evidence:sha256']);
        continue;
      }
      const paged = operation.parameters?.some((p) => p.name === 'limit');
      const first = await get(urlOf(path, operation, paged ? { limit: '2' } : {}));
      expect({ operation: operation.operationId, status: first.status }).toEqual({ operation: operation.operationId, status: 200 });
      expect(first.headers['content-type']).toMatch(/^application\/json/);
      problems.push(...validate(operation, first.status, first.body));
      if (paged) {
        expect(first.body.items.length).toBeGreaterThan(0);
        if (first.body.next !== null) {
          // Lists of the log page with `after`; the checkpoints, newest first, with `before`.
          const cursor = operation.parameters?.some((p) => p.name === 'before') ? 'before' : 'after';
          const second = await get(urlOf(path, operation, { limit: '2', [cursor]: String(first.body.next) })).expect(200);
          problems.push(...validate(operation, second.status, second.body));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('validates list answers under their filters: overdue findings, incidents and evidence, requirements by status', async () => {
    const operation = (path: string) => document.paths[path].get;
    const problems: string[] = [];
    for (const [path, query] of [
      ['/findings', 'overdue=false'],
      ['/incidents', 'overdue=false'],
      ['/evidence', 'expired=false'],
      ['/obligations', 'status=met'],
      ['/events', 'category=audit'],
    ] as const) {
      const answer = await get(`${path}?${query}`).expect(200);
      expect(answer.body.items.length).toBeGreaterThan(0);
      problems.push(...validate(operation(path), 200, answer.body));
    }
    const asOf = await get(`/certifications/${ids['certifications:id']}?asOf=40`).expect(200);
    problems.push(...validate(operation('/certifications/{id}'), 200, asOf.body));
    expect(asOf.body.asOf).toBe('40');
    expect(problems).toEqual([]);
  });

  it('answers problems with the documented problem+json schema', async () => {
    const problems: string[] = [];
    const notFound = await get('/audits/no-such-audit').expect(404);
    problems.push(...validate(document.paths['/audits/{id}'].get, 404, notFound.body));
    const invalid = await get('/audits?limit=0').expect(400);
    problems.push(...validate(document.paths['/audits'].get, 400, invalid.body));
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
    const anonymous = await request(t.http).get('/audits').expect(401);
    problems.push(...validate(document.paths['/audits'].get, 401, anonymous.body));
    const forbidden = await request(t.http).post('/admin/replay').set('authorization', t.tokens.auditor).send({}).expect(403);
    problems.push(...validate(document.paths['/admin/replay'].post, 403, forbidden.body));
    expect(problems).toEqual([]);
  });

  it('answers commands with the documented status, ETag and schema', async () => {
    const problems: string[] = [];
    const as = (token: string) => (method: 'post' | 'put' | 'delete', path: string, url: string, body?: object) => ({ method, path, url, body, token });
    const compliance = as(t.tokens.compliance);
    const cert = ids['certifications:id'];
    const run = async (call: ReturnType<typeof compliance>, status: number) => {
      const answer = await request(t.http)[call.method](call.url).set('authorization', call.token).send(call.body);
      expect({ url: call.url, status: answer.status }).toEqual({ url: call.url, status });
      problems.push(...validate(document.paths[call.path][call.method], answer.status, answer.body));
      return answer;
    };
    const milestone = await run(compliance('post', '/milestones', '/milestones', { title: 'Contract signed', kind: 'corporate', plannedFor: '2024-01-15' }), 201);
    expect(milestone.headers.etag).toBe('"0"');
    await run(compliance('post', '/milestones/{id}/achieved', `/milestones/${milestone.body.id}/achieved`, { occurredOn: '2024-01-16' }), 201);
    const applicability = `/certifications/${cert}/requirements/18.1.c/applicability`;
    const statement = { applicable: false, justification: 'No customer-side hardware is in scope' };
    await run(compliance('put', '/certifications/{id}/requirements/{ref}/applicability', applicability, statement), 201);
    await run(compliance('put', '/certifications/{id}/requirements/{ref}/applicability', applicability, statement), 200);
    const checks = `/certifications/${cert}/requirements/${ids['certifications:ref']}/checks`;
    await run(compliance('post', '/certifications/{id}/requirements/{ref}/checks', checks, { result: 'passed', method: 'manual', performedAt: '2024-02-01T10:00:00Z' }), 201);
    await run(compliance('post', '/people', '/people', { subject: 'openapi.person', displayName: 'Open Api', email: 'open.api@example.fr' }), 201);
    await run(as(t.tokens.admin)('delete', '/people/{subject}', '/people/openapi.person'), 200);
    const erased = await get('/people/openapi.person').expect(200);
    problems.push(...validate(document.paths['/people/{subject}'].get, 200, erased.body));
    await run(as(t.tokens.admin)('post', '/admin/replay', '/admin/replay', { projection: 'timeline' }), 200);
    for (const status of [201, 200]) {
      const upload = await request(t.http).post('/evidence').set('authorization', t.tokens.compliance).attach('file', Buffer.from('openapi evidence'), 'note.txt');
      expect(upload.status).toBe(status);
      problems.push(...validate(document.paths['/evidence'].post, upload.status, upload.body));
    }
    expect(problems).toEqual([]);
  });

  it('answers the sovereignty simulation, commands and evaluation with their documented schemas, breaches and notices included', async () => {
    const problems: string[] = [];
    const post = async (path: string, body: object, status: number) => {
      const answer = await request(t.http).post(path).set('authorization', t.tokens.compliance).send(body);
      expect({ path, status: answer.status, body: answer.body as unknown }).toMatchObject({ path, status });
      problems.push(...validate(document.paths[path].post, answer.status, answer.body));
      return answer;
    };
    const planned = [
      { holder: 'french-group', of: 'joint-company', capitalPercent: 72, votingPercent: 72, on: '2027-01-01' },
      { holder: 'us-partner-ireland', of: 'joint-company', capitalPercent: 28, votingPercent: 28, on: '2027-01-01' },
    ];
    const simulation = await post('/sovereignty/simulate', { changes: planned }, 200);
    expect(simulation.body).toMatchObject({ recorded: false, breaks: [{ requirement: '19.6.b' }] });
    expect(simulation.headers.etag).toBeUndefined();
    for (const holding of planned) await post('/sovereignty/holdings', { ...holding, on: '2025-01-01' }, 201);
    await post('/sovereignty/control-rights', { holder: 'us-partner', of: 'joint-company', kind: 'veto', on: '2025-02-01' }, 201);
    const access = { party: 'Remote support (test)', jurisdiction: 'US', path: 'support', reachesData: true, operates: true, qualified: false, from: '2025-03-01' };
    await post('/sovereignty/access', access, 201);
    await post('/sovereignty/locations', { kind: 'data', name: 'Backup site (test)', country: 'US', from: '2025-04-01', to: '2025-12-31' }, 201);
    const evaluation = await get('/sovereignty?validAt=2025-06-01').expect(200);
    problems.push(...validate(document.paths['/sovereignty'].get, 200, evaluation.body));
    const verdicts = Object.values(evaluation.body.requirements as Record<string, { verdict: string }>).map((r) => r.verdict);
    expect(verdicts.filter((v) => v === 'breached').length).toBeGreaterThanOrEqual(4);
    const kinds = (evaluation.body.notices as { reasons: { kind: string }[] }[]).flatMap((n) => n.reasons.map((r) => r.kind));
    expect(kinds).toEqual(expect.arrayContaining(['verdict', 'threshold_crossed', 'control_right_added', 'access_opened', 'location_outside_eu']));
    const [first] = evaluation.body.notices as { obligation: string }[];
    await post('/sovereignty/notices', { obligation: first.obligation, sentAt: '2025-01-10T09:00:00Z', reference: 'Customer letter (test)' }, 201);
    // The documented command headers hold: a stale If-Match is refused, a retry with the same Idempotency-Key replays the answer.
    const waiver = { obligation: (evaluation.body.notices as { obligation: string }[])[1].obligation, reason: 'Covered by the letter already sent (test)' };
    const stale = await request(t.http).post('/sovereignty/waivers').set('authorization', t.tokens.compliance).set('if-match', '"1"').send(waiver).expect(412);
    problems.push(...validate(document.paths['/sovereignty/waivers'].post, 412, stale.body));
    const [waived, replay] = [
      await request(t.http).post('/sovereignty/waivers').set('authorization', t.tokens.compliance).set('idempotency-key', 'waiver-1').send(waiver),
      await request(t.http).post('/sovereignty/waivers').set('authorization', t.tokens.compliance).set('idempotency-key', 'waiver-1').send(waiver),
    ];
    problems.push(...validate(document.paths['/sovereignty/waivers'].post, waived.status, waived.body));
    expect([waived.status, replay.status, replay.headers['idempotent-replayed'], replay.body.eventIds]).toEqual([201, 201, 'true', waived.body.eventIds]);
    expect(waived.body.eventIds).toHaveLength(1);
    expect(waived.headers.etag).toBe(`"${waived.body.revision}"`);
    const after = await get('/sovereignty?validAt=2025-06-01').expect(200);
    problems.push(...validate(document.paths['/sovereignty'].get, 200, after.body));
    expect(after.body.notices[0]).toMatchObject({ obligation: first.obligation, status: 'met' });

    // A plan of every kind, a change review naming an access path, and a requirement row computed from the evaluation.
    const plan = { kind: 'veto', holder: 'us-partner', of: 'joint-company', on: '2027-02-01' };
    const planned2 = await post('/sovereignty/simulate', { controlRights: [plan], access: [{ ...access, from: '2027-02-01' }], locations: [{ kind: 'support', name: 'Support (test)', country: 'CA', from: '2027-02-01' }] }, 200);
    expect(planned2.body.planned).toMatchObject({ controlRights: [{ controlRightId: 'planned-right-1' }], access: [{ accessId: 'planned-access-1' }], locations: [{ locationId: 'planned-location-1' }] });
    const change = await request(t.http).post('/changes').set('authorization', t.tokens.compliance).send({ source: 'vendor (test)', release: 'r1', description: 'Diagnostics agent', receivedAt: '2025-05-01T08:00:00Z' }).expect(201);
    const review = await request(t.http).post(`/changes/${change.body.id}/review`).set('authorization', t.tokens.compliance)
      .send({ decision: 'approved', risk: 'high', reviewedAt: '2025-05-02T08:00:00Z', accessPath: { effect: 'adds', party: 'Vendor diagnostics (test)', jurisdiction: 'US' } });
    problems.push(...validate(document.paths['/changes/{id}/review'].post, review.status, review.body));
    const reviewed = await get('/sovereignty?validAt=2025-06-01').expect(200);
    problems.push(...validate(document.paths['/sovereignty'].get, 200, reviewed.body));
    expect(reviewed.body.notices.at(-1)).toMatchObject({ obligation: `change-${change.body.id}`, fact: 'ChangeReviewed', reasons: [{ kind: 'access_path_reviewed' }] });
    expect(reviewed.body.accessReviews).toHaveLength(1);
    const row = await get('/certifications/scn-demo/requirements/19.6.b?validAt=2025-06-01').expect(200);
    problems.push(...validate(document.paths['/certifications/{id}/requirements/{ref}'].get, 200, row.body));
    expect(row.body).toMatchObject({ status: 'failed', computedCheck: { source: 'sovereignty_evaluation', result: 'failed' } });
    expect(problems).toEqual([]);
  });
});
