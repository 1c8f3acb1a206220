import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStore, RecordedEvent } from '../event-store/event-store';
import type { ReplayLane } from './replay-lanes';
import { rebuildWork, type ReplayMessage, type ReplayWork } from './replay-worker';

/** Events per read of the log. */
export const REPLAY_BATCH = 5000;

/** The compiled worker; absent when running from TypeScript sources (tests), where the work runs in this thread. */
const WORKER_SCRIPT = join(__dirname, 'replay-worker.js');

/**
 * Splits lanes into at most `groups` groups of about equal work. Lanes that
 * handle a common type stay together, so that no two threads read and parse
 * the same events; a cluster's work is the events it reads plus, for each
 * lane, the events it handles. The heaviest cluster goes first, each into the
 * lightest group so far.
 */
export function splitByWork(lanes: readonly ReplayLane[], typeCounts: ReadonlyMap<string, number>, groups: number): ReplayLane[][] {
  const count = (types: Iterable<string>) => [...types].reduce((sum, type) => sum + (typeCounts.get(type) ?? 0), 0);
  const clusters: ReplayLane[][] = [];
  for (const lane of lanes) {
    const sharing = clusters.filter((c) => c.some((other) => other.projection.handles.some((t) => lane.projection.handles.includes(t))));
    const merged = [...sharing.flat(), lane];
    clusters.splice(0, clusters.length, ...clusters.filter((c) => !sharing.includes(c)), merged);
  }
  const work = (cluster: ReplayLane[]) => count(new Set(cluster.flatMap((l) => l.projection.handles))) + cluster.reduce((sum, l) => sum + count(l.projection.handles), 0);
  const split = Array.from({ length: Math.max(1, Math.min(groups, clusters.length)) }, () => ({ lanes: [] as ReplayLane[], work: 0 }));
  for (const cluster of clusters.sort((a, b) => work(b) - work(a))) {
    const lightest = split.reduce((min, group) => (group.work < min.work ? group : min));
    lightest.lanes.push(...cluster);
    lightest.work += work(cluster);
  }
  return split.map((g) => g.lanes).filter((g) => g.length > 0);
}

/** Any store's log up to `upTo`, in batches. */
export async function* batchesOf(store: EventStore, upTo: number): AsyncIterable<RecordedEvent[]> {
  let batch: RecordedEvent[] = [];
  for await (const event of store.readAll({ toPosition: String(upTo), batchSize: REPLAY_BATCH })) {
    batch.push(event);
    if (batch.length === REPLAY_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Rebuilds in a worker thread; answers the events it read, or fails as the worker did. */
export function inWorker(work: ReplayWork, flushed: (position: number) => void): Promise<number> {
  if (!existsSync(WORKER_SCRIPT)) return rebuildWork(work, flushed);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: { replayWork: work } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    worker.on('message', (message: ReplayMessage) => {
      if ('flushed' in message) flushed(message.flushed);
      else if ('done' in message) settle(() => resolve(message.done));
      else settle(() => reject(new Error(`replay thread failed: ${message.failed}`)));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`replay thread exited with ${code} before finishing`))));
  });
}
