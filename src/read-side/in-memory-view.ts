import { DocumentOrders } from './document-order';
import { matchesWhere, type DocumentView, type ListOptions, type OrderedListOptions } from './document-view';

/** Documents held in memory: as-of answers and tests. */
export class InMemoryView implements DocumentView {
  readonly documents = new Map<string, Map<string, unknown>>();
  position: string | null = null;
  private readonly orders = new DocumentOrders(this);

  get<T>(projection: string, key: string): T | null {
    return (this.documents.get(projection)?.get(key) as T | undefined) ?? null;
  }

  put(projection: string, key: string, doc: unknown | null): void {
    let docs = this.documents.get(projection);
    if (!docs) this.documents.set(projection, (docs = new Map()));
    this.orders.forget();
    if (doc === null) docs.delete(key);
    else docs.set(key, doc);
  }

  list<T>(projection: string, options: ListOptions = {}): { key: string; doc: T }[] {
    const docs = [...(this.documents.get(projection) ?? new Map<string, unknown>())]
      .filter(([key]) => (!options.keyPrefix || key.startsWith(options.keyPrefix)) && (!options.after || key > options.after))
      .filter(([, doc]) => matchesWhere(doc as Record<string, unknown>, options.where))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return docs.slice(0, options.limit ?? docs.length).map(([key, doc]) => ({ key, doc: doc as T }));
  }

  listOrdered<T>(projection: string, options: OrderedListOptions): { key: string; doc: T }[] {
    return this.orders.page<T>(projection, options);
  }
}
