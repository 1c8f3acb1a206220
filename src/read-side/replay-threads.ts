import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStore, RecordedEvent } from '../event-store/event-store';
import type { ReplayLane } from './replay-lanes';
import { rebuildWork, type ReplayMessage, type ReplayWork } from './replay-worker';

/**
 * Events per read of the log. A batch lives until its events are reduced,
 * so a smaller one leaves less for the young-generation collector to copy:
 * at 200,000 events, batches of 1,000 took a tenth less CPU than of 5,000.
 */
export const REPLAY_BATCH = 1000;

/** The compiled worker; absent when running from TypeScript sources (tests), where the work runs in this thread. */
const WORKER_SCRIPT = join(__dirname, 'replay-worker.js');

/**
 * Lanes grouped so that lanes handling a common type are in one group (no two
 * threads read and parse the same events), heaviest first. A group's work is
 * estimated as the events it reads plus, for each lane, the events it handles.
 */
export function groupsByWork(lanes: readonly ReplayLane[], typeCounts: ReadonlyMap<string, number>): ReplayLane[][] {
  const count = (types: Iterable<string>) => [...types].reduce((sum, type) => sum + (typeCounts.get(type) ?? 0), 0);
  const groups: ReplayLane[][] = [];
  for (const lane of lanes) {
    const sharing = groups.filter((g) => g.some((other) => other.projection.handles.some((t) => lane.projection.handles.includes(t))));
    groups.splice(0, groups.length, ...groups.filter((g) => !sharing.includes(g)), [...sharing.flat(), lane]);
  }
  const work = (group: ReplayLane[]) => count(new Set(group.flatMap((l) => l.projection.handles))) + group.reduce((sum, l) => sum + count(l.projection.handles), 0);
  return groups.map((group) => ({ group, work: work(group) })).sort((a, b) => b.work - a.work).map(({ group }) => group);
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
export function inWorker(work: ReplayWork, reached: (group: number, position: number) => void): Promise<number> {
  if (!existsSync(WORKER_SCRIPT)) return rebuildWork(work, reached);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: { replayWork: work } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    worker.on('message', (message: ReplayMessage) => {
      if ('reached' in message) reached(message.group, message.reached);
      else if ('done' in message) settle(() => resolve(message.done));
      else settle(() => reject(new Error(`replay thread failed: ${message.failed}`)));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`replay thread exited with ${code} before finishing`))));
  });
}
