import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const POLICY = Buffer.from('Politique de sécurité du service, version 4.2\n'.repeat(50));

describe('evidence over HTTP', () => {
  let t: TestApp;
  const upload = (role: 'admin' | 'compliance' | 'auditor' = 'compliance') => request(t.http).post('/evidence').set('authorization', t.tokens[role]);
  const get = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor);

  beforeEach(async () => {
    t = await startTestApp({}, { EVIDENCE_MAX_BYTES: '4096' });
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

    const download = await get(`/evidence/${hash}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(sha256(download.body as Buffer)).toBe(hash);
    expect(download.headers['content-type']).toMatch(/^text\/plain/);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''politique-s%C3%A9curit%C3%A9.txt");

    const index = await get(`/evidence?minPosition=${answer.body.position}`).expect(200);
    expect(index.body.items).toEqual([expect.objectContaining({ sha256: hash, name: 'politique-sécurité.txt', size: POLICY.length })]);
  });

  it('answers a repeated upload of the same bytes with 200 and appends nothing', async () => {
    await upload().attach('file', POLICY, 'policy.txt').expect(201);
    const before = (await t.events()).length;
    const again = await upload().attach('file', POLICY, 'another-name.txt').expect(200);
    expect(again.body).toMatchObject({ sha256: sha256(POLICY), eventIds: [] });
    expect(await t.events()).toHaveLength(before);
  });

  type Refusal = [string, () => request.Test, number, string | undefined];
  const refusals: Refusal[] = [
    ['an unknown text field', () => upload().field('owner', 'x').attach('file', POLICY, 'p.txt'), 400, 'owner'],
    ['a missing file', () => upload().field('description', 'nothing attached'), 400, 'file'],
    ['a JSON body instead of multipart', () => upload().send({ file: 'abc' }), 400, 'file'],
    ['an impossible date', () => upload().field('effectiveOn', '2024-02-30').attach('file', POLICY, 'p.txt'), 400, 'effectiveOn'],
    ['validity ending before it starts', () => upload().field('effectiveOn', '2024-02-01').field('validUntil', '2024-01-01').attach('file', POLICY, 'p.txt'), 400, 'validUntil'],
    ['a file over the size limit', () => upload().attach('file', Buffer.alloc(5000, 1), 'big.bin'), 413, 'file'],
    ['an auditor token', () => upload('auditor').attach('file', POLICY, 'p.txt'), 403, undefined],
  ];

  it.each(refusals.map((r) => [r[0], r] as const))('refuses %s with problem+json and records nothing', async (_, [, send, status, field]) => {
    expectProblem(await send(), status, field);
    expect(await t.events()).toHaveLength(0);
  });

  it('keeps no file from a refused oversize upload', async () => {
    await upload().attach('file', Buffer.alloc(5000, 1), 'big.bin').expect(413);
    expect(existsSync(join(t.dataDir, 'evidence', sha256(Buffer.alloc(5000, 1)).slice(0, 2)))).toBe(false);
  });

  it('refuses downloads of malformed or unknown hashes and without a token', async () => {
    expectProblem(await get('/evidence/not-a-hash'), 400, 'sha256');
    expectProblem(await get(`/evidence/${'c'.repeat(64)}`), 404);
    expectProblem(await request(t.http).get(`/evidence/${'c'.repeat(64)}`), 401);
  });
});
