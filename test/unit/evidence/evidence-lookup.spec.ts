import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRunner } from '../../../src/command-side/command-runner';
import { EvidenceLookup } from '../../../src/evidence/evidence-lookup';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { FixedClock } from '../../../src/shared/clock';
import { DomainError } from '../../../src/shared/errors';
import { SequentialIds } from '../../../src/shared/ids';

const STORED = 'a'.repeat(64);
const NEVER = 'b'.repeat(64);

describe('evidence lookup, for areas that cite evidence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-lookup-'));
  const clock = new FixedClock(new Date('2026-11-28T12:00:00Z'));
  const store = SqliteEventStore.open(join(dir, 'events.db'), clock);
  const lookup = new EvidenceLookup(new CommandRunner(store, clock, new SequentialIds('ev')));
  beforeAll(async () => {
    const data = { sha256: STORED, size: 3, mediaType: 'text/plain', name: 'a.txt', effectiveOn: null, validUntil: null, description: null };
    await store.append(`evidence-${STORED}`, [{ id: 'e1', type: 'EvidenceStored', data, actor: 'compliance-1', correlationId: 'c' }], 'no_stream');
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('knows stored evidence, and not a hash never stored nor a malformed one', async () => {
    expect(await lookup.exists(STORED)).toBe(true);
    expect(await lookup.exists(NEVER)).toBe(false);
    expect(await lookup.exists('not-a-hash')).toBe(false);
  });

  it('accepts citations of stored evidence, none, or the same hash twice', async () => {
    await expect(lookup.requireAll([STORED, STORED], 'evidence')).resolves.toBeUndefined();
    await expect(lookup.requireAll(undefined, 'evidence')).resolves.toBeUndefined();
  });

  it('refuses a citation of evidence never stored with a 400 naming the field and the hash', async () => {
    const refusal = await lookup.requireAll([STORED, NEVER], 'report').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'validation', details: { errors: [{ field: 'report' }] } });
    expect((refusal as DomainError).message).toContain(NEVER);
    expect((refusal as DomainError).message).not.toContain(STORED);
  });

  it('gives what was recorded, or a 404', async () => {
    expect(await lookup.get(STORED)).toMatchObject({ name: 'a.txt', mediaType: 'text/plain' });
    await expect(lookup.get(NEVER)).rejects.toMatchObject({ kind: 'not_found' });
  });
});
