import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCosignature } from '../../src/transparency/checkpoint';
import { COSIGNATURE_ALG, parseNote, parseVerifierKey, verifierKey } from '../../src/transparency/note';
import { runCli } from '../support/test-app';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const WITNESS = 'auditor.test/witness';

describe('an auditor witness cosigning the ledger from its own machine', () => {
  let dataDir: string;
  let auditorDir: string;
  let server: ServerProcess;
  let admin: string;
  let auditor: string;
  const env = { CHECKPOINT_INTERVAL_SECONDS: '0' };

  const call = async (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

  const tokenFor = async (role: string) => {
    const lines = (await runCli(dataDir, ['token', 'create', '--role', role, '--subject', `${role}-w`])).stdout.trim().split('\n');
    return lines[lines.length - 1];
  };

  const append = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const response = await call('/milestones', admin, { method: 'POST', body: JSON.stringify({ title: `m${i}`, kind: 'operational', plannedFor: '2023-01-15' }) });
      expect(response.status).toBe(201);
    }
  };

  /** Waits until the ledger's latest checkpoint covers every event: the tree follows the log off the append path. */
  const settled = async (size?: number) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const health = (await (await fetch(`${server.url}/health`)).json()) as { headPosition: string };
      const text = await (await call('/transparency/checkpoint', auditor)).text();
      // Positions are event counts until events are deleted; then the caller says which size to expect.
      if (text.split('\n')[1] === String(size ?? health.headPosition)) return Number(text.split('\n')[1]);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the checkpoint did not catch up');
  };

  const witness = () =>
    runCli(auditorDir, [
      'witness',
      '--url', server.url,
      '--log-key', join(auditorDir, 'log.pem'),
      '--witness-key', join(auditorDir, 'witness.pem'),
      '--name', WITNESS,
      '--state', join(auditorDir, 'state.json'),
      '--token', auditor,
    ]);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'confiance-ledger-'));
    auditorDir = mkdtempSync(join(tmpdir(), 'confiance-auditor-'));
    [admin, auditor] = [await tokenFor('admin'), await tokenFor('auditor')];
    server = await startServerProcess(dataDir, env);
  });

  afterAll(async () => {
    await server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(auditorDir, { recursive: true, force: true });
  });

  it('cosigns checkpoints that extend the one it holds, and refuses a truncated and rewritten log naming the size', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(auditorDir, 'witness.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const logKey = (await (await call('/transparency/key', auditor)).json()) as { pem: string };
    writeFileSync(join(auditorDir, 'log.pem'), logKey.pem);

    expect((await call('/transparency/witnesses', auditor, { method: 'POST', body: JSON.stringify({ name: WITNESS, publicKey: publicPem }) })).status).toBe(403);
    const registered = await call('/transparency/witnesses', admin, { method: 'POST', body: JSON.stringify({ name: WITNESS, publicKey: publicPem }) });
    expect(registered.status).toBe(201);

    await append(4);
    const first = await settled();
    const run1 = await witness();
    expect(run1.stdout).toContain(`cosigned checkpoint of size ${first}`);
    expect(run1.code).toBe(0);

    const listed = (await (await call('/transparency/checkpoints?limit=500', auditor)).json()) as { items: { treeSize: number; checkpoint: string }[] };
    const cosigned = listed.items.find((c) => c.treeSize === first)!;
    const note = parseNote(cosigned.checkpoint);
    const line = note.signatures.find((s) => s.name === WITNESS)!;
    expect(checkCosignature(note.text, line, parseVerifierKey(verifierKey(WITNESS, publicKey, COSIGNATURE_ALG)))).toEqual(expect.any(Number));
    const events = await (await call('/events?stream=transparency-witnesses', auditor)).json();
    expect(JSON.stringify(events)).toContain(WITNESS);

    await append(3);
    const second = await settled();
    const run2 = await witness();
    expect(run2.stdout).toContain(`cosigned checkpoint of size ${second}, which extends size ${first}`);

    // Someone with the files truncates the log, rewrites what is left, forgets the checkpoints and signs anew.
    expect(await server.kill('SIGTERM')).toBe(0);
    const events_ = new Database(join(dataDir, 'events.db'));
    events_.exec(`DELETE FROM events WHERE position > ${second - 5}`);
    events_.close();
    const tree = new Database(join(dataDir, 'transparency.db'));
    tree.exec('DELETE FROM cosignatures; DELETE FROM checkpoints;');
    tree.close();
    expect((await runCli(dataDir, ['replay'])).code).toBe(0);
    expect((await runCli(dataDir, ['checkpoint'])).code).toBe(0);
    server = await startServerProcess(dataDir, env);

    const refused = await witness();
    expect(refused.messages).toMatch(new RegExp(`checkpoint of size ${second - 5} does not extend the checkpoint of size ${second} this witness holds`));
    expect(refused.code).toBe(1);

    // The log grows past the size the witness holds, but from a different past: the consistency proof fails.
    await append(8);
    await settled(second - 5 + 8);
    const forked = await witness();
    expect(forked.messages).toMatch(new RegExp(`does not extend the checkpoint of size ${second} this witness holds: the proof does not lead to the root of size ${second}`));
    expect(forked.code).toBe(1);
  }, 300_000);
});
