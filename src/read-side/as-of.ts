import { comparePositions, type EventStore, type Position } from '../event-store/event-store';
import { PROJECTIONS } from '../../projections';
import { InMemoryView } from './document-view';

/** `asOf` as users give it: a log position (digits) or an instant with a zone. */
export type AsOf = { position: Position } | { instant: string };

export function parseAsOf(value: string): AsOf {
  return /^\d+$/.test(value) ? { position: value } : { instant: new Date(value).toISOString() };
}

/** The position of the last event the ledger had recorded at `instant` (null: nothing yet). */
export async function positionAt(store: EventStore, instant: string): Promise<Position | null> {
  let last: Position | null = null;
  for await (const event of store.readAll({ batchSize: 5000 })) {
    if (event.metadata.recordedAt > instant) continue;
    if (last === null || comparePositions(event.position, last) > 0) last = event.position;
  }
  return last;
}

/** Every read model, run in memory by the same reducers over the log up to `position` inclusive. */
export async function projectUpTo(store: EventStore, position: Position | null): Promise<InMemoryView> {
  const view = new InMemoryView();
  view.position = position;
  if (position === null) return view;
  for await (const event of store.readAll({ toPosition: position, batchSize: 5000 })) {
    for (const projection of PROJECTIONS) {
      if (!projection.handles.includes(event.type)) continue;
      for (const key of projection.keys(event)) view.put(projection.name, key, projection.evolve(view.get(projection.name, key), event));
    }
  }
  return view;
}
