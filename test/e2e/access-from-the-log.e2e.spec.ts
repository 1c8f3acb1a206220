import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { SystemClock } from '../../src/shared/clock';
import { runCli } from '../support/test-app';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const lastLine = (stdout: string) => stdout.trim().split('\n').at(-1)!;
const get = (server: ServerProcess, path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

/** Polls until `check` holds, for at most `attempts` tries a quarter of a second apart; answers whether it held. */
async function eventually(check: () => Promise<boolean>, attempts = 120): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return true;
    await new Promise((done) => setTimeout(done, 250));
  }
  return false;
}

/**
 * A server process and other processes on its DATA_DIR (one server per
 * SQLite DATA_DIR is allowed, see the server lock): tokens issued or revoked
 * by another process reach the server through the log, and the access
 * tables, deleted, come back from it at the next start.
 */
describe('access tables follow the log on every instance', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-access-'));
  const servers: ServerProcess[] = [];
  let admin: { id: string; token: string };
  afterAll(async () => {
    for (const server of servers) await server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What an instance on another registry does: records facts of access in the log (a token's hash, never the token). */
  async function recordInLog(type: 'TokenIssued' | 'TokenRevoked' | 'PersonErased', data: Record<string, unknown>, stream = `token-${String(data.tokenId)}`): Promise<void> {
    const store = SqliteEventStore.open(join(dataDir, 'events.db'), new SystemClock());
    try {
      await store.append(stream, [{ id: randomUUID(), type, data, actor: 'admin-elsewhere', correlationId: randomUUID() }], 'any');
    } finally {
      await store.close();
    }
  }

  it('lets a token recorded in the log by another process work at its next request, and stops it when revoked', async () => {
    const created = await runCli(dataDir, ['token', 'create', '--role', 'admin', '--subject', 'admin-1', '--name', 'console']);
    expect(created.code).toBe(0);
    admin = { id: /token (\S+) for/.exec(created.stdout)![1], token: lastLine(created.stdout) };
    servers.push(await startServerProcess(dataDir));
    const [a] = servers;

    const token = `cfd_${randomBytes(32).toString('base64url')}`;
    const tokenId = randomUUID();
    const hash = createHash('sha256').update(token).digest('hex');
    expect((await get(a, '/timeline', token)).status).toBe(401);
    await recordInLog('TokenIssued', { tokenId, hash, subject: 'paul.passi', role: 'auditor', name: 'from-elsewhere', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), engagementId: null });
    // Unknown here a moment ago, known at its first request: the server takes in the log before refusing it.
    expect((await get(a, '/timeline', token)).status).toBe(200);
    const listed = ((await (await get(a, '/tokens', admin.token)).json()) as { items: { id: string; name: string }[] }).items;
    expect(listed.find((item) => item.id === tokenId)?.name).toBe('from-elsewhere');

    // The revocation reaches the registry only through the log: the server follows it within its polling interval.
    await recordInLog('TokenRevoked', { tokenId, effectiveAt: new Date().toISOString() });
    expect(await eventually(async () => (await get(a, '/timeline', token)).status === 401)).toBe(true);
  });

  it("erases the server's copy of a person when another instance records the erasure in the log", async () => {
    const [a] = servers;
    const registered = await fetch(`${a.url}/people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'marie.dpo', displayName: 'Marie Lemaire-Dupuis', email: 'marie.lemaire@example.eu' }),
    });
    expect(registered.status).toBe(201);
    const onDisk = () => ['registry.db', 'registry.db-wal'].some((file) => existsSync(join(dataDir, file)) && readFileSync(join(dataDir, file)).includes('Lemaire-Dupuis'));
    expect(onDisk()).toBe(true);
    await recordInLog('PersonErased', { subject: 'marie.dpo' }, 'person-marie.dpo');
    expect(await eventually(async () => !onDisk())).toBe(true);
  });

  it('rotates through the server: the new secret works, the old one stops after its grace period of zero', async () => {
    const [a] = servers;
    const rotated = await fetch(`${a.url}/tokens/${admin.id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ graceHours: 0 }),
    });
    expect(rotated.status).toBe(201);
    const fresh = (await rotated.json()) as { token: string };
    expect((await get(a, '/tokens', fresh.token)).status).toBe(200);
    expect(await eventually(async () => (await get(a, '/tokens', admin.token)).status === 401)).toBe(true);
    admin = { id: admin.id, token: fresh.token };
  });

  it('brings every working token back from the log after the access tables are deleted, and keeps revoked ones refused', async () => {
    for (const server of servers.splice(0)) await server.kill('SIGTERM');
    const registry = new Database(join(dataDir, 'registry.db'));
    registry.exec('DROP TABLE tokens; DROP TABLE access_follower;');
    registry.close();
    const server = await startServerProcess(dataDir);
    servers.push(server);
    const listed = await get(server, '/tokens', admin.token);
    expect(listed.status).toBe(200);
    const items = ((await listed.json()) as { items: { name: string; status: string; hash?: string }[] }).items;
    expect(items.map((item) => `${item.name} ${item.status}`).sort()).toEqual(['console active', 'console revoked', 'from-elsewhere revoked']);
    expect(items.every((item) => item.hash === undefined)).toBe(true);
  });
});
