import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, eventsFile } from '../../src/config';
import type { NewEvent, RecordedEvent } from '../../src/event-store/event-store';
import { sealEvent } from '../../src/event-store/envelope';
import { GENESIS_HASH } from '../../src/event-store/hash-chain';
import { exportLineOf, importBreak, isImportable, parseExportLine } from '../../src/event-store/import';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { FixedClock } from '../../src/shared/clock';
import { isDomainError } from '../../src/shared/errors';
import { runCli } from '../support/test-app';

const clock = new FixedClock(new Date('2025-03-01T10:00:00.000Z'));

const event = (id: string, type: string, data: Record<string, unknown>, causationId: string | null = null): NewEvent => ({
  id,
  type,
  data,
  actor: 'compliance-1',
  correlationId: `corr-${id}`,
  causationId,
});

/** A small ledger with interleaved streams, non-UUID ids, unicode, nesting, nulls, numbers and schema versions. */
async function seed(store: SqliteEventStore): Promise<void> {
  await store.append('certification-c1', [event('e1', 'CertificationApplied', { label: 'SecNumCloud', framework: 'secnumcloud-3.2' })], 'no_stream');
  await store.append('audit-2025-passi-01', [event('e2', 'AuditPlanned', { auditor: 'PASSI – Évaluateur', window: ['2025-04-01', '2025-04-05'] })], 'no_stream');
  clock.advance(60_000);
  await store.append(
    'audit-2025-passi-01',
    [
      event('e3', 'FindingRaised', { severity: 'major', requirement: '12.6.c', due: null, score: 0.75, tags: { 検査: true } }, 'e2'),
      { ...event('8d3b2c1a-4f5e-4a6b-9c7d-0e1f2a3b4c5d', 'FindingRaised', { severity: 'minor', n: -0 }), schemaVersion: 2 },
    ],
    0,
  );
  await store.append('control-secnumcloud-3.2:12.6.c', [event('e5', 'CheckRecorded', { result: 'passed', evidence: [] })], 'any');
  await store.append('certification-c1', [event('e6', 'StepReached', { step: 'J0', note: 'line\nbreak "quoted"' }, 'e1')], 0);
}

function sealedChain(stream: string, count: number): RecordedEvent[] {
  let prevHash = GENESIS_HASH;
  return Array.from({ length: count }, (_, revision) => {
    const sealed = sealEvent(stream, revision, prevHash, '2025-03-01T10:00:00.000Z', event(`${stream}-${revision}`, 'Noted', { revision }));
    prevHash = sealed.metadata.hash;
    return { ...sealed, position: String(10 + revision * 10) };
  });
}

