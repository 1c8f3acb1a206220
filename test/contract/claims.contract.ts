import type { IdempotencyClaim } from '../../src/event-store/event-store';
import { CLAIM_TAKEN } from '../../src/event-store/idempotency';
import { isDomainError } from '../../src/shared/errors';
import { newEvent, streamOf, type ContractContext } from './event-store.contract';

const HOUR = 3600 * 1000;
const at = (ms: number) => new Date(ms).toISOString();

/** Idempotency-Keys recorded with the append they answered (decisions 0015, 0026), on every store. */
export function claimsContract(ctx: ContractContext): void {
  const { store, category } = ctx;
  describe('Idempotency-Key claims', () => {
    const now = Date.now();
    const claimOf = (key: string, overrides: Partial<IdempotencyClaim> = {}): IdempotencyClaim => ({
      actor: `actor-${category()}`,
      key,
      fingerprint: 'f1',
      answer: { id: 'm1', note: 'é' },
      expiresAt: at(now + 24 * HOUR),
      ...overrides,
    });

    it('records the key with the events: the same storage reopened gives the first answer', async () => {
      const stream = `${category()}-a`;
      const appended = await store().append(stream, [newEvent('Opened'), newEvent('Noted')], 'no_stream', { claim: claimOf('k1') });
      ctx.setStore(await ctx.harness.reopen(store()));
      expect(await store().recordedClaim(`actor-${category()}`, 'k1', at(now))).toEqual({
        fingerprint: 'f1',
        answer: { id: 'm1', note: 'é' },
        stream,
        revision: 1,
        position: appended.position,
        eventIds: appended.events.map((event) => event.id),
      });
      expect(await store().recordedClaim(`actor-${category()}`, 'another key', at(now))).toBeNull();
      expect(await store().recordedClaim('another actor', 'k1', at(now))).toBeNull();
    });

    it('refuses a second append with a live key as a whole (conflict), writing none of its events', async () => {
      await store().append(`${category()}-a`, [newEvent('Opened')], 'no_stream', { claim: claimOf('k1') });
      const second = await store()
        .append(`${category()}-b`, [newEvent('Opened')], 'no_stream', { claim: claimOf('k1', { fingerprint: 'f2' }) })
        .catch((error: unknown) => error);
      expect(isDomainError(second, 'conflict')).toBe(true);
      expect((second as { details: { reason?: string } }).details.reason).toBe(CLAIM_TAKEN);
      expect(await streamOf(store(), `${category()}-b`)).toEqual([]);
      expect(await store().recordedClaim(`actor-${category()}`, 'k1', at(now))).toMatchObject({ fingerprint: 'f1', stream: `${category()}-a` });
    });

    it('keeps keys apart per actor', async () => {
      await store().append(`${category()}-a`, [newEvent('Opened')], 'no_stream', { claim: claimOf('k1') });
      await store().append(`${category()}-b`, [newEvent('Opened')], 'no_stream', { claim: claimOf('k1', { actor: `other-${category()}` }) });
      expect(await store().recordedClaim(`other-${category()}`, 'k1', at(now))).toMatchObject({ stream: `${category()}-b` });
    });

    it('forgets a key at its expiry: it is then free for another append', async () => {
      await store().append(`${category()}-a`, [newEvent('Opened')], 'no_stream', { claim: claimOf('k1', { expiresAt: at(now + HOUR) }) });
      expect(await store().recordedClaim(`actor-${category()}`, 'k1', at(now + HOUR - 1))).toMatchObject({ stream: `${category()}-a` });
      expect(await store().recordedClaim(`actor-${category()}`, 'k1', at(now + HOUR))).toBeNull();
      // The store's clock is the real one: a key whose expiry has passed by it is free again.
      await store().append(`${category()}-b`, [newEvent('Opened')], 'no_stream', { claim: claimOf('k2', { expiresAt: at(now - 1) }) });
      await store().append(`${category()}-c`, [newEvent('Opened')], 'no_stream', { claim: claimOf('k2', { fingerprint: 'f2' }) });
      expect(await store().recordedClaim(`actor-${category()}`, 'k2', at(Date.now()))).toMatchObject({ fingerprint: 'f2', stream: `${category()}-c` });
    });

    it('records nothing of a key whose append failed: the key stays free', async () => {
      await store().append(`${category()}-a`, [newEvent('Opened')], 'no_stream');
      const failed = await store()
        .append(`${category()}-a`, [newEvent('Again')], 'no_stream', { claim: claimOf('k1') })
        .catch((error: unknown) => error);
      expect(isDomainError(failed, 'conflict')).toBe(true);
      expect(await store().recordedClaim(`actor-${category()}`, 'k1', at(now))).toBeNull();
      await store().append(`${category()}-a`, [newEvent('Noted')], 0, { claim: claimOf('k1') });
      expect(await store().recordedClaim(`actor-${category()}`, 'k1', at(now))).toMatchObject({ stream: `${category()}-a`, revision: 1 });
    });

    it('gives one of two concurrent appends with the same key, the other a conflict', async () => {
      const results = await Promise.allSettled([
        store().append(`${category()}-a`, [newEvent('Opened')], 'no_stream', { claim: claimOf('k1') }),
        store().append(`${category()}-b`, [newEvent('Opened')], 'no_stream', { claim: claimOf('k1') }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(isDomainError(lost?.reason, 'conflict')).toBe(true);
      const streams = await Promise.all([streamOf(store(), `${category()}-a`), streamOf(store(), `${category()}-b`)]);
      expect(streams.map((events) => events.length).sort()).toEqual([0, 1]);
    });
  });
}
