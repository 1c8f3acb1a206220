import type { RecordedEvent } from '../../src/event-store/event-store';
import { eventually, newEvent, readAllOf, type ContractContext } from './event-store.contract';

export function subscribeContract(ctx: ContractContext): void {
  const { store, category } = ctx;
  describe('subscribeToAll', () => {
    it('catches up, then goes live, with no gap and no duplicate', async () => {
      const c = category();
      for (let i = 0; i < 3; i++) await store().append(`${c}-${i}`, [newEvent('Past', { i })], 'no_stream');
      const seen: RecordedEvent[] = [];
      const subscription = store().subscribeToAll(null, (e) => {
        if (e.stream.startsWith(`${c}-`)) seen.push(e);
      });
      await eventually(() => seen.length === 3);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store().append(`${c}-live`, [newEvent('Live', { i: 3 + i })], 'any')),
      );
      await eventually(() => seen.length === 23);
      await subscription.stop();
      expect(seen.map((e) => e.position)).toEqual((await readAllOf(store(), c)).map((e) => e.position));
      expect(new Set(seen.map((e) => e.id)).size).toBe(23);
    });

    it('starts strictly after the given position', async () => {
      const c = category();
      const first = await store().append(`${c}-1`, [newEvent('A'), newEvent('B')], 'no_stream');
      await store().append(`${c}-1`, [newEvent('C')], 1);
      const seen: string[] = [];
      const subscription = store().subscribeToAll(first.events[0].position, (e) => {
        if (e.stream.startsWith(`${c}-`)) seen.push(e.type);
      });
      await eventually(() => seen.length === 2);
      await subscription.stop();
      expect(seen).toEqual(['B', 'C']);
    });

    it('sees events appended by another process', async () => {
      const c = category();
      const seen: RecordedEvent[] = [];
      const subscription = store().subscribeToAll(await store().headPosition(), (e) => {
        if (e.stream.startsWith(`${c}-`)) seen.push(e);
      });
      await ctx.harness.appendFromAnotherProcess(`${c}-cli`, [newEvent('FromCli', { by: 'cli' })]);
      await eventually(() => seen.length === 1);
      await subscription.stop();
      expect(seen[0]).toMatchObject({ type: 'FromCli', data: { by: 'cli' }, revision: 0 });
    });

    it('watchAll wakes its follower for past events, then for each new append', async () => {
      const c = category();
      const first = await store().append(`${c}-1`, [newEvent('A')], 'no_stream');
      let wakes = 0;
      const subscription = store().watchAll(first.position, () => (wakes += 1));
      await store().append(`${c}-1`, [newEvent('B')], 0);
      await eventually(() => wakes >= 1);
      const before = wakes;
      await store().append(`${c}-1`, [newEvent('C')], 1);
      await eventually(() => wakes > before);
      await subscription.stop();
    });

    it('stops delivering after stop()', async () => {
      const c = category();
      const seen: string[] = [];
      const subscription = store().subscribeToAll(await store().headPosition(), (e) => {
        if (e.stream.startsWith(`${c}-`)) seen.push(e.type);
      });
      await store().append(`${c}-1`, [newEvent('Before')], 'no_stream');
      await eventually(() => seen.length === 1);
      await subscription.stop();
      await store().append(`${c}-1`, [newEvent('After')], 0);
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual(['Before']);
    });
  });
}
