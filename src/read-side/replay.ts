import type { EventStore } from '../event-store/event-store';
import { invalid } from '../shared/errors';
import type { Projection } from '../../projections/projection';
import { PROJECTIONS } from '../../projections';
import { availableParallelism } from 'node:os';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { ReplayLog } from '../event-store/sqlite/replay-log';
import { catchUp } from './catch-up';
import type { ReadModelStore } from './read-model-store';
import { HELD_DOCS, rebuildLanes, typesOf, type ReplayLane } from './replay-lanes';
import { batchesOf, inWorker, REPLAY_BATCH, splitByWork } from './replay-threads';
import type { ReplayWork } from './replay-worker';

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
 * lanes are split into groups of about equal work, one per core, each group
 * reading the log itself in a thread of its own; otherwise the store's own
 * read feeds all lanes in this thread. Answers the events read.
 */
async function rebuild(store: EventStore, readModels: ReadModelStore, lanes: readonly ReplayLane[], upTo: number, progress: (position: number) => void): Promise<number> {
  const eventsFile = store instanceof SqliteEventStore ? store.file : null;
  if (eventsFile === null || readModels.file === null) return rebuildLanes(batchesOf(store, upTo), readModels, lanes, upTo, progress);
  const log = new ReplayLog(eventsFile);
  try {
    const typeCounts = log.typeCounts(upTo);
    const groups = splitByWork(lanes, typeCounts, availableParallelism());
    const flushed = groups.map(() => 0);
    const report = (group: number) => (position: number) => {
      flushed[group] = position;
      progress(Math.min(...flushed));
    };
    const heldDocs = Math.ceil(HELD_DOCS / groups.length);
    const work = (group: ReplayLane[]): ReplayWork => ({
      eventsFile, readModelsFile: readModels.file as string, upTo, batchSize: REPLAY_BATCH, heldDocs,
      lanes: group.map((l) => ({ name: l.projection.name, generation: l.generation })),
    });
    const [own, ...others] = groups;
    const results = await Promise.allSettled([
      rebuildLanes(log.batches(typesOf(own), upTo, REPLAY_BATCH), readModels, own, upTo, report(0), heldDocs),
      ...others.map((group, i) => inWorker(work(group), report(i + 1))),
    ]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    // Each group read only the types it handles; the log has this many events up to `upTo`.
    return [...typeCounts.values()].reduce((sum, count) => sum + count, 0);
  } finally {
    log.close();
  }
}
