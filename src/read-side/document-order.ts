import { invalid } from '../shared/errors';
import type { DocumentView, OrderedListOptions } from './document-view';

/** The value a document is ordered by: a string field, missing counting as empty. */
export const orderValueOf = (doc: unknown, by: string): string => String((doc as Record<string, unknown>)[by] ?? '');

/** Whether an order value lies within the inclusive bounds; a cursor outside them is not one of the list's. */
export const withinBounds = (value: string, { from, to }: Pick<OrderedListOptions, 'from' | 'to'>): boolean =>
  (from === undefined || value >= from) && (to === undefined || value <= to);

interface Entry {
  value: string;
  key: string;
}

const before = (a: Entry, b: Entry) => a.value < b.value || (a.value === b.value && a.key < b.key);

/**
 * A projection's keys in the order of a field, ties by key: the in-memory
 * counterpart of the live store's order index. Sorting once lets every page
 * after it cost a binary search and its own length.
 */
export class DocumentOrder {
  private readonly entries: Entry[] = [];
  private readonly values = new Map<string, string>();

  constructor(docs: readonly { key: string; doc: unknown }[], by: string) {
    for (const { key, doc } of docs) {
      const value = orderValueOf(doc, by);
      this.entries.push({ value, key });
      this.values.set(key, value);
    }
    this.entries.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  /** The keys of one page; an unknown cursor, or one outside the bounds, is a 400 naming `after`. */
  page(options: OrderedListOptions): string[] {
    let start = 0;
    if (options.after !== undefined) {
      const value = this.values.get(options.after);
      if (value === undefined || !withinBounds(value, options)) throw invalid('after', 'is not a cursor of this list');
      const cursor = { value, key: options.after };
      start = this.firstWhere((entry) => before(cursor, entry));
    } else if (options.from !== undefined) {
      const from = options.from;
      start = this.firstWhere((entry) => entry.value >= from);
    }
    const keys: string[] = [];
    for (let i = start; i < this.entries.length && keys.length < (options.limit ?? Infinity); i++) {
      if (!withinBounds(this.entries[i].value, { to: options.to })) break;
      keys.push(this.entries[i].key);
    }
    return keys;
  }

  /** The first index from which `holds` is true (it is false, then true, along the order). */
  private firstWhere(holds: (entry: Entry) => boolean): number {
    let [low, high] = [0, this.entries.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (holds(this.entries[middle])) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** The orders of a view's projections, built at the first ordered read and forgotten when its documents change. */
export class DocumentOrders {
  private readonly built = new Map<string, DocumentOrder>();

  constructor(private readonly view: DocumentView) {}

  page<T>(projection: string, options: OrderedListOptions): { key: string; doc: T }[] {
    const id = `${projection}\n${options.by}`;
    let order = this.built.get(id);
    if (!order) this.built.set(id, (order = new DocumentOrder(this.view.list(projection), options.by)));
    return order.page(options).map((key) => ({ key, doc: this.view.get<T>(projection, key) as T }));
  }

  forget(): void {
    this.built.clear();
  }
}
