import { createHash } from 'node:crypto';
import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, storeEvidence, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

type Caller = 'admin' | 'compliance' | 'auditor' | 'none';
/** Evidence the tests store before citing it. */
const EVIDENCE = 'Retention job report, November 2026';
const SHA = createHash('sha256').update(EVIDENCE).digest('hex');
const statement = { applicable: true, justification: 'Logs of the qualified service are in scope' };
const check = { result: 'passed', method: 'automated', performedAt: '2026-11-20T10:00:00Z', evidence: [SHA], notes: 'retention job verified' };

describe('requirements of a certification over HTTP: applicability and control checks', () => {
  let t: TestApp;
  /** A certification under evaluation and a withdrawn one. */
  let ids: { certification: string; withdrawn: string };

  const call = (method: 'put' | 'post' | 'get', path: string, as: Caller = 'compliance') => {
    const req = request(t.http)[method](path);
    return as === 'none' ? req : req.set('authorization', t.tokens[as]);
  };
  const requirement = (ref = '12.6.c', certification = ids.certification) => `/certifications/${certification}/requirements/${ref}`;
  const lastEvent = async () => (await t.events()).at(-1);

  beforeEach(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    await storeEvidence(t, EVIDENCE);
    const file = { label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud souverain', filedOn: '2026-01-05' };
    const certification = expectCommandResult(await call('post', '/certifications').send(file)).id!;
    const withdrawn = expectCommandResult(await call('post', '/certifications').send(file)).id!;
    expectCommandResult(await call('post', `/certifications/${withdrawn}/withdraw`).send({ on: '2026-11-01', reason: 'service discontinued' }));
    ids = { certification, withdrawn };
  });
  afterEach(() => t.close());

  it('states applicability in the requirement stream with its actor, then answers 200 and appends nothing when restated', async () => {
    const res = await call('put', `${requirement()}/applicability`).send(statement);
    const result = expectCommandResult(res, 201);
    expect(result).toMatchObject({ stream: `control-${ids.certification}:12.6.c`, revision: 0 });
    expect(await lastEvent()).toMatchObject({
      id: result.eventIds[0],
      type: 'ApplicabilityStated',
      data: { certificationId: ids.certification, framework: 'secnumcloud-3.2', ref: '12.6.c', ...statement },
      metadata: { actor: 'compliance-1' },
    });
    const before = (await t.events()).length;
    const again = expectCommandResult(await call('put', `${requirement()}/applicability`, 'admin').send(statement), 200);
    expect(again).toMatchObject({ stream: result.stream, revision: 0, position: result.position, eventIds: [] });
    expect(await t.events()).toHaveLength(before);
  });

  it('records a check answering its id, then shows it on the requirement with its history', async () => {
    const stated = expectCommandResult(await call('put', `${requirement()}/applicability`).send(statement));
    const result = expectCommandResult(await call('post', `${requirement()}/checks`, 'admin').send(check));
    expect(result).toMatchObject({ id: expect.any(String), stream: stated.stream, revision: 1 });
    expect(await lastEvent()).toMatchObject({
      id: result.eventIds[0],
      type: 'ControlCheckRecorded',
      data: { certificationId: ids.certification, framework: 'secnumcloud-3.2', ref: '12.6.c', checkId: result.id, ...check, performedAt: '2026-11-20T10:00:00.000Z' },
      metadata: { actor: 'admin-1' },
    });
    const shown = await call('get', `${requirement()}?minPosition=${result.position}`, 'auditor').expect(200);
    expect(shown.body).toMatchObject({
      ref: '12.6.c',
      chapter: '12',
      applicable: true,
      justification: statement.justification,
      status: 'passed',
      checks: 1,
      evidence: [SHA],
      latestCheck: { checkId: result.id, result: 'passed', method: 'automated', notes: 'retention job verified', recorded: { actor: 'admin-1', position: result.position } },
    });
    expect(shown.body.history.map((h: { type: string }) => h.type)).toEqual(['ApplicabilityStated', 'ControlCheckRecorded']);
    // The list counts the evidence; the requirement itself lists it.
    const listed = await call('get', `/certifications/${ids.certification}/requirements?chapter=12&limit=500&minPosition=${result.position}`, 'auditor').expect(200);
    const row = listed.body.items.find((r: { ref: string }) => r.ref === '12.6.c');
    expect(row).toMatchObject({ status: 'passed', checks: 1, evidenceCount: 1, latestCheck: { evidence: [SHA] } });
    expect(row).not.toHaveProperty('evidence');
  });

  it('takes a not_applicable result only once the requirement is stated not applicable', async () => {
    const na = { ...check, result: 'not_applicable', evidence: [] };
    expectProblem(await call('post', `${requirement('8.3.a')}/checks`).send(na), 422, 'result');
    // Stated before the check's day (2026-11-20): a check is judged by the statement in force on its own day.
    expectCommandResult(await call('put', `${requirement('8.3.a')}/applicability`).send({ applicable: false, justification: 'No physical site in scope', on: '2026-11-01' }));
    expectCommandResult(await call('post', `${requirement('8.3.a')}/checks`).send(na));
    expectProblem(await call('post', `${requirement('8.3.a')}/checks`).send(check), 422, 'result');
  });

  it('keeps If-Match and Idempotency-Key behaviour', async () => {
    expectCommandResult(await call('put', `${requirement()}/applicability`).send(statement));
    const stale = await call('put', `${requirement()}/applicability`).set('if-match', '"-1"').send({ ...statement, applicable: false });
    expectProblem(stale, 412);
    const first = expectCommandResult(await call('post', `${requirement()}/checks`).set('idempotency-key', 'check-1').send(check));
    const before = (await t.events()).length;
    const retry = expectCommandResult(await call('post', `${requirement()}/checks`).set('idempotency-key', 'check-1').send(check));
    expect(retry).toEqual(first);
    expect(await t.events()).toHaveLength(before);
  });

  /** What is refused, the request (made lazily, once the ids exist), the status, the field named, the caller. */
  type Rejection = [string, () => [string, object], number, string | undefined, Caller?];
  const rejections: Record<string, Rejection[]> = {
    'PUT /certifications/:id/requirements/:ref/applicability': [
      ['an unknown field', () => [`${requirement()}/applicability`, { ...statement, owner: 'x' }], 400, 'owner'],
      ['a wrong type', () => [`${requirement()}/applicability`, { ...statement, applicable: 'yes' }], 400, 'applicable'],
      ['a missing justification', () => [`${requirement()}/applicability`, { applicable: false }], 400, 'justification'],
      ['a blank justification', () => [`${requirement()}/applicability`, { applicable: false, justification: '  ' }], 400, 'justification'],
      ['an unknown ref', () => [`${requirement('99.9.z')}/applicability`, statement], 400, 'ref'],
      ['an unknown certification', () => [`${requirement('12.6.c', 'nope')}/applicability`, statement], 404, undefined],
      ['a withdrawn certification', () => [`${requirement('12.6.c', ids.withdrawn)}/applicability`, statement], 422, undefined],
      ['an auditor token', () => [`${requirement()}/applicability`, statement], 403, undefined, 'auditor'],
      ['no token', () => [`${requirement()}/applicability`, statement], 401, undefined, 'none'],
    ],
    'POST /certifications/:id/requirements/:ref/checks': [
      ['an unknown field', () => [`${requirement()}/checks`, { ...check, score: 3 }], 400, 'score'],
      ['a wrong type', () => [`${requirement()}/checks`, { ...check, performedAt: 20261120 }], 400, 'performedAt'],
      ['a result out of range', () => [`${requirement()}/checks`, { ...check, result: 'ok' }], 400, 'result'],
      ['a method out of range', () => [`${requirement()}/checks`, { ...check, method: 'guess' }], 400, 'method'],
      ['an instant without a zone', () => [`${requirement()}/checks`, { ...check, performedAt: '2026-11-20T10:00:00' }], 400, 'performedAt'],
      ['evidence that is not a SHA-256', () => [`${requirement()}/checks`, { ...check, evidence: ['report.pdf'] }], 400, 'evidence'],
      ['evidence that was never stored', () => [`${requirement()}/checks`, { ...check, evidence: ['d'.repeat(64)] }], 400, 'evidence'],
      ['a check performed in the future', () => [`${requirement()}/checks`, { ...check, performedAt: '2026-11-29T09:00:00Z' }], 400, 'performedAt'],
      ['a failed check that says nothing', () => [`${requirement()}/checks`, { result: 'failed', method: 'manual', performedAt: check.performedAt }], 400, 'notes'],
      ['an unknown ref', () => [`${requirement('99.9.z')}/checks`, check], 400, 'ref'],
      ['an unknown certification', () => [`${requirement('12.6.c', 'nope')}/checks`, check], 404, undefined],
      ['a withdrawn certification', () => [`${requirement('12.6.c', ids.withdrawn)}/checks`, check], 422, undefined],
      ['an auditor token', () => [`${requirement()}/checks`, check], 403, undefined, 'auditor'],
      ['no token', () => [`${requirement()}/checks`, check], 401, undefined, 'none'],
    ],
  };

  describe.each(Object.keys(rejections))('%s', (route) => {
    const method = route.startsWith('PUT') ? 'put' : 'post';
    // Rows are passed whole: Jest would hand a done callback to a trailing parameter a row leaves out.
    it.each(rejections[route].map((row) => [row[0], row] as const))('refuses %s with problem+json and appends nothing', async (_, [, requestOf, status, field, caller]) => {
      const [path, body] = requestOf();
      const before = (await t.events()).length;
      expectProblem(await call(method, path, caller ?? 'compliance').send(body), status, field);
      expect(await t.events()).toHaveLength(before);
    });
  });

  it('refuses a passed check on a requirement stated not applicable until it is stated applicable again', async () => {
    expectCommandResult(await call('put', `${requirement()}/applicability`).send({ applicable: false, justification: 'No logs kept here', on: '2026-11-01' }));
    const before = (await t.events()).length;
    expectProblem(await call('post', `${requirement()}/checks`).send(check), 422, 'result');
    expect(await t.events()).toHaveLength(before);
    expectCommandResult(await call('put', `${requirement()}/applicability`).send({ ...statement, on: '2026-11-10' }));
    expectCommandResult(await call('post', `${requirement()}/checks`).send(check));
  });

  it('judges a back-filled check by the statement in force on its day, not by a later one', async () => {
    expectCommandResult(await call('put', `${requirement('12.4.a')}/applicability`).send({ applicable: false, justification: 'Withdrawn from the scope', on: '2026-11-25' }));
    expectCommandResult(await call('post', `${requirement('12.4.a')}/checks`).send(check));
    expectProblem(await call('post', `${requirement('12.4.a')}/checks`).send({ ...check, performedAt: '2026-11-26T10:00:00Z' }), 422, 'result');
  });
});

