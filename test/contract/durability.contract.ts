import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ChainVerifier, collect, newEvent, streamOf, type ContractContext } from './event-store.contract';

/** A full collection on demand, so the test measures memory still held, not garbage waiting for the collector. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const STREAM_SIZE = 100_000;
const PAYLOAD = 'x'.repeat(1000);

export function durabilityContract(ctx: ContractContext): void {
  const { store, category } = ctx;
  describe('durability and scale', () => {
    it('reopening the storage keeps every event and goes on with the same chain', async () => {
      const stream = `${category()}-r`;
      await store().append(stream, [newEvent('Before', { n: 1 })], 'no_stream');
      const head = await store().headPosition();
      ctx.setStore(await ctx.harness.reopen(store()));
      expect(await store().headPosition()).toBe(head);
      await store().append(stream, [newEvent('After', { n: 2 })], 0);
      const events = await streamOf(store(), stream);
      expect(events.map((e) => e.type)).toEqual(['Before', 'After']);
      const verifier = new ChainVerifier();
      expect(events.map((e) => verifier.check(e))).toEqual([null, null]);
    });

    it(`reads back a stream of ${STREAM_SIZE} events with bounded memory`, async () => {
      const stream = `${category()}-big`;
      for (let start = 0; start < STREAM_SIZE; start += 2000) {
        const batch = Array.from({ length: 2000 }, (_, i) => newEvent('Tick', { i: start + i, payload: PAYLOAD }));
        await store().append(stream, batch, start === 0 ? 'no_stream' : start - 1);
      }
      collectGarbage();
      const baseline = process.memoryUsage().heapUsed;
      let peak = 0;
      let count = 0;
      let ordered = true;
      for await (const event of store().readStream(stream)) {
        if (event.revision !== count) ordered = false;
        count += 1;
        if (count % 10_000 === 0) {
          collectGarbage();
          peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        }
      }
      expect(count).toBe(STREAM_SIZE);
      expect(ordered).toBe(true);
      // The whole stream decoded at once would hold well over 100 MB of payload; one page is about 1 MB.
      expect(peak).toBeLessThan(16 * 1024 * 1024);
      const tail = await collect(store().readStream(stream, { fromRevision: STREAM_SIZE - 2 }));
      expect(tail.map((e) => e.data.i)).toEqual([STREAM_SIZE - 2, STREAM_SIZE - 1]);
    });
  });
}
