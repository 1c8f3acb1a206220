import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UnreadableEventError, type EventStore } from '../../../src/event-store/event-store';
import { ReplayLog } from '../../../src/event-store/sqlite/replay-log';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { catchUp } from '../../../src/read-side/catch-up';
import { ReadModelStore } from '../../../src/read-side/read-model-store';
import { replay } from '../../../src/read-side/replay';
import { rebuildLanes, typesOf, type ReplayLane } from '../../../src/read-side/replay-lanes';
import { groupsByWork } from '../../../src/read-side/replay-threads';
import { WriteTurns } from '../../../src/read-side/write-turns';
import { FixedClock } from '../../../src/shared/clock';
import type { Projection } from '../../../projections/projection';
import { PROJECTIONS } from '../../../projections';
import { generateLog } from '../../../bench/generate';

/** Every document of every read model, as queries see them (and in the timeline's order). */
function documents(readModels: ReadModelStore) {
  return Object.fromEntries(
    PROJECTIONS.map((p) => [p.name, { byKey: readModels.list(p.name), ordered: p.orderBy ? readModels.listOrdered(p.name, { by: p.orderBy }) : null }]),
  );
}

describe('replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-replay-'));
  const clock = new FixedClock(new Date('2024-01-08T08:00:00Z'));
  let store: SqliteEventStore;
  let live: ReadModelStore;
  let head: number;

  beforeAll(async () => {
    store = SqliteEventStore.open(join(dir, 'events.db'), clock);
    await generateLog(store, clock, { events: 3000, seed: 7 });
    head = Number(await store.headPosition());
    live = new ReadModelStore(join(dir, 'live.db'));
    live.ensureLanes(PROJECTIONS);
    await catchUp(store, live, PROJECTIONS, (lane) => lane.state === 'active');
  });
  afterAll(async () => {
    live.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds every read model from a SQLite log to the documents live projection keeps', async () => {
    const rebuilt = new ReadModelStore(join(dir, 'rebuilt.db'));
    const report = await replay(store, rebuilt, [...PROJECTIONS]);
    expect(report.events).toBe(head);
    expect(rebuilt.lanes().every((l) => l.state === 'active' && l.position === head)).toBe(true);
    expect(documents(rebuilt)).toEqual(documents(live));
    rebuilt.close();
  });

  it('rebuilds from any other store through its own read, to the same documents', async () => {
    // Not a SqliteEventStore: the rebuild cannot open the log itself.
    const other = new Proxy(store, { getPrototypeOf: () => Object.prototype }) as unknown as EventStore;
    const rebuilt = new ReadModelStore(join(dir, 'other.db'));
    expect((await replay(other, rebuilt, [...PROJECTIONS])).events).toBe(head);
    expect(documents(rebuilt)).toEqual(documents(live));
    rebuilt.close();
  });

  it('holding few documents, saves the lanes holding most as it goes and reads back what it saved', async () => {
    const rebuilt = new ReadModelStore(join(dir, 'few.db'));
    const lanes: ReplayLane[] = PROJECTIONS.map((projection) => ({ projection, generation: rebuilt.createReplayLane(projection).generation }));
    const log = new ReplayLog(join(dir, 'events.db'));
    const reached: number[] = [];
    const read = await rebuildLanes(log.batches(typesOf(lanes), head, 250), rebuilt, lanes, head, (position) => reached.push(position), 40);
    log.close();
    expect(read).toBe(head);
    expect(reached.at(-1)).toBe(head);
    for (const lane of rebuilt.lanes()) rebuilt.promote(lane);
    expect(documents(rebuilt)).toEqual(documents(live));
    rebuilt.close();
  });

  it('while another thread has the turn to write, runs on without saving, then saves when given it, to the same documents', async () => {
    const rebuilt = new ReadModelStore(join(dir, 'turns.db'));
    const lanes: ReplayLane[] = PROJECTIONS.map((projection) => ({ projection, generation: rebuilt.createReplayLane(projection).generation }));
    const log = new ReplayLog(join(dir, 'events.db'));
    const turns = new WriteTurns();
    turns.take();
    const heldDocs = 400;
    // The documents the rebuild holds while it cannot save: every key its lanes touched so far.
    const touched = new Set<string>();
    let savedWhileTaken: unknown[] | null = null;
    async function* batches() {
      for (const batch of log.batches(typesOf(lanes), head, 100)) {
        yield batch;
        for (const event of batch) for (const { projection } of lanes) if (projection.handles.includes(event.type)) for (const key of projection.keys(event as never)) touched.add(`${projection.name}\n${key}`);
        if (savedWhileTaken === null && touched.size >= heldDocs) {
          savedWhileTaken = rebuilt.lanes().filter((l) => l.position !== null);
          turns.give();
        }
      }
    }
    const read = await rebuildLanes(batches(), rebuilt, lanes, head, undefined, heldDocs, turns);
    log.close();
    expect(read).toBe(head);
    expect(savedWhileTaken).toEqual([]);
    expect(rebuilt.lanes().every((l) => l.position === head)).toBe(true);
    for (const lane of rebuilt.lanes()) rebuilt.promote(lane);
    expect(documents(rebuilt)).toEqual(documents(live));
    rebuilt.close();
  });
});

