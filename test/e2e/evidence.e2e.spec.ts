import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const POLICY = Buffer.from('Politique de sécurité du service, version 4.2\n'.repeat(50));

describe('evidence over HTTP', () => {
  let t: TestApp;
  const upload = (role: 'admin' | 'compliance' | 'auditor' = 'compliance') => request(t.http).post('/evidence').set('authorization', t.tokens[role]);
  const get = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor);
  /** The body as bytes, whatever the media type. */
  const download = (hash: string) =>
    get(`/evidence/${hash}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  beforeEach(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) }, { EVIDENCE_MAX_BYTES: '4096' });
  });
  afterEach(() => t.close());

  it('stores a file under its SHA-256, records who stored it, and gives the same bytes back', async () => {
    const answer = await upload()
      .field('effectiveOn', '2024-01-15')
      .field('validUntil', '2025-01-15')
      .field('description', 'Information security policy')
      .attach('file', POLICY, { filename: 'politique-sécurité.txt', contentType: 'text/plain' })
      .expect(201);
    const hash = sha256(POLICY);
    expect(answer.body).toMatchObject({ sha256: hash, size: POLICY.length, mediaType: 'text/plain', stream: `evidence-${hash}`, revision: 0 });
    expect(readFileSync(join(t.dataDir, 'evidence', hash.slice(0, 2), hash))).toEqual(POLICY);
    expect((await t.events()).at(-1)).toMatchObject({
      type: 'EvidenceStored',
      data: { sha256: hash, name: 'politique-sécurité.txt', effectiveOn: '2024-01-15', validUntil: '2025-01-15', description: 'Information security policy' },
      metadata: { actor: 'compliance-1' },
    });

    const file = await download(hash).expect(200);
    expect(sha256(file.body as Buffer)).toBe(hash);
    expect(file.headers).toMatchObject({ etag: `"${hash}"`, 'content-length': String(POLICY.length) });
    expect(file.headers['content-type']).toMatch(/^text\/plain/);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="politique-s_curit_.txt"; /);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''politique-s%C3%A9curit%C3%A9.txt");

    const index = await get(`/evidence?minPosition=${answer.body.position}`).expect(200);
    expect(index.body.items).toEqual([expect.objectContaining({ sha256: hash, name: 'politique-sécurité.txt', size: POLICY.length })]);
  });

  it('answers a repeated upload of the same bytes with 200, the details first recorded, and appends nothing', async () => {
    await upload().attach('file', POLICY, 'policy.txt').expect(201);
    const before = (await t.events()).length;
    const again = await upload().attach('file', POLICY, 'another-name.txt').expect(200);
    expect(again.body).toMatchObject({ sha256: sha256(POLICY), size: POLICY.length, mediaType: 'text/plain', name: 'policy.txt', eventIds: [] });
    expect(await t.events()).toHaveLength(before);
  });

  it('takes the text fields in any order around the file, and lets an admin upload', async () => {
    const answer = await upload('admin')
      .attach('file', POLICY, { filename: 'policy.txt', contentType: 'text/plain' })
      .field('validUntil', '2025-01-15')
      .field('effectiveOn', '2024-01-15')
      .expect(201);
    expect((await t.events()).at(-1)).toMatchObject({ data: { sha256: answer.body.sha256, effectiveOn: '2024-01-15', validUntil: '2025-01-15', description: null }, metadata: { actor: 'admin-1' } });
  });

  it('describes a file as of a point in time, with its expiry on the day asked and its bytes checked now', async () => {
    const hash = sha256(POLICY);
    const stored = await upload().field('validUntil', '2025-01-15').attach('file', POLICY, 'policy.txt').expect(201);
    const meta = await get(`/evidence/${hash}/meta?minPosition=${stored.body.position}`).expect(200);
    expect(meta.body).toMatchObject({ sha256: hash, name: 'policy.txt', validUntil: '2025-01-15', expired: true, file: 'intact', recorded: { actor: 'compliance-1' } });
    expect((await get('/evidence?expired=false').expect(200)).body.items).toEqual([]);
    expect((await get('/evidence?asOf=2025-01-10T00:00:00Z').expect(200)).body).toMatchObject({ items: [], next: null });
    expectProblem(await get(`/evidence/${'c'.repeat(64)}/meta`), 404);
    expectProblem(await get('/evidence/C0FFEE/meta'), 400, 'sha256');
  });

  it('never serves altered bytes as the evidence: the download fails and the description says altered', async () => {
    const hash = sha256(POLICY);
    await upload().attach('file', POLICY, 'policy.txt').expect(201);
    const path = join(t.dataDir, 'evidence', hash.slice(0, 2), hash);
    chmodSync(path, 0o644);
    writeFileSync(path, 'forged');
    const refused = await get(`/evidence/${hash}`);
    expectProblem(refused, 503);
    expect(refused.body.detail).toMatch(/altered/);
    expect((await get(`/evidence/${hash}/meta`).expect(200)).body.file).toBe('altered');
  });

  type Refusal = [string, () => request.Test, number, string | undefined];
  const refusals: Refusal[] = [
    ['an unknown text field', () => upload().field('owner', 'x').attach('file', POLICY, 'p.txt'), 400, 'owner'],
    ['a missing file', () => upload().field('description', 'nothing attached'), 400, 'file'],
    ['a JSON body instead of multipart', () => upload().send({ file: 'abc' }), 400, 'file'],
    ['an impossible date', () => upload().field('effectiveOn', '2024-02-30').attach('file', POLICY, 'p.txt'), 400, 'effectiveOn'],
    ['validity ending before it starts', () => upload().field('effectiveOn', '2024-02-01').field('validUntil', '2024-01-01').attach('file', POLICY, 'p.txt'), 400, 'validUntil'],
    ['a file over the size limit', () => upload().attach('file', Buffer.alloc(5000, 1), 'big.bin'), 413, 'file'],
    ['text in place of the file', () => upload().field('file', 'not a file'), 400, 'file'],
    ['a file under another name', () => upload().attach('evidence', POLICY, 'p.txt'), 400, 'evidence'],
    ['a blank description', () => upload().field('description', '   ').attach('file', POLICY, 'p.txt'), 400, 'description'],
    ['an auditor token', () => upload('auditor').attach('file', POLICY, 'p.txt'), 403, undefined],
    ['no token', () => request(t.http).post('/evidence').attach('file', POLICY, 'p.txt'), 401, undefined],
  ];

  it.each(refusals.map((r) => [r[0], r] as const))('refuses %s with problem+json and records nothing', async (_, [, send, status, field]) => {
    expectProblem(await send(), status, field);
    expect(await t.events()).toHaveLength(0);
  });

  it('keeps no file from a refused oversize upload', async () => {
    await upload().attach('file', Buffer.alloc(5000, 1), 'big.bin').expect(413);
    expect(existsSync(join(t.dataDir, 'evidence', sha256(Buffer.alloc(5000, 1)).slice(0, 2)))).toBe(false);
    expect(readdirSync(join(t.dataDir, 'evidence', 'incoming'))).toEqual([]);
  });

  it('refuses downloads of malformed or unknown hashes and without a token', async () => {
    expectProblem(await get('/evidence/not-a-hash'), 400, 'sha256');
    expectProblem(await get(`/evidence/${'c'.repeat(64)}`), 404);
    expectProblem(await request(t.http).get(`/evidence/${'c'.repeat(64)}`), 401);
  });
});
