import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { TokenStore } from '../../src/auth/token-store';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult } from '../support/http';

describe('conditional GET: a query answered again costs a 304 while nothing changed', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let certification: string;
  let other: string;
  let engagementToken: string;
  beforeAll(async () => {
    t = await startTestApp({ clock });
    const certify = async (service: string) =>
      expectCommandResult(
        await request(t.http).post('/certifications').set('authorization', t.tokens.compliance).send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service, filedOn: '2026-01-05' }),
      ).id!;
    certification = await certify('Cloud souverain');
    other = await certify('Stockage objet');
    const opened = await request(t.http)
      .post('/engagements')
      .set('authorization', t.tokens.admin)
      .send({ auditor: 'paul.passi', certificationIds: [certification], windowFrom: '2026-01-01', windowTo: '2026-02-28', accessUntil: '2026-12-31T00:00:00Z' });
    const engagementId = expectCommandResult(opened).id!;
    engagementToken = `Bearer ${t.app.get(TokenStore).create('auditor', 'paul.passi', 'audit-2026', clock.now(), { expiresInDays: 90, engagementId }).token}`;
  });
  afterAll(() => t.close());

  const get = (path: string, authorization = t.tokens.auditor, headers: Record<string, string> = {}) => request(t.http).get(path).set('authorization', authorization).set(headers);
  const requirements = () => `/certifications/${certification}/requirements?limit=50`;

  it('answers an unchanged repeat 304 with no body, keeping the ETag, and the first answer is the uncached one', async () => {
    const first = await get(requirements()).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"\d+-[\w-]{22}"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.vary).toMatch(/authorization/i);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.body.items).toHaveLength(50);

    const again = await get(requirements(), t.tokens.auditor, { 'if-none-match': etag }).expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('private, no-cache');
    expect(again.headers['content-length']).toBeUndefined();

    // Without If-None-Match the kept answer is the same bytes; another tag or a weak one is compared as RFC 9110 says.
    const repeated = await get(requirements()).expect(200);
    expect(repeated.text).toBe(first.text);
    expect(repeated.headers.etag).toBe(etag);
    await get(requirements(), t.tokens.auditor, { 'if-none-match': '"0-other"' }).expect(200);
    await get(requirements(), t.tokens.auditor, { 'if-none-match': `"0-other", W/${etag}` }).expect(304);
    await get(requirements(), t.tokens.auditor, { 'if-none-match': '*' }).expect(304);
  });

  it('gives HEAD the same ETag and headers as GET, without a body, and 304 when it matches', async () => {
    const got = await get('/incidents?limit=20').expect(200);
    const head = await request(t.http).head('/incidents?limit=20').set('authorization', t.tokens.auditor).expect(200);
    expect(head.headers.etag).toBe(got.headers.etag);
    expect(head.headers['cache-control']).toBe('private, no-cache');
    expect(head.text ?? '').toBe('');
    await request(t.http).head('/incidents?limit=20').set('authorization', t.tokens.auditor).set('if-none-match', got.headers.etag as string).expect(304);
  });

  it('changes the ETag and the answer once a new event is recorded, so the old tag gets a full answer', async () => {
    const before = await get('/events?limit=20').expect(200);
    const timeline = await get('/timeline?limit=20').expect(200);
    const recorded = expectCommandResult(
      await request(t.http).post('/milestones').set('authorization', t.tokens.compliance).send({ title: 'Joint company created', kind: 'corporate', plannedFor: '2026-03-31' }),
    );
    const after = await get('/events?limit=20', t.tokens.auditor, { 'if-none-match': before.headers.etag as string }).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.items.map((e: { position: string }) => e.position)).toContain(recorded.position);
    const newTimeline = await get('/timeline?limit=20', t.tokens.auditor, { 'if-none-match': timeline.headers.etag as string }).expect(200);
    expect(newTimeline.body.items.map((e: { title: string }) => e.title)).toContain('Joint company created');
    await get('/events?limit=20', t.tokens.auditor, { 'if-none-match': after.headers.etag as string }).expect(304);
  });

  it('changes the ETag of an answer about now when the clock moves on, though the log did not', async () => {
    const before = await get('/incidents?limit=20').expect(200);
    clock.advance(60_000);
    const after = await get('/incidents?limit=20', t.tokens.auditor, { 'if-none-match': before.headers.etag as string }).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.validAt).toBe('2026-03-02T09:01:00.000Z');
  });

  it('never gives one role the ETag or the kept answer of another', async () => {
    const auditor = await get(`/certifications/${certification}`).expect(200);
    const compliance = await get(`/certifications/${certification}`, t.tokens.compliance, { 'if-none-match': auditor.headers.etag as string }).expect(200);
    expect(compliance.headers.etag).not.toBe(auditor.headers.etag);
    await get(`/certifications/${certification}`, t.tokens.auditor, { 'if-none-match': compliance.headers.etag as string }).expect(200);
  });

  it('keeps an engagement-bound auditor apart: its own answer on its window, never the unbound auditor’s, nor theirs its', async () => {
    const path = `/certifications/${certification}/requirements?limit=50`;
    const unbound = await get(path).expect(200);
    const bound = await get(path, engagementToken, { 'if-none-match': unbound.headers.etag as string }).expect(200);
    expect(bound.headers.etag).not.toBe(unbound.headers.etag);
    expect(bound.body.validAt).toBe('2026-02-28');
    expect(unbound.body.validAt).not.toBe('2026-02-28');
    // Warmed by the bound auditor, the same address still answers the unbound one on today's date, and hides the rest from the bound one.
    const unboundAgain = await get(path, t.tokens.auditor, { 'if-none-match': bound.headers.etag as string }).expect(200);
    expect(unboundAgain.body.validAt).toBe(unbound.body.validAt);
    await get(path, engagementToken, { 'if-none-match': bound.headers.etag as string }).expect(304);
    await get(`/certifications/${other}/requirements?limit=50`).expect(200);
    await get(`/certifications/${other}/requirements?limit=50`, engagementToken).expect(404);
  });

  it('still records the reads an auditor got from the kept answers, 304s included', async () => {
    const path = `/certifications/${certification}/requirements/5.1.a`;
    const first = await get(path, engagementToken).expect(200);
    await get(path, engagementToken, { 'if-none-match': first.headers.etag as string }).expect(304);
    const reads = await get('/auditor-reads', t.tokens.admin).expect(200);
    const seen = (reads.body.items as { subject: string; path: string }[]).filter((r) => r.subject === 'paul.passi' && r.path === path);
    expect(seen).toHaveLength(2);
  });

  it('keeps refusals uncached: no ETag on a 404 or a 400, nor on routes whose answer is not a function of the log', async () => {
    const missing = await get('/certifications/no-such-certification').expect(404);
    expect(missing.headers.etag).toBeUndefined();
    const invalid = await get('/events?limit=0').expect(400);
    expect(invalid.headers.etag).toBeUndefined();
    const people = await get('/people', t.tokens.admin).expect(200);
    expect(people.headers.etag).toBeUndefined();
  });

  it('documents If-None-Match, the ETag and the 304 in the OpenAPI description of each cached query, and only there', async () => {
    const document = (await get('/docs/json').expect(200)).body;
    const operation = document.paths['/certifications/{id}/requirements'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name)).toContain('If-None-Match');
    expect(Object.keys(operation.responses['200'].headers)).toEqual(expect.arrayContaining(['ETag', 'Cache-Control']));
    expect(operation.responses['304'].content).toBeUndefined();
    for (const path of ['/events', '/incidents', '/timeline']) expect(document.paths[path].get.responses['304']).toBeDefined();
    expect(document.paths['/people'].get.responses['304']).toBeUndefined();
  });
});
