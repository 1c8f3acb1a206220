import { availableParallelism } from 'node:os';
import type { EventStore } from '../event-store/event-store';
import { invalid } from '../shared/errors';
import type { Projection } from '../../projections/projection';
import { PROJECTIONS } from '../../projections';
import { openLogFile } from '../event-store/log-file';
import { catchUp } from './catch-up';
import type { ReadModelStore } from './read-model-store';
import { HELD_DOCS, rebuildLanes, type ReplayLane } from './replay-lanes';
import { batchesOf, groupsByWork, inWorker, REPLAY_BATCH } from './replay-threads';
import { rebuildWork, type ReplayWork } from './replay-worker';

export interface ReplayReport {
  projections: string[];
  events: number;
  durationMs: number;
}

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
    let events = total > 0 ? await rebuild(store, readModels, lanes, total, (done) => progress?.(done, total)) : 0;
    // Whatever was appended meanwhile, the usual way.
    events += await catchUp(store, readModels, selected, feeds);
    for (const lane of readModels.lanes().filter(feeds)) readModels.promote(lane);
    return { projections: selected.map((p) => p.name), events, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    for (const lane of readModels.lanes().filter(feeds)) readModels.discard(lane);
    throw error;
  }
}

/**
 * The log from the start up to `upTo` into fresh lanes. From a SQLite log the
 * lanes are rebuilt in groups, by threads (one per core) that each take the
 * next group when done with one and read the log themselves; otherwise the
 * store's own read feeds all lanes in this thread. Answers the events read.
 */
async function rebuild(store: EventStore, readModels: ReadModelStore, lanes: readonly ReplayLane[], upTo: number, progress: (position: number) => void): Promise<number> {
  const eventsFile = store.file ?? null;
  if (eventsFile === null || readModels.file === null) return rebuildLanes(batchesOf(store, upTo), readModels, lanes, upTo, progress);
  const log = openLogFile(eventsFile);
  const typeCounts = log.typeCounts(upTo);
  log.close();
  const groups = groupsByWork(lanes, typeCounts);
  const threads = Math.min(availableParallelism(), groups.length);
  const work: ReplayWork = {
    eventsFile, readModelsFile: readModels.file, upTo, batchSize: REPLAY_BATCH, heldDocs: Math.ceil(HELD_DOCS / threads),
    groups: groups.map((group) => group.map((l) => ({ name: l.projection.name, generation: l.generation }))),
    claims: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
    turns: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
    typeCounts: [...typeCounts],
  };
  // Progress: the positions reached, averaged over read models. A worker's reports arrive once this thread is done with its share.
  const reached = groups.map(() => 0);
  const weights = groups.map((group) => group.length);
  const report = (group: number, position: number) => {
    reached[group] = position;
    progress(Math.round(reached.reduce((sum, at, g) => sum + at * weights[g], 0) / weights.reduce((a, b) => a + b, 0)));
  };
  const results = await Promise.allSettled([
    ...Array.from({ length: threads - 1 }, () => inWorker(work, report)),
    // This thread's share last, so that the workers start meanwhile.
    rebuildWork(work, report),
  ]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  // Each group read only the types it handles; the log has this many events up to `upTo`.
  return [...typeCounts.values()].reduce((sum, count) => sum + count, 0);
}
