import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig } from '../../../src/config';
import { EvidenceStore } from '../../../src/evidence/evidence-store';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const REPORT = Buffer.from('Rapport de test d’intrusion\n'.repeat(1000));
/** The bytes in several chunks, as an upload arrives. */
const upload = (bytes: Buffer) => Readable.from([bytes.subarray(0, 100), bytes.subarray(100, 5000), bytes.subarray(5000)]);

describe('evidence store (files on disk)', () => {
  let dataDir: string;
  let store: EvidenceStore;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'confiance-evidence-'));
    store = new EvidenceStore(loadConfig({ DATA_DIR: dataDir }));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('hashes while receiving, and puts the bytes at evidence/<2 hex>/<sha256>, read-only, only on commit', async () => {
    const hash = sha256(REPORT);
    const incoming = await store.receive(upload(REPORT));
    expect(incoming).toMatchObject({ sha256: hash, size: REPORT.length });
    expect(existsSync(store.pathOf(hash))).toBe(false);
    await incoming.commit();
    expect(store.pathOf(hash)).toBe(join(dataDir, 'evidence', hash.slice(0, 2), hash));
    expect(readFileSync(store.pathOf(hash))).toEqual(REPORT);
    expect(statSync(store.pathOf(hash)).mode & 0o222).toBe(0);
    expect(readdirSync(join(dataDir, 'evidence', 'incoming'))).toEqual([]);
  });

  it('leaves nothing behind for a discarded upload', async () => {
    const incoming = await store.receive(upload(REPORT));
    await incoming.discard();
    expect(existsSync(store.pathOf(incoming.sha256))).toBe(false);
    expect(readdirSync(join(dataDir, 'evidence', 'incoming'))).toEqual([]);
  });

  it('stores the same bytes twice at the same place', async () => {
    await (await store.receive(upload(REPORT))).commit();
    await (await store.receive(upload(REPORT))).commit();
    expect(readdirSync(join(dataDir, 'evidence', sha256(REPORT).slice(0, 2)))).toEqual([sha256(REPORT)]);
  });

  it('tells an intact file from a missing or altered one', async () => {
    const hash = sha256(REPORT);
    expect(await store.condition(hash)).toBe('missing');
    expect(await store.open(hash)).toBeNull();
    await (await store.receive(upload(REPORT))).commit();
    expect(await store.condition(hash)).toBe('intact');
    chmodSync(store.pathOf(hash), 0o644);
    writeFileSync(store.pathOf(hash), Buffer.concat([REPORT, Buffer.from('!')]));
    expect(await store.condition(hash)).toBe('altered');
  });
});
