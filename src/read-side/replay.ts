import type { EventStore } from '../event-store/event-store';
import { invalid } from '../shared/errors';
import type { Projection } from '../../projections/projection';
import { PROJECTIONS } from '../../projections';
import { catchUp } from './catch-up';
import type { ReadModelStore } from './read-model-store';

export interface ReplayReport {
  projections: string[];
  events: number;
  durationMs: number;
}

/**
 * A rebuild runs the reducers in memory and writes documents every this many
 * events: requirement documents carry their history and are touched all the
 * time, so writing them once per flush instead of once per 1,000-event batch
 * is what keeps a rebuild near the speed of reading the log, while memory
 * stays bounded by the documents one flush touches.
 */
const FLUSH_EVENTS = 100_000;

export type ReplayProgress = (done: number, total: number) => void;

export function selectProjections(name?: string): Projection[] {
  if (name === undefined) return [...PROJECTIONS];
  const found = PROJECTIONS.filter((p) => p.name === name);
  if (found.length === 0) throw invalid('projection', `unknown read model ${name}; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  return found;
}

/**
 * Rebuilds read models from the start of the log into new generations, then
 * promotes them; the current ones keep answering until then. Safe while the
 * server runs: the runner carries the new generations on from where they stop.
 */
export async function replay(store: EventStore, readModels: ReadModelStore, selected: Projection[], progress?: ReplayProgress): Promise<ReplayReport> {
  const started = performance.now();
  const total = Number((await store.headPosition()) ?? 0);
  const lanes = selected.map((projection) => ({ projection, generation: readModels.createReplayLane(projection).generation }));
  const generations = new Set(lanes.map((l) => l.generation));
  const feeds = (lane: { generation: number }) => generations.has(lane.generation);
  try {
    let events = await rebuildInMemory(store, readModels, lanes, (position) => progress?.(position, total));
    // Whatever was appended meanwhile, the usual way.
    events += await catchUp(store, readModels, selected, feeds);
    for (const lane of readModels.lanes().filter(feeds)) readModels.promote(lane);
    return { projections: selected.map((p) => p.name), events, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    for (const lane of readModels.lanes().filter(feeds)) readModels.discard(lane);
    throw error;
  }
}

/** The log from the start into fresh lanes, through the same reducers, saved every FLUSH_EVENTS events. */
async function rebuildInMemory(
  store: EventStore,
  readModels: ReadModelStore,
  lanes: readonly { projection: Projection; generation: number }[],
  flushed: (position: number) => void,
): Promise<number> {
  const changed = lanes.map(() => new Map<string, unknown | null>());
  // Keys already saved: any other key has no document yet, so it is not looked up.
  const saved = lanes.map(() => new Set<string>());
  const byType = new Map<string, number[]>();
  lanes.forEach(({ projection }, i) => projection.handles.forEach((type) => byType.set(type, [...(byType.get(type) ?? []), i])));
  let read = 0;
  let position = 0;
  const flush = () => {
    // In key order: the documents' B-tree is then written mostly in sequence.
    const sorted = changed.map((docs) => new Map([...docs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
    readModels.save(lanes.map(({ generation, projection }, i) => ({ generation, docs: sorted[i], position, orderBy: projection.orderBy })));
    changed.forEach((docs, i) => {
      for (const key of docs.keys()) saved[i].add(key);
      docs.clear();
    });
    flushed(position);
  };
  for await (const event of store.readAll({ batchSize: 5000 })) {
    for (const i of byType.get(event.type) ?? []) {
      const { projection, generation } = lanes[i];
      const docs = changed[i];
      for (const key of projection.keys(event)) {
        const current = docs.has(key) ? docs.get(key) : saved[i].has(key) ? readModels.documentOf(generation, key) : null;
        docs.set(key, projection.evolve((current ?? null) as never, event));
      }
    }
    position = Number(event.position);
    read += 1;
    if (read % FLUSH_EVENTS === 0) flush();
  }
  if (position > 0) flush();
  return read;
}