describe('framework catalogs over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const get = (path: string, role: 'auditor' | 'compliance' = 'auditor') => request(t.http).get(path).set('authorization', t.tokens[role]);

  it('lists the frameworks with their chapter and requirement counts', async () => {
    const res = await get('/frameworks').expect(200);
    expect(res.body).toEqual({
      items: [expect.objectContaining({ id: 'secnumcloud-3.2', name: 'SecNumCloud', version: '3.2', publisher: 'ANSSI', chapters: 15, requirements: 278 })],
      next: null,
    });
  });

  it('shows a framework with its chapters and sections, titled in French and English', async () => {
    const res = await get('/frameworks/secnumcloud-3.2', 'compliance').expect(200);
    expect(res.body).toMatchObject({ id: 'secnumcloud-3.2', chapters: expect.any(Array), requirements: 278 });
    expect(res.body.chapters.map((c: { id: string }) => c.id)).toEqual(['5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19']);
    const chapter5 = res.body.chapters[0];
    expect(chapter5).toMatchObject({ id: '5', requirements: 15, title: { fr: expect.any(String), en: 'Information security policies and risk management' } });
    expect(chapter5.sections[0]).toEqual({ id: '5.1', title: { fr: 'Principes', en: 'Principles' }, requirements: ['5.1.a', '5.1.b'] });
  });

  it('pages through the requirements of a chapter with summaries in French and English', async () => {
    const first = await get('/frameworks/secnumcloud-3.2/requirements?chapter=12&limit=5').expect(200);
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items[0]).toEqual({ ref: '12.1.a', chapter: '12', section: '12.1', summary: { fr: expect.any(String), en: expect.any(String) } });
    expect(first.body.next).toBe(first.body.items[4].ref);
    const second = await get(`/frameworks/secnumcloud-3.2/requirements?chapter=12&limit=5&after=${first.body.next}`).expect(200);
    expect(second.body.items[0].ref).not.toBe(first.body.items[4].ref);
    expect(second.body.items.every((r: { chapter: string }) => r.chapter === '12')).toBe(true);
    const all = await get('/frameworks/secnumcloud-3.2/requirements?limit=500').expect(200);
    expect(all.body).toMatchObject({ next: null });
    expect(all.body.items).toHaveLength(278);
  });

  it('answers 404 for an unknown framework and 400 naming chapter for a chapter it does not have', async () => {
    expectProblem(await get('/frameworks/iso-27001'), 404);
    expectProblem(await get('/frameworks/iso-27001/requirements'), 404);
    expectProblem(await get('/frameworks/secnumcloud-3.2/requirements?chapter=99'), 400, 'chapter');
    expectProblem(await get('/frameworks/secnumcloud-3.2/requirements?chapter=twelve'), 400, 'chapter');
    expectProblem(await get('/frameworks/secnumcloud-3.2/requirements?colour=blue'), 400, 'colour');
  });

  it('asks for a token', async () => {
    expectProblem(await request(t.http).get('/frameworks'), 401);
  });
});
