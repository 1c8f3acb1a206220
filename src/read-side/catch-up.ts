import type { EventStore, RecordedEvent } from '../event-store/event-store';
import type { Projection } from '../../projections/projection';
import type { Lane, ReadModelStore } from './read-model-store';

const BATCH = 1000;

/**
 * Pulls events from the log into the selected lanes until they reach the
 * head. Lanes are the only record of progress, so the server's runner and a
 * `confiance replay` in another process can both use this safely.
 * Answers the number of events read.
 */
export async function catchUp(
  store: EventStore,
  readModels: ReadModelStore,
  projections: readonly Projection[],
  feeds: (lane: Lane) => boolean,
  onBatch?: (lanes: Lane[], events: number, batch: readonly RecordedEvent[]) => void,
): Promise<number> {
  let read = 0;
  for (;;) {
    const lanes = readModels.lanes().filter(feeds);
    if (lanes.length === 0) return read;
    const from = lanes.some((l) => l.position === null) ? null : Math.min(...lanes.map((l) => l.position as number));
    const batch: RecordedEvent[] = [];
    for await (const event of store.readAll({ fromPosition: from === null ? undefined : String(from + 1), batchSize: BATCH })) {
      batch.push(event);
      if (batch.length === BATCH) break;
    }
    if (batch.length === 0) return read;
    const applied = readModels.apply(batch, from, projections, feeds);
    read += batch.length;
    onBatch?.(applied, batch.length, batch);
  }
}
