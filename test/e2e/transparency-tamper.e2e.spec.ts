import Database from 'better-sqlite3';
import { createPublicKey } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { eventHash, GENESIS_HASH, type HashedContent } from '../../src/event-store/hash-chain';
import { SystemClock } from '../../src/shared/clock';
import { openCheckpoint } from '../../src/transparency/checkpoint';
import { readVerifier } from '../../src/transparency/log-key';
import { checkConsistency } from '../../src/transparency/proofs';
import { runCli } from '../support/test-app';

/** Global order of the log written below: stream and revision at positions 1…10. */
const LAYOUT = ['people-a', 'controls-b', 'lone-c', 'people-a', 'controls-b', 'people-a', 'controls-b', 'audits-d', 'audits-d', 'audits-d'];

/** Appends the events of LAYOUT from `from` (0-based) to `to`, each id naming its position. */
async function writeLog(dataDir: string, from: number, to: number): Promise<void> {
  const store = SqliteEventStore.open(join(dataDir, 'events.db'), new SystemClock());
  for (let i = from; i < to; i++) {
    const stream = LAYOUT[i];
    await store.append(stream, [{ id: `e${i + 1}-${stream}`, type: 'NoteTaken', data: { n: i }, actor: 'subject-1', correlationId: `c${i}` }], 'any');
  }
  await store.close();
}

function tamper(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, 'events.db'));
  db.exec(sql);
  db.close();
}

/** Rewrites a stream's data and recomputes its whole chain, as someone holding the file could. */
function rewriteStream(dataDir: string, stream: string): void {
  const db = new Database(join(dataDir, 'events.db'));
  const rows = db.prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision').all(stream) as Record<string, never>[];
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const content: HashedContent = {
      id: row.id,
      stream,
      revision: row.revision,
      type: row.type,
      schemaVersion: row.schema_version,
      data: { n: 999 },
      metadata: { recordedAt: row.recorded_at, actor: row.actor, correlationId: row.correlation_id, causationId: row.causation_id, prevHash },
    };
    const hash = eventHash(content);
    db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE id = ?').run(JSON.stringify(content.data), prevHash, hash, row.id);
    prevHash = hash;
  }
  db.close();
}