describe('moving a ledger between stores', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'confiance-move-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const storeIn = (dataDir: string) => SqliteEventStore.open(eventsFile(loadConfig({ DATA_DIR: dataDir })), clock);

  describe('export line format', () => {
    it('writes the full envelope in a fixed field order and reads it back unchanged', () => {
      const [recorded] = sealedChain('audit-1', 1);
      const line = exportLineOf({ ...recorded, metadata: { ...recorded.metadata }, data: { b: 1, a: [true, null] } });
      expect(Object.keys(JSON.parse(line))).toEqual(['id', 'stream', 'revision', 'position', 'type', 'schemaVersion', 'data', 'metadata']);
      expect(Object.keys(JSON.parse(line).metadata)).toEqual(['recordedAt', 'actor', 'correlationId', 'causationId', 'prevHash', 'hash']);
      expect(exportLineOf(parseExportLine(line))).toBe(line);
    });

    it('refuses lines that are not a recorded envelope, saying why', () => {
      const line = JSON.parse(exportLineOf(sealedChain('audit-1', 1)[0])) as Record<string, unknown>;
      const cases: [string, RegExp][] = [
        ['{"id":', /not valid JSON/],
        ['[1,2]', /not a JSON object/],
        [JSON.stringify({ ...line, extra: 1 }), /unexpected field "extra"/],
        [JSON.stringify({ ...line, revision: -1 }), /"revision"/],
        [JSON.stringify({ ...line, position: 12 }), /"position"/],
        [JSON.stringify({ ...line, data: 'text' }), /"data"/],
        [JSON.stringify({ ...line, metadata: { ...(line.metadata as object), hash: 'x' } }), /"metadata.hash"/],
        [JSON.stringify({ ...line, metadata: { ...(line.metadata as object), causationId: 3 } }), /"metadata.causationId"/],
      ];
      for (const [text, reason] of cases) expect(() => parseExportLine(text)).toThrow(reason);
    });

    it('checks that an imported event continues the chain its store holds', () => {
      const [first, second] = sealedChain('audit-1', 2);
      expect(importBreak(undefined, first)).toBeNull();
      expect(importBreak({ revision: 0, hash: first.metadata.hash }, second)).toBeNull();
      expect(importBreak(undefined, second)).toMatch(/revision 1 cannot follow an empty stream/);
      expect(importBreak({ revision: 0, hash: 'f'.repeat(64) }, second)).toMatch(/prevHash/);
      expect(importBreak(undefined, { ...first, data: { revision: 99 } })).toMatch(/content does not match/);
    });
  });

  describe('SqliteEventStore.importRecorded', () => {
    it('keeps ids, revisions, data, metadata and positions, and goes on appending after them', async () => {
      const store = storeIn(tempDir());
      expect(isImportable(store)).toBe(true);
      const events = sealedChain('audit-1', 3);
      await store.importRecorded(events);
      const stored: RecordedEvent[] = [];
      for await (const e of store.readAll()) stored.push(e);
      expect(stored).toEqual(events);
      const next = await store.append('audit-1', [event('n1', 'Noted', {})], 2);
      expect(next.events[0]).toMatchObject({ revision: 3, position: '31', metadata: { prevHash: events[2].metadata.hash } });
      await store.close();
    });

    it('writes nothing of a batch in which one event breaks its chain', async () => {
      const store = storeIn(tempDir());
      const [a, b, c] = sealedChain('audit-1', 3);
      const error = await store.importRecorded([a, b, { ...c, data: { tampered: true } }]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDomainError(error, 'validation')).toBe(true);
      expect((error as Error).message).toMatch(/audit-1 revision 2: content does not match/);
      expect(await store.headPosition()).toBeNull();
      await store.close();
    });
  });

  describe('confiance export / import (the built CLI)', () => {
    let source: string;
    let exported: string;
    beforeAll(async () => {
      source = tempDir();
      const store = storeIn(source);
      await seed(store);
      await store.close();
      exported = join(tempDir(), 'ledger.jsonl');
    });

    it('round-trips SQLite → file → a fresh SQLite store byte for byte, and the copy verifies', async () => {
      const out = await runCli(source, ['export', '--out', exported]);
      expect(out.stderr).toBe('');
      expect(out).toMatchObject({ code: 0 });
      expect(out.stdout).toContain('exported 6 events up to position 6');
      expect(existsSync(`${exported}.partial`)).toBe(false);
      const lines = readFileSync(exported, 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(6);
      expect(lines.map((l) => (JSON.parse(l) as RecordedEvent).id)).toEqual(['e1', 'e2', 'e3', '8d3b2c1a-4f5e-4a6b-9c7d-0e1f2a3b4c5d', 'e5', 'e6']);

      const target = tempDir();
      const imported = await runCli(target, ['import', exported]);
      expect(imported).toMatchObject({ code: 0, stderr: '' });
      expect(imported.stdout).toContain('imported 6 events in 3 streams');

      const verified = await runCli(target, ['verify']);
      expect(verified).toMatchObject({ code: 0 });
      expect(verified.stdout).toContain('OK 6 events in 3 streams verified');

      const again = join(tempDir(), 'again.jsonl');
      expect((await runCli(target, ['export', '--out', again])).code).toBe(0);
      expect(readFileSync(again)).toEqual(readFileSync(exported));
    });

    it('refuses a store that is not empty, writing nothing', async () => {
      const out = await runCli(source, ['import', exported]);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(/not empty \(head position 6\): import only into an empty store/);
      const store = storeIn(source);
      expect(await store.headPosition()).toBe('6');
      await store.close();
    });

    it('refuses a tampered line, naming it, before writing anything', async () => {
      const lines = readFileSync(exported, 'utf8').split('\n');
      lines[2] = lines[2].replace('"severity":"major"', '"severity":"minor"');
      const tampered = join(tempDir(), 'tampered.jsonl');
      writeFileSync(tampered, lines.join('\n'));
      const target = tempDir();
      const out = await runCli(target, ['import', tampered]);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain('line 3: audit-2025-passi-01 revision 1: content does not match its recorded hash');
      const store = storeIn(target);
      expect(await store.headPosition()).toBeNull();
      await store.close();
    });

    it('refuses a line that is not an envelope, and a missing file, with a clear message', async () => {
      const broken = join(tempDir(), 'broken.jsonl');
      writeFileSync(broken, `${readFileSync(exported, 'utf8').split('\n')[0]}\n{"id": "half"\n`);
      const out = await runCli(tempDir(), ['import', broken]);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(/line 2: not valid JSON/);
      const missing = await runCli(tempDir(), ['import', join(tempDir(), 'nope.jsonl')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/nope\.jsonl is not a readable file/);
    });

    it('exports an empty store as an empty file', async () => {
      const file = join(tempDir(), 'empty.jsonl');
      const empty = tempDir();
      await storeIn(empty).close();
      const out = await runCli(empty, ['export', '--out', file]);
      expect(out).toMatchObject({ code: 0 });
      expect(out.stdout).toContain('exported 0 events up to position none');
      expect(readFileSync(file, 'utf8')).toBe('');
    });
  });
});
