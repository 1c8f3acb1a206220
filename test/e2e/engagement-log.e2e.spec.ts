import request from 'supertest';
import { TokenStore } from '../../src/auth/token-store';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

/**
 * An auditor bound to an engagement (window 2026-01-01 to 2026-06-30 on one
 * certification) downloads the evidence relied on in the window and the
 * state at its start, reads the log of its certification in the window, and
 * gets 404 for everything else.
 */
describe('engagement tokens: evidence and the log of the engagement only', () => {
  let t: TestApp;
  let audited: string;
  let other: string;
  let token: string;
  const files: Record<string, string> = {};

  const compliance = (method: 'post' | 'get', path: string) => request(t.http)[method](path).set('authorization', t.tokens.compliance);
  const read = (path: string) => request(t.http).get(path).set('authorization', `Bearer ${token}`);
  const upload = async (name: string) => {
    const stored = await compliance('post', '/evidence').attach('file', Buffer.from(`${name}: evidence of the audit`), `${name}.txt`).expect(201);
    files[name] = stored.body.sha256 as string;
  };
  const check = async (certification: string, ref: string, performedAt: string, evidence: string) =>
    expectCommandResult(await compliance('post', `/certifications/${certification}/requirements/${ref}/checks`).send({ result: 'passed', method: 'document_review', performedAt, evidence: [files[evidence]] }));

  beforeAll(async () => {
    t = await startTestApp();
    const certify = async (service: string) =>
      expectCommandResult(await compliance('post', '/certifications').send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service, filedOn: '2025-06-01' })).id!;
    audited = await certify('Cloud souverain');
    other = await certify('Stockage objet');
    for (const name of ['older', 'atStart', 'inWindow', 'after', 'otherCertification', 'neverCited']) await upload(name);
    await check(audited, '5.2.a', '2025-09-01T09:00:00Z', 'older');
    await check(audited, '5.2.a', '2025-11-15T09:00:00Z', 'atStart');
    await check(audited, '5.3.a', '2026-03-10T09:00:00Z', 'inWindow');
    await check(audited, '5.3.a', '2026-08-01T09:00:00Z', 'after');
    await check(other, '5.2.a', '2026-03-10T09:00:00Z', 'otherCertification');
    const opened = await request(t.http)
      .post('/engagements')
      .set('authorization', t.tokens.admin)
      .send({ auditor: 'paul.passi', certificationIds: [audited], windowFrom: '2026-01-01', windowTo: '2026-06-30', accessUntil: new Date(Date.now() + 86_400_000).toISOString() });
    const engagementId = expectCommandResult(opened).id!;
    token = t.app.get(TokenStore).create('auditor', 'paul.passi', 'audit-2026', new Date(), { expiresInDays: 30, engagementId }).token;
  });
  afterAll(() => t.close());

  it('downloads the evidence of checks in the window and of the state at its start, and nothing else (404)', async () => {
    for (const name of ['inWindow', 'atStart']) {
      const file = await read(`/evidence/${files[name]}`).expect(200);
      expect(file.text).toBe(`${name}: evidence of the audit`);
      await read(`/evidence/${files[name]}/meta`).expect(200);
    }
    for (const name of ['older', 'after', 'otherCertification', 'neverCited']) {
      expectProblem(await read(`/evidence/${files[name]}`), 404);
      expectProblem(await read(`/evidence/${files[name]}/meta`), 404);
    }
    expectProblem(await read(`/evidence/${'0'.repeat(64)}`), 404);
    expectProblem(await read('/evidence'), 404);
    // Compliance staff still download everything.
    await compliance('get', `/evidence/${files.neverCited}`).expect(200);
  });

  it('lists each download among the auditor reads, refusals excluded', async () => {
    const reads = await request(t.http).get('/auditor-reads').set('authorization', t.tokens.admin).expect(200);
    const paths = (reads.body.items as { subject: string; path: string }[]).filter((r) => r.subject === 'paul.passi').map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining([`/evidence/${files.inWindow}`, `/evidence/${files.atStart}`]));
    expect(paths.some((path) => path.includes(files.older) || path.includes(files.otherCertification))).toBe(false);
  });

  it('shows the log of its certification in the window only; other streams are 404', async () => {
    const events = (await read('/events?limit=500').expect(200)).body.items as { stream: string; type: string; data: Record<string, unknown> }[];
    // The check dated in the window, and the records of the files the engagement relies on.
    expect(events.map((e) => `${e.type} ${e.stream}`).sort()).toEqual(
      [`ControlCheckRecorded control-${audited}:5.3.a`, `EvidenceStored evidence-${files.inWindow}`, `EvidenceStored evidence-${files.atStart}`].sort(),
    );
    // Everyone else sees the whole log.
    const all = (await compliance('get', '/events?limit=500').expect(200)).body.items as unknown[];
    expect(all.length).toBeGreaterThan(10);

    const stream = await read(`/streams/control-${audited}:5.3.a`).expect(200);
    expect(stream.body.items.map((e: { data: { performedAt: string } }) => e.data.performedAt)).toEqual(['2026-03-10T09:00:00.000Z']);
    expect(stream.body.chain.ok).toBe(true);
    for (const path of [`/streams/control-${other}:5.2.a`, `/streams/certification-${other}`, '/streams/token-anything', `/streams/evidence-${files.older}`, `/streams/control-${audited}:5.2.a`]) {
      expectProblem(await read(path), 404);
    }
  });

  it('investigates a correlation only through its visible events', async () => {
    const inWindow = (await compliance('get', `/streams/control-${audited}:5.3.a`).expect(200)).body.items[0].metadata.correlationId as string;
    const outside = (await compliance('get', `/streams/control-${other}:5.2.a`).expect(200)).body.items[0].metadata.correlationId as string;
    expect((await read(`/investigations/${inWindow}`).expect(200)).body.items).toHaveLength(1);
    expectProblem(await read(`/investigations/${outside}`), 404);
  });

  it('lets the auditor download a file as soon as a check in the window relies on it', async () => {
    expectProblem(await read(`/evidence/${files.neverCited}`), 404);
    await check(audited, '5.2.a', '2026-04-02T09:00:00Z', 'neverCited');
    expect((await read(`/evidence/${files.neverCited}`).expect(200)).text).toBe('neverCited: evidence of the audit');
  });
});