describe('confiance verify against a log altered by someone holding the file', () => {
  let signed: string;
  const copies: string[] = [];
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'confiance-tampered-'));
    cpSync(signed, dir, { recursive: true });
    copies.push(dir);
    return dir;
  };

  beforeAll(async () => {
    signed = mkdtempSync(join(tmpdir(), 'confiance-signed-'));
    await writeLog(signed, 0, 7);
    const first = await runCli(signed, ['checkpoint']);
    expect(first.code).toBe(0);
    await writeLog(signed, 7, LAYOUT.length);
    const second = await runCli(signed, ['checkpoint']);
    expect(second.code).toBe(0);

    // An auditor who kept both checkpoints checks that the second extends the first, with the public key only.
    const publicPem = createPublicKey(readFileSync(join(signed, 'log-signing-key.pem'))).export({ type: 'spki', format: 'pem' }).toString();
    const key = readVerifier(publicPem, 'confiance.local/log');
    const [c7, c10] = [openCheckpoint(first.stdout, key), openCheckpoint(second.stdout, key)];
    expect([c7.size, c10.size]).toEqual([7, 10]);
    const proof = JSON.parse((await runCli(signed, ['consistency', '7', '10'])).stdout) as { hashes: string[] };
    expect(checkConsistency(7, 10, c7.rootHash, c10.rootHash, proof.hashes.map((h) => Buffer.from(h, 'base64')))).toBeNull();
  });

  afterAll(() => {
    for (const dir of [signed, ...copies]) rmSync(dir, { recursive: true, force: true });
  });

  it('passes the untouched log, naming the checkpoints that hold', async () => {
    const verify = await runCli(copy(), ['verify']);
    expect(verify.stdout).toMatch(/^OK 10 events in 4 streams verified.*transparency log: 10 leaves, 2 signed checkpoints hold/);
    expect(verify.code).toBe(0);
  });

  it.each([
    ['the last event deleted', 'DELETE FROM events WHERE position = 10', /checkpoint of size 10 .*holds 9 events.*leaf 9 was event e10-audits-d .*position 10.*missing/],
    ['the last three events deleted', 'DELETE FROM events WHERE position >= 8', /checkpoint of size 10 .*holds 7 events.*leaf 7 was event e8-audits-d.*stream audits-d no longer exists/],
    ["one stream's last event deleted mid-log", 'DELETE FROM events WHERE position = 6', /checkpoint of size 7 no longer matches.*leaf 5 was event e6-people-a .*position 6, the log now has event e7-controls-b .*position 7 there; event e6-people-a is missing/],
    ['a single-event stream deleted', 'DELETE FROM events WHERE position = 3', /checkpoint of size 7 .*leaf 2 was event e3-lone-c.*stream lone-c no longer exists/],
    [
      'two events of different streams swapped',
      'UPDATE events SET position = 100 WHERE position = 4; UPDATE events SET position = 4 WHERE position = 5; UPDATE events SET position = 5 WHERE position = 100;',
      /checkpoint of size 7 .*leaf 3 was event e4-people-a .*position 4, the log now has event e5-controls-b .*; event e4-people-a moved to position 5/,
    ],
    ['an event moved far ahead', 'UPDATE events SET position = 5000 WHERE position = 7', /checkpoint of size 7 .*leaf 6 was event e7-controls-b .*event e7-controls-b moved to position 5000/],
    ['the category column edited', "UPDATE events SET category = 'incidents' WHERE position = 2", /controls-b revision 0 \(position 2\): category column says "incidents", stream controls-b implies "controls"/],
  ])('detects %s and names what changed', async (_what, sql, expected) => {
    const dir = copy();
    tamper(dir, sql);
    const verify = await runCli(dir, ['verify']);
    expect(verify.messages).toContain('BROKEN ');
    expect(verify.messages).toMatch(expected);
    expect(verify.code).toBe(1);
  });

  it('detects a truncated log whose remaining stream was rewritten with a recomputed chain, naming the checkpoint size', async () => {
    const dir = copy();
    tamper(dir, 'DELETE FROM events WHERE position >= 9');
    rewriteStream(dir, 'people-a');
    const verify = await runCli(dir, ['verify']);
    expect(verify.messages).toMatch(/BROKEN checkpoint of size 7 no longer matches the log: first differing leaf 0: event e1-people-a of stream people-a was rewritten/);
    expect(verify.code).toBe(1);
  });

  it('exports the checkpoints with the log; import refuses a file whose events no longer match one', async () => {
    const dir = copy();
    const file = join(copy(), 'export.jsonl');
    expect((await runCli(dir, ['export', '--out', file])).code).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.filter((l) => l.startsWith('{"checkpoint"'))).toHaveLength(2);

    const clean = mkdtempSync(join(tmpdir(), 'confiance-import-'));
    copies.push(clean);
    const imported = await runCli(clean, ['import', file]);
    expect(imported.stdout).toContain('imported 10 events');

    // The last event dropped: every chain still holds, the checkpoint of size 10 does not.
    const dropped = join(dir, 'dropped.jsonl');
    writeFileSync(dropped, `${lines.slice(0, -1).join('\n')}\n`);
    const empty = mkdtempSync(join(tmpdir(), 'confiance-import-'));
    copies.push(empty);
    const refused = await runCli(empty, ['import', dropped]);
    expect(refused.messages).toMatch(/checkpoint of size 10 but only 9 events/);
    expect(refused.code).toBe(1);

    // One stream's data forged and its chain re-hashed consistently.
    rewriteStream(dir, 'people-a');
    const forged = join(copy(), 'forged.jsonl');
    const forgedEvents = (await runCli(dir, ['export', '--out', forged])).code;
    expect(forgedEvents).toBe(0);
    const refusedForged = await runCli(empty, ['import', forged]);
    expect(refusedForged.messages).toMatch(/first 7 events do not match its checkpoint of size 7/);
    expect(refusedForged.code).toBe(1);
  });
});
