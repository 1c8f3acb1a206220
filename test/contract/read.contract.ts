import { collect, comparePositions, newEvent, readAllOf, type ContractContext } from './event-store.contract';

export function readContract({ store, category }: ContractContext): void {
  describe('reading', () => {
    async function seed() {
      const c = category();
      await store().append(`${c}-1`, [newEvent('A', { i: 0 })], 'no_stream');
      await store().append(`${c}-2`, [newEvent('B', { i: 1 }), newEvent('A', { i: 2 })], 'no_stream');
      await store().append(`${c}-1`, [newEvent('C', { i: 3 })], 0);
      await store().append(`${c}x-3`, [newEvent('A', { i: 4 })], 'no_stream');
      return c;
    }

    it('readAll returns every event once, in append order, with increasing positions', async () => {
      const c = await seed();
      const events = await collect(store().readAll({ categories: [c, `${c}x`], batchSize: 2 }));
      expect(events.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4]);
      for (let i = 1; i < events.length; i++) {
        expect(comparePositions(events[i - 1].position, events[i].position)).toBe(-1);
      }
      expect(await store().headPosition()).toBe(events[4].position);
    });

    it('readLeaves gives what a Merkle tree keeps of each event, from a position inclusive, in global order, batch by batch', async () => {
      const c = await seed();
      const events = await collect(store().readAll({ fromPosition: (await collect(store().readAll({ categories: [c] })))[0].position }));
      const expected = events.map((e) => ({ position: e.position, id: e.id, stream: e.stream, type: e.type, hash: e.metadata.hash }));
      const firstTwo = await store().readLeaves(events[0].position, 2);
      expect(firstTwo).toEqual(expected.slice(0, 2));
      const rest = await store().readLeaves(events[2].position, 1000);
      expect(rest).toEqual(expected.slice(2));
      expect(await store().readLeaves(String(BigInt(events[events.length - 1].position) + 1n), 10)).toEqual([]);
    });

    it('counts the events the log held at a position', async () => {
      const c = await seed();
      const events = await collect(store().readAll({ categories: [c, `${c}x`] }));
      const total = (await collect(store().readAll())).length;
      expect(await store().countUpTo(events[4].position)).toBe(total);
      expect(await store().countUpTo(events[1].position)).toBe(total - 3);
    });

    it('readAll filters by type and by category', async () => {
      const c = await seed();
      expect((await collect(store().readAll({ categories: [c], types: ['A'] }))).map((e) => e.data.i)).toEqual([0, 2]);
      expect((await collect(store().readAll({ categories: [`${c}x`] }))).map((e) => e.data.i)).toEqual([4]);
      expect((await collect(store().readAll({ categories: [c], types: ['B', 'C'] }))).map((e) => e.data.i)).toEqual([1, 3]);
    });

    it('finds the last position recorded at or before an instant', async () => {
      const c = await seed();
      const events = await readAllOf(store(), c);
      const at = events[2].metadata.recordedAt;
      const found = await store().positionAt(at);
      expect(found).not.toBeNull();
      // Nothing recorded up to `at` lies after it; the event recorded at `at` is at or before it.
      expect(comparePositions(found!, events[2].position)).toBeGreaterThanOrEqual(0);
      expect((await collect(store().readAll({ fromPosition: String(BigInt(found!) + 1n) }))).every((e) => e.metadata.recordedAt > at)).toBe(true);
      expect(await store().positionAt('1970-01-01T00:00:00.000Z')).toBeNull();
    });

    it('readAll filters by correlation id, by event ids and by stream', async () => {
      const c = `corr${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const first = { ...newEvent('A', { i: 0 }), correlationId: `${c}-1` };
      const second = { ...newEvent('B', { i: 1 }), correlationId: `${c}-2` };
      const third = { ...newEvent('C', { i: 2 }), correlationId: `${c}-1` };
      await store().append(`${c}-s`, [first, second, third], 'no_stream');
      expect((await collect(store().readAll({ correlationId: `${c}-1` }))).map((e) => e.id)).toEqual([first.id, third.id]);
      expect((await collect(store().readAll({ ids: [third.id, second.id] }))).map((e) => e.id)).toEqual([second.id, third.id]);
      expect(await collect(store().readAll({ correlationId: `${c}-2`, ids: [first.id] }))).toEqual([]);
      await store().append(`${c}-t`, [newEvent('D', { i: 3 })], 'no_stream');
      expect((await collect(store().readAll({ stream: `${c}-s` }))).map((e) => e.id)).toEqual([first.id, second.id, third.id]);
    });

    it('readAll bounds are inclusive positions', async () => {
      const c = await seed();
      const all = await readAllOf(store(), c);
      const middle = await collect(
        store().readAll({ categories: [c], fromPosition: all[1].position, toPosition: all[2].position }),
      );
      expect(middle.map((e) => e.data.i)).toEqual([1, 2]);
    });

    it('readStream reads from a revision and at most maxCount events', async () => {
      const stream = `${category()}-s`;
      await store().append(stream, Array.from({ length: 10 }, (_, i) => newEvent('N', { i })), 'no_stream');
      const slice = await collect(store().readStream(stream, { fromRevision: 3, maxCount: 4 }));
      expect(slice.map((e) => e.revision)).toEqual([3, 4, 5, 6]);
      expect(await collect(store().readStream(`${category()}-missing`))).toEqual([]);
    });
  });
}
