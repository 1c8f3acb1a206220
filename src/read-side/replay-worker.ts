import { parentPort, workerData } from 'node:worker_threads';
import { ReplayLog } from '../event-store/sqlite/replay-log';
import { PROJECTIONS } from '../../projections';
import { ReadModelStore } from './read-model-store';
import { rebuildLanes, typesOf } from './replay-lanes';

/** What a rebuild thread is given: its lanes, by read model name and generation, and the files to use. */
export interface ReplayWork {
  eventsFile: string;
  readModelsFile: string;
  lanes: { name: string; generation: number }[];
  upTo: number;
  batchSize: number;
  /** Documents it may hold unsaved. */
  heldDocs: number;
}

/** What a rebuild thread posts back. */
export type ReplayMessage = { flushed: number } | { done: number } | { failed: string };

/** Rebuilds some lanes on connections of this thread's own; the thread that started it promotes them. */
export async function rebuildWork(work: ReplayWork, flushed: (position: number) => void): Promise<number> {
  const lanes = work.lanes.map(({ name, generation }) => {
    const projection = PROJECTIONS.find((p) => p.name === name);
    if (!projection) throw new Error(`unknown read model ${name}`);
    return { projection, generation };
  });
  const log = new ReplayLog(work.eventsFile);
  const readModels = new ReadModelStore(work.readModelsFile);
  try {
    return await rebuildLanes(log.batches(typesOf(lanes), work.upTo, work.batchSize), readModels, lanes, work.upTo, flushed, work.heldDocs);
  } finally {
    readModels.close();
    log.close();
  }
}

if (parentPort && workerData?.replayWork) {
  const port = parentPort;
  const post = (message: ReplayMessage) => port.postMessage(message);
  rebuildWork(workerData.replayWork as ReplayWork, (position) => post({ flushed: position })).then(
    (events) => post({ done: events }),
    (error: unknown) => post({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}