describe('replay of a log with an event it cannot decode', () => {
  it('names the event by stream and revision, and keeps none of the read models it was building', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confiance-replay-broken-'));
    const clock = new FixedClock(new Date('2024-01-08T08:00:00Z'));
    const store = SqliteEventStore.open(join(dir, 'events.db'), clock);
    await generateLog(store, clock, { events: 200, seed: 3 });
    const broken = new Database(join(dir, 'events.db'));
    const { stream, revision, position } = broken.prepare("SELECT stream, revision, position FROM events WHERE type = 'ApplicabilityStated' LIMIT 1 OFFSET 10").get() as { stream: string; revision: number; position: number };
    broken.prepare("UPDATE events SET data = '{not json' WHERE position = ?").run(position);
    broken.close();
    const readModels = new ReadModelStore(join(dir, 'read-models.db'));
    try {
      const failure = replay(store, readModels, [...PROJECTIONS]);
      await expect(failure).rejects.toBeInstanceOf(UnreadableEventError);
      await expect(failure).rejects.toMatchObject({ at: { stream, revision, position: String(position) } });
      expect(readModels.lanes()).toEqual([]);
    } finally {
      readModels.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('grouping the read models of a rebuild between threads', () => {
  const lane = (name: string, handles: string[], generation: number): ReplayLane => ({
    projection: { name, version: 1, handles, keys: () => [], evolve: () => null } as Projection,
    generation,
  });
  const counts = new Map([['A', 100], ['B', 60], ['C', 50], ['D', 40], ['E', 5]]);
  const names = (groups: ReplayLane[][]) => groups.map((g) => g.map((l) => l.projection.name).sort());

  it('keeps read models that handle a common type in one group, so that no two threads read the same events', () => {
    const lanes = [lane('a1', ['A'], 1), lane('b', ['B'], 2), lane('a2', ['A', 'E'], 3), lane('c', ['C'], 4), lane('e', ['E'], 5)];
    expect(names(groupsByWork(lanes, counts))).toEqual([['a1', 'a2', 'e'], ['b'], ['c']]);
  });

  it('puts the heaviest group first: each event read, and each event each read model handles, counts', () => {
    const lanes = [lane('d', ['D'], 1), lane('b1', ['B'], 2), lane('b2', ['B'], 3), lane('a', ['A'], 4)];
    // a: 100 read + 100 handled; b1+b2: 60 read + 120 handled; d: 40 + 40.
    expect(names(groupsByWork(lanes, counts))).toEqual([['a'], ['b1', 'b2'], ['d']]);
  });
});
