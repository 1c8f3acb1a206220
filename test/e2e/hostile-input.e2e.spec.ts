import request from 'supertest';
import { MAX_JSON_DEPTH, MAX_JSON_ELEMENTS } from '../../src/http/bounded-json';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

/** A body of `depth` nested arrays around the title, about 2 bytes a level. */
const nested = (depth: number) => `{"title":${'['.repeat(depth)}${']'.repeat(depth)},"kind":"corporate","plannedFor":"2022-06-30"}`;
const json = { 'content-type': 'application/json' };

describe('hostile input: bodies that cost nothing to refuse and never a 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const as = (role: 'compliance' | 'admin' = 'compliance') => ({ authorization: t.tokens[role], ...json });

  it('refuses a deeply nested body with 400 naming the depth limit, before validation, and appends nothing', async () => {
    const before = (await t.events()).length;
    for (const depth of [MAX_JSON_DEPTH + 1, 400_000]) {
      const res = await request(t.http).post('/milestones').set(as()).send(nested(depth));
      expectProblem(res, 400);
      expect(res.body).toMatchObject({ type: 'urn:confiance:problem:validation', limit: 'depth', maxDepth: MAX_JSON_DEPTH });
      expect(res.body.detail).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    }
    expect(await t.events()).toHaveLength(before);
  });

  it('refuses a body with too many values with 413 naming the element limit', async () => {
    const evidence = Array.from({ length: MAX_JSON_ELEMENTS + 1 }, () => 'a'.repeat(64));
    const res = await request(t.http).post('/milestones').set(as()).send({ title: 't', kind: 'corporate', plannedFor: '2022-06-30', evidence });
    expectProblem(res, 413);
    expect(res.body).toMatchObject({ type: 'urn:confiance:problem:too_large', limit: 'elements', maxElements: MAX_JSON_ELEMENTS });
  });

  it('refuses a 1 MiB nested body sent without a token with 401, before reading it', async () => {
    const res = await request(t.http).post('/milestones').set(json).send(nested(500_000));
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="confiance"');
    const garbage = await request(t.http).post('/milestones').set({ ...json, authorization: 'Bearer not-a-token' }).send(nested(500_000));
    expectProblem(garbage, 401);
    expect(garbage.headers['www-authenticate']).toBe('Bearer realm="confiance", error="invalid_token"');
  });

  it.each([
    ['an e-mail', '/people', '{"subject":"mallory","displayName":"M","email":"m\\ud800@example.fr"}', 'email'],
    ['a title', '/milestones', '{"title":"\\udfffx","kind":"corporate","plannedFor":"2022-06-30"}', 'title'],
    ['a key', '/milestones', '{"title":"ok","kind":"corporate","plannedFor":"2022-06-30","\\ud83d":1}', '\ud83d'],
  ])('refuses a lone UTF-16 surrogate in %s with 400 naming the field, never a 500', async (_, path, body, field) => {
    const before = (await t.events()).length;
    const res = await request(t.http).post(path).set(as()).send(body);
    expectProblem(res, 400, field);
    expect(res.body.detail).toContain('lone UTF-16 surrogate');
    expect(await t.events()).toHaveLength(before);
  });

  it('accepts a well-formed surrogate pair (an emoji) in a title', async () => {
    const res = await request(t.http).post('/milestones').set(as()).send('{"title":"Launch \\ud83d\\ude80","kind":"corporate","plannedFor":"2022-06-30"}');
    expect(res.status).toBe(201);
  });

  it.each([
    ['form-encoded', 'application/x-www-form-urlencoded', 'title=x&kind=corporate&plannedFor=2022-06-30'],
    ['plain text', 'text/plain', '{"title":"x","kind":"corporate","plannedFor":"2022-06-30"}'],
    ['multipart', 'multipart/form-data; boundary=XX', '--XX\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--XX--\r\n'],
  ])('answers 415 problem+json to a %s body on a JSON route, appending nothing', async (_, type, body) => {
    const before = (await t.events()).length;
    const res = await request(t.http).post('/milestones').set({ authorization: t.tokens.compliance, 'content-type': type }).send(body);
    expectProblem(res, 415);
    expect(res.body.type).toBe('urn:confiance:problem:unsupported_media_type');
    expect(await t.events()).toHaveLength(before);
  });

  describe('multipart on /evidence', () => {
    const upload = (contentType: string, body: string) =>
      request(t.http).post('/evidence').set({ authorization: t.tokens.compliance, 'content-type': contentType }).send(body);
    const part = '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n';

    it('refuses multipart with no boundary with 400 naming file', async () => {
      expectProblem(await upload('multipart/form-data', part), 400, 'file');
    });

    it('refuses multipart with no closing boundary with 400 naming file, keeping nothing', async () => {
      const before = (await t.events()).length;
      expectProblem(await upload('multipart/form-data; boundary=XX', part), 400, 'file');
      expect(await t.events()).toHaveLength(before);
    });

    it('refuses an empty (0-byte) evidence file with 400 naming file', async () => {
      const before = (await t.events()).length;
      const res = await request(t.http).post('/evidence').set('authorization', t.tokens.compliance).attach('file', Buffer.alloc(0), 'empty.txt');
      expectProblem(res, 400, 'file');
      expect(await t.events()).toHaveLength(before);
    });
  });
});
