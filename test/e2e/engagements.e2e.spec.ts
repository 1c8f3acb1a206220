import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

describe('engagements: an auditor sees the certifications under audit, in its window, while access lasts', () => {
  let t: TestApp;
  let clock: FixedClock;
  let audited: string;
  let other: string;
  let engagementId: string;
  let token: string;
  const accessUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
  beforeAll(async () => {
    clock = new FixedClock(new Date());
    t = await startTestApp({ clock });
    const certify = (service: string) =>
      request(t.http).post('/certifications').set('authorization', t.tokens.compliance).send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service, filedOn: '2026-01-05' });
    audited = expectCommandResult(await certify('Cloud souverain')).id!;
    other = expectCommandResult(await certify('Stockage objet')).id!;
  });
  afterAll(() => t.close());

  const engagement = () => ({ auditor: 'paul.passi', certificationIds: [audited], windowFrom: '2026-01-01', windowTo: '2026-06-30', accessUntil });
  const open = (body: object, authorization = t.tokens.admin) => request(t.http).post('/engagements').set('authorization', authorization).send(body);
  const read = (path: string) => request(t.http).get(path).set('authorization', `Bearer ${token}`);

  it('opens an engagement as an admin, recorded as an event; refuses bad terms naming the field, appending nothing', async () => {
    const before = (await t.events()).length;
    expectProblem(await open({ ...engagement(), windowTo: '2025-12-31' }), 400, 'windowTo');
    expectProblem(await open({ ...engagement(), certificationIds: [] }), 400, 'certificationIds');
    expectProblem(await open({ ...engagement(), accessUntil: 'soon' }), 400, 'accessUntil');
    expectProblem(await open({ ...engagement(), certificationIds: ['no-such-certification'] }), 404);
    expectProblem(await open(engagement(), t.tokens.compliance), 403);
    expect((await t.events()).length).toBe(before);

    const opened = expectCommandResult(await open(engagement()));
    engagementId = opened.id!;
    const [event] = (await t.events()).filter((e) => e.id === opened.eventIds[0]);
    expect(event).toMatchObject({ type: 'EngagementOpened', stream: `engagement-${engagementId}`, metadata: { actor: 'admin-1' }, data: { auditor: 'paul.passi', certificationIds: [audited] } });
  });

  it('binds an auditor token to the engagement with the CLI, only for its auditor', async () => {
    const wrongSubject = await runCli(t.dataDir, ['token', 'create', '--role', 'auditor', '--subject', 'eve', '--engagement', engagementId]);
    expect(wrongSubject.code).not.toBe(0);
    expect(wrongSubject.messages).toContain('is for paul.passi, not eve');
    const wrongRole = await runCli(t.dataDir, ['token', 'create', '--role', 'compliance', '--subject', 'paul.passi', '--engagement', engagementId]);
    expect(wrongRole.messages).toContain('auditor tokens only');
    const unknown = await runCli(t.dataDir, ['token', 'create', '--role', 'auditor', '--subject', 'paul.passi', '--engagement', 'nope']);
    expect(unknown.messages).toContain('no engagement nope');
    const created = await runCli(t.dataDir, ['token', 'create', '--role', 'auditor', '--subject', 'paul.passi', '--engagement', engagementId, '--name', 'audit-2026']);
    expect(created.code).toBe(0);
    token = created.stdout.trim().split('\n').at(-1)!;
    const listed = (await request(t.http).get('/tokens').set('authorization', t.tokens.admin)).body.items as { name: string; engagementId: string }[];
    expect(listed.find((item) => item.name === 'audit-2026')?.engagementId).toBe(engagementId);
  });

  it('shows the engagement certification on the last day of its window, and answers 404 for everything outside it', async () => {
    expect((await read(`/certifications/${audited}`).expect(200)).body.validAt).toBe('2026-06-30');
    await read(`/certifications/${audited}/requirements`).expect(200);
    for (const path of [`/certifications/${other}`, `/certifications/${other}/requirements`, '/certifications', '/timeline', '/evidence', '/diff', '/people/paul.passi', `/certifications/${audited}?validAt=2026-09-01`]) {
      expectProblem(await read(path), 404);
    }
    // An auditor token without an engagement still reads everything.
    await request(t.http).get(`/certifications/${other}`).set('authorization', t.tokens.auditor).expect(200);
  });

  it('records what auditors read, listed for admins only', async () => {
    const reads = await request(t.http).get('/auditor-reads').set('authorization', t.tokens.admin).expect(200);
    const paul = (reads.body.items as { subject: string; engagementId: string | null; path: string }[]).filter((r) => r.subject === 'paul.passi');
    expect(paul.map((r) => r.path)).toEqual([`/certifications/${audited}/requirements`, `/certifications/${audited}`]);
    expect(paul.every((r) => r.engagementId === engagementId)).toBe(true);
    expect(reads.body.items.some((r: { subject: string }) => r.subject === 'auditor-1')).toBe(true);
    expectProblem(await request(t.http).get('/auditor-reads').set('authorization', t.tokens.compliance), 403);
  });

  it('stops the engagement token once access ends', async () => {
    clock.set(new Date(Date.parse(accessUntil) + 1000));
    expectProblem(await read(`/certifications/${audited}`), 401);
  });
});
