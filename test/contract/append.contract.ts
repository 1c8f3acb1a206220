import {
  appendExpecting,
  ChainVerifier,
  expectConflict,
  GENESIS_HASH,
  newEvent,
  streamOf,
  type ContractContext,
} from './event-store.contract';

export function appendContract(ctx: ContractContext): void {
  const { store, category } = ctx;
  describe('append', () => {
    it('starts a stream at revision 0 with a chained, hashed envelope', async () => {
      const stream = `${category()}-a`;
      const result = await store().append(stream, [newEvent('Opened', { n: 1 }), newEvent('Noted', { n: 2 })], 'no_stream');
      expect(result.revision).toBe(1);
      const events = await streamOf(store(), stream);
      expect(events.map((e) => [e.revision, e.type, e.data])).toEqual([
        [0, 'Opened', { n: 1 }],
        [1, 'Noted', { n: 2 }],
      ]);
      expect(events[0].metadata).toMatchObject({ actor: 'subject-alice', correlationId: 'corr-1', prevHash: GENESIS_HASH });
      expect(events[1].metadata.prevHash).toBe(events[0].metadata.hash);
      expect(events[0].metadata.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(events[0].schemaVersion).toBe(1);
      expect(new Date(events[0].metadata.recordedAt).toISOString()).toBe(events[0].metadata.recordedAt);
      expect(result.position).toBe(events[1].position);
    });

    it('no_stream: refuses a stream that exists and writes nothing', async () => {
      const stream = `${category()}-a`;
      await appendExpecting(store(), stream, 'no_stream', 'Opened');
      await expectConflict(appendExpecting(store(), stream, 'no_stream', 'Again'));
      expect(await streamOf(store(), stream)).toHaveLength(1);
    });

    it('stream_exists: refuses a missing stream, accepts an existing one', async () => {
      const stream = `${category()}-a`;
      await expectConflict(appendExpecting(store(), stream, 'stream_exists', 'Noted'));
      expect(await streamOf(store(), stream)).toHaveLength(0);
      await appendExpecting(store(), stream, 'no_stream', 'Opened');
      await appendExpecting(store(), stream, 'stream_exists', 'Noted');
      expect(await streamOf(store(), stream)).toHaveLength(2);
    });

    it('exact revision: accepts the current revision, refuses a stale or future one', async () => {
      const stream = `${category()}-a`;
      await appendExpecting(store(), stream, 'no_stream', 'Opened', 'Noted');
      await expectConflict(appendExpecting(store(), stream, 0, 'Stale'));
      await expectConflict(appendExpecting(store(), stream, 5, 'Future'));
      const [next] = await appendExpecting(store(), stream, 1, 'Fresh');
      expect(next.revision).toBe(2);
      expect((await streamOf(store(), stream)).map((e) => e.type)).toEqual(['Opened', 'Noted', 'Fresh']);
    });

    it('any: appends whatever the stream holds', async () => {
      const stream = `${category()}-a`;
      await appendExpecting(store(), stream, 'any', 'One');
      await appendExpecting(store(), stream, 'any', 'Two');
      expect((await streamOf(store(), stream)).map((e) => e.revision)).toEqual([0, 1]);
    });

    it('a retry of the same event ids is a success that writes nothing', async () => {
      const stream = `${category()}-a`;
      const events = [newEvent('Opened'), newEvent('Noted')];
      const first = await store().append(stream, events, 'no_stream');
      const retry = await store().append(stream, events, 'no_stream');
      expect(retry.position).toBe(first.position);
      expect(retry.revision).toBe(1);
      expect(retry.events.map((e) => e.metadata.hash)).toEqual(first.events.map((e) => e.metadata.hash));
      const again = await store().append(stream, events, 'any');
      expect(again.position).toBe(first.position);
      expect(await streamOf(store(), stream)).toHaveLength(2);
    });

    it('a partial overlap with recorded ids is a conflict and writes nothing', async () => {
      const stream = `${category()}-a`;
      const [a, b] = [newEvent('Opened'), newEvent('Noted')];
      await store().append(stream, [a, b], 'no_stream');
      await expectConflict(store().append(stream, [b, newEvent('New')], 'any'));
      await expectConflict(store().append(stream, [newEvent('New'), a], 'any'));
      expect(await streamOf(store(), stream)).toHaveLength(2);
      if (ctx.harness.uniqueIdsAcrossStreams) {
        await expectConflict(store().append(`${category()}-other`, [a], 'any'));
        expect(await streamOf(store(), `${category()}-other`)).toHaveLength(0);
      }
    });

    it('concurrent writers expecting the same revision: exactly one wins', async () => {
      const stream = `${category()}-a`;
      await appendExpecting(store(), stream, 'no_stream', 'Opened');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => appendExpecting(store(), stream, 0, `Writer${i}`)),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(await streamOf(store(), stream)).toHaveLength(2);
    });

    it('concurrent writers with any: every event lands once and the chain holds', async () => {
      const stream = `${category()}-a`;
      await Promise.all(Array.from({ length: 50 }, (_, i) => appendExpecting(store(), stream, 'any', `E${i}`)));
      const events = await streamOf(store(), stream);
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(new Set(events.map((e) => e.type)).size).toBe(50);
      const verifier = new ChainVerifier();
      expect(events.map((e) => verifier.check(e))).toEqual(events.map(() => null));
    });
  });
}
