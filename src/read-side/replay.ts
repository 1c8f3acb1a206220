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
 * A rebuild reads and rewrites each touched document once per batch, and
 * requirement and incident documents are touched in almost every batch: large
 * batches are what keeps a rebuild near the speed of reading the log.
 */
const REPLAY_BATCH = 20_000;

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
  const generations = new Set(selected.map((p) => readModels.createReplayLane(p).generation));
  const feeds = (lane: { generation: number }) => generations.has(lane.generation);
  try {
    const events = await catchUp(store, readModels, selected, feeds, (lanes) => {
      progress?.(Math.min(...lanes.map((l) => l.position ?? 0)), total);
    }, REPLAY_BATCH);
    for (const lane of readModels.lanes().filter(feeds)) readModels.promote(lane);
    return { projections: selected.map((p) => p.name), events, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    for (const lane of readModels.lanes().filter(feeds)) readModels.discard(lane);
    throw error;
  }
}
