import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const lastLine = (stdout: string) => stdout.trim().split('\n').at(-1)!;
const bearer = (token: string) => `Bearer ${token}`;
/** The CLI runs on the real clock: the server's clock is moved from the real now. */
const inAWhile = (milliseconds: number) => new Date(Date.now() + milliseconds);

describe('token life cycle: names, expiry, last use, listing and rotation, through the CLI and HTTP', () => {
  let t: TestApp;
  let clock: FixedClock;
  const start = new Date();
  beforeAll(async () => {
    clock = new FixedClock(start);
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(start));

  const timeline = (authorization: string) => request(t.http).get('/timeline').set('authorization', authorization);
  const listed = async () => (await request(t.http).get('/tokens').set('authorization', t.tokens.admin).expect(200)).body.items as Record<string, unknown>[];
  async function create(...extra: string[]) {
    const created = await runCli(t.dataDir, ['token', 'create', '--role', 'auditor', '--subject', 'paul', ...extra]);
    expect(created.messages).toBe('');
    expect(created.code).toBe(0);
    return { id: /token (\S+) for paul/.exec(created.stdout)![1], token: lastLine(created.stdout) };
  }

  it('creates tokens that expire after 90 days by default, or after --expires-in-days, refused at the next request once expired', async () => {
    const standard = await create('--name', 'laptop');
    const short = await create('--expires-in-days', '2');
    await timeline(bearer(short.token)).expect(200);
    const cliList = (await runCli(t.dataDir, ['token', 'list'])).stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    const byId = new Map(cliList.map((token) => [token.id, token]));
    const days = (token: Record<string, unknown>) => (Date.parse(token.expiresAt as string) - Date.parse(token.createdAt as string)) / DAY;
    expect(byId.get(standard.id)).toMatchObject({ name: 'laptop', subject: 'paul', role: 'auditor', status: 'active', lastUsedAt: null, revokedAt: null });
    expect(days(byId.get(standard.id)!)).toBe(90);
    expect(days(byId.get(short.id)!)).toBe(2);

    clock.set(inAWhile(2 * DAY + 60_000));
    expectProblem(await timeline(bearer(short.token)), 401);
    await timeline(bearer(standard.token)).expect(200);
    expect((await listed()).find((token) => token.id === short.id)).toMatchObject({ status: 'expired' });
    clock.set(inAWhile(90 * DAY + 60_000));
    expectProblem(await timeline(bearer(standard.token)), 401);
  });

  it('lists tokens to admins only, with their last use and never a secret or its hash', async () => {
    const { id, token } = await create('--name', 'audit-2026');
    const before = (await listed()).find((t) => t.id === id)!;
    expect(before.lastUsedAt).toBeNull();
    await timeline(bearer(token)).expect(200);
    const after = (await listed()).find((t) => t.id === id)!;
    expect(after).toMatchObject({ name: 'audit-2026', status: 'active', lastUsedAt: start.toISOString() });
    const answer = await request(t.http).get('/tokens').set('authorization', t.tokens.admin).expect(200);
    for (const secret of [token, t.tokens.admin.slice(7), t.tokens.auditor.slice(7)]) expect(answer.text).not.toContain(secret);
    expect(Object.keys(after).sort()).toEqual(['createdAt', 'engagementId', 'expiresAt', 'id', 'lastUsedAt', 'name', 'replacedBy', 'revokedAt', 'role', 'status', 'subject']);
    expectProblem(await request(t.http).get('/tokens').set('authorization', t.tokens.compliance), 403);
    expectProblem(await request(t.http).get('/tokens'), 401);
  });

  it('rotates a token with the CLI: both secrets work during the grace period, then only the new one', async () => {
    const old = await create('--name', 'scanner');
    const rotated = await runCli(t.dataDir, ['token', 'rotate', old.id, '--grace-hours', '2']);
    expect(rotated.code).toBe(0);
    const fresh = lastLine(rotated.stdout);
    expect(fresh).toMatch(/^cfd_[\w-]{43}$/);
    await timeline(bearer(old.token)).expect(200);
    await timeline(bearer(fresh)).expect(200);
    const tokens = await listed();
    const replacement = tokens.find((token) => token.replacedBy === null && token.name === 'scanner' && token.id !== old.id)!;
    expect(tokens.find((token) => token.id === old.id)).toMatchObject({ status: 'retiring', replacedBy: replacement.id });
    expect(replacement).toMatchObject({ subject: 'paul', role: 'auditor', status: 'active' });

    clock.set(inAWhile(2 * HOUR + 60_000));
    expectProblem(await timeline(bearer(old.token)), 401);
    await timeline(bearer(fresh)).expect(200);

    const events = (await t.events()).filter((e) => e.stream === `token-${old.id}` || e.stream === `token-${replacement.id}`);
    expect(events.map((e) => [e.type, e.metadata.actor])).toEqual([
      ['TokenIssued', 'system:cli'],
      ['TokenIssued', 'system:cli'],
      ['TokenRevoked', 'system:cli'],
    ]);
    expect(events[1].data).toMatchObject({ tokenId: replacement.id, rotates: old.id, name: 'scanner' });
    expect(events[2].data).toMatchObject({ tokenId: old.id, replacedBy: replacement.id });
    expect(JSON.stringify(await t.events())).not.toContain(fresh);
  });

  it('revokes a token inside its grace period at once', async () => {
    const old = await create();
    expect((await runCli(t.dataDir, ['token', 'rotate', old.id, '--grace-hours', '24'])).code).toBe(0);
    await timeline(bearer(old.token)).expect(200);
    expect((await runCli(t.dataDir, ['token', 'revoke', old.id])).code).toBe(0);
    clock.set(inAWhile(1000));
    expectProblem(await timeline(bearer(old.token)), 401);
  });

  it('rotates a token over HTTP, recording the admin as actor; refuses an unknown, a spent or a bad request, appending nothing', async () => {
    const old = await create();
    const rotate = (id: string, body: object) => request(t.http).post(`/tokens/${id}/rotate`).set('authorization', t.tokens.admin).send(body);
    const answer = await rotate(old.id, { graceHours: 0, expiresInDays: 7 }).expect(201);
    expect(answer.body).toMatchObject({ token: expect.stringMatching(/^cfd_/), replaced: { id: old.id, revokedAt: start.toISOString() } });
    expect(Date.parse(answer.body.expiresAt) - start.getTime()).toBe(7 * DAY);
    expectProblem(await timeline(bearer(old.token)), 401);
    await timeline(bearer(answer.body.token)).expect(200);
    const recorded = (await t.events()).filter((e) => e.stream === `token-${answer.body.id}`);
    expect(recorded).toMatchObject([{ type: 'TokenIssued', metadata: { actor: 'admin-1' }, data: { rotates: old.id, expiresAt: answer.body.expiresAt } }]);

    const count = (await t.events()).length;
    expectProblem(await rotate(old.id, {}), 409);
    expectProblem(await rotate('00000000-0000-4000-8000-000000000000', {}), 404, 'id');
    expectProblem(await rotate(answer.body.id, { graceHours: -1 }), 400, 'graceHours');
    expectProblem(await rotate(answer.body.id, { expiresInDays: '30' }), 400, 'expiresInDays');
    expectProblem(await rotate(answer.body.id, { secret: 'x' }), 400, 'secret');
    expectProblem(await request(t.http).post(`/tokens/${answer.body.id}/rotate`).set('authorization', t.tokens.compliance).send({}), 403);
    expect((await t.events()).length).toBe(count);
  });

  it('refuses a creation or rotation with an expiry it cannot honour, naming the option', async () => {
    for (const value of ['0', 'soon', '-3', '4000']) {
      const refused = await runCli(t.dataDir, ['token', 'create', '--role', 'auditor', '--subject', 'paul', '--expires-in-days', value]);
      expect(refused.code).not.toBe(0);
      expect(refused.messages).toContain('--expires-in-days');
    }
    const refused = await runCli(t.dataDir, ['token', 'rotate', 'x', '--grace-hours', 'later']);
    expect(refused.code).not.toBe(0);
    expect(refused.messages).toContain('--grace-hours');
  });
});
