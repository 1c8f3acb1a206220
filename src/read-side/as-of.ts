import { type EventStore, type Position } from '../event-store/event-store';
import { PROJECTIONS } from '../../projections';
import { matchesWhere, type DocumentView, type ListOptions, type OrderedListOptions } from './document-view';
import { InMemoryView } from './in-memory-view';
import { DocumentOrders } from './document-order';

interface WritableView extends DocumentView {
  put(projection: string, key: string, doc: unknown | null): void;
}

/** Runs every reducer over the log after `after` (exclusive; null: from the start) up to `upTo` inclusive. */
async function applyLog(store: EventStore, view: WritableView, after: Position | null, upTo: Position): Promise<void> {
  const fromPosition = after === null ? undefined : String(Number(after) + 1);
  for await (const event of store.readAll({ fromPosition, toPosition: upTo, batchSize: 5000 })) {
    for (const projection of PROJECTIONS) {
      if (!projection.handles.includes(event.type)) continue;
      for (const key of projection.keys(event)) view.put(projection.name, key, projection.evolve(view.get(projection.name, key), event));
    }
  }
}

/** Every read model, run in memory by the same reducers over the log up to `position` inclusive. */
export async function projectUpTo(store: EventStore, position: Position | null): Promise<InMemoryView> {
  const view = new InMemoryView();
  view.position = position;
  if (position === null) return view;
  await applyLog(store, view, null, position);
  return view;
}

/**
 * Every read model as of `position`, from a view of them at an earlier
 * position (a snapshot) and the events in between: the same reducers, so the
 * same documents as `projectUpTo`, at the cost of the events after the base.
 */
export async function projectFrom(store: EventStore, base: DocumentView, position: Position): Promise<DocumentView> {
  const view = new OverlayView(base, position);
  await applyLog(store, view, base.position, position);
  return view;
}

/** The documents of a base view with the changes of later events laid over them (null: deleted). */
class OverlayView implements WritableView {
  private readonly changed = new Map<string, Map<string, unknown | null>>();
  private readonly orders = new DocumentOrders(this);

  constructor(private readonly base: DocumentView, readonly position: Position) {}

  get<T>(projection: string, key: string): T | null {
    const changed = this.changed.get(projection);
    return changed?.has(key) ? ((changed.get(key) ?? null) as T | null) : this.base.get<T>(projection, key);
  }

  put(projection: string, key: string, doc: unknown | null): void {
    let changed = this.changed.get(projection);
    if (!changed) this.changed.set(projection, (changed = new Map()));
    changed.set(key, doc);
    this.orders.forget();
  }

  list<T>(projection: string, options: ListOptions = {}): { key: string; doc: T }[] {
    const changed = this.changed.get(projection) ?? new Map<string, unknown | null>();
    // The base may answer up to `changed.size` keys that the overlay replaces: ask for that many more.
    const limit = options.limit === undefined ? undefined : options.limit + changed.size;
    const kept = this.base.list<T>(projection, { ...options, limit }).filter(({ key }) => !changed.has(key));
    const own = [...changed]
      .filter(([key, doc]) => doc !== null && (!options.keyPrefix || key.startsWith(options.keyPrefix)) && (options.after === undefined || key > options.after))
      .filter(([, doc]) => matchesWhere(doc as Record<string, unknown>, options.where))
      .map(([key, doc]) => ({ key, doc: doc as T }));
    const merged = [...kept, ...own].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return merged.slice(0, options.limit ?? merged.length);
  }

  listOrdered<T>(projection: string, options: OrderedListOptions): { key: string; doc: T }[] {
    return this.orders.page<T>(projection, options);
  }
}
