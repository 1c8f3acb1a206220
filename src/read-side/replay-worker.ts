import { parentPort, workerData } from 'node:worker_threads';
import { openLogFile } from '../event-store/log-file';
import { PROJECTIONS } from '../../projections';
import { ReadModelStore } from './read-model-store';
import { rebuildLanes, typesOf } from './replay-lanes';
import { WriteTurns } from './write-turns';

/**
 * A rebuild shared between threads: groups of lanes (by read model name and
 * generation), heaviest first, and the files to use. Each thread claims the
 * next group not yet taken through `claims`, memory shared by all, until none
 * is left: a thread done early takes more groups, whatever each one costs.
 */
export interface ReplayWork {
  eventsFile: string;
  readModelsFile: string;
  groups: { name: string; generation: number }[][];
  /** One Int32: the index of the next group to claim. */
  claims: SharedArrayBuffer;
  /** One Int32: which thread writes the read models (WriteTurns). */
  turns: SharedArrayBuffer;
  upTo: number;
  batchSize: number;
  /** Documents a thread may hold unsaved. */
  heldDocs: number;
  /** Events of each type up to `upTo`. */
  typeCounts: [string, number][];
}

/** What a rebuild thread posts back. */
export type ReplayMessage = { group: number; reached: number } | { done: number } | { failed: string };

/** Rebuilds groups claimed one after the other, on connections of this thread's own; answers the events read. */
export async function rebuildWork(work: ReplayWork, reached: (group: number, position: number) => void): Promise<number> {
  const claims = new Int32Array(work.claims);
  const typeCounts = new Map(work.typeCounts);
  const turns = new WriteTurns(work.turns);
  const log = openLogFile(work.eventsFile);
  const readModels = new ReadModelStore(work.readModelsFile, { rebuild: true });
  let read = 0;
  try {
    for (let next = Atomics.add(claims, 0, 1); next < work.groups.length; next = Atomics.add(claims, 0, 1)) {
      const lanes = work.groups[next].map(({ name, generation }) => {
        const projection = PROJECTIONS.find((p) => p.name === name);
        if (!projection) throw new Error(`unknown read model ${name}`);
        return { projection, generation };
      });
      read += await rebuildLanes(log.batches(typesOf(lanes), work.upTo, work.batchSize, typeCounts), readModels, lanes, work.upTo, (position) => reached(next, position), work.heldDocs, turns);
    }
    return read;
  } finally {
    readModels.close();
    log.close();
  }
}

if (parentPort && workerData?.replayWork) {
  const port = parentPort;
  const post = (message: ReplayMessage) => port.postMessage(message);
  rebuildWork(workerData.replayWork as ReplayWork, (group, position) => post({ group, reached: position })).then(
    (events) => post({ done: events }),
    (error: unknown) => post({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}
