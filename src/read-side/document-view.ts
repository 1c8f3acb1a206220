/** Read access to projected documents, live (SQLite) or as of a past point (in memory). */
export type Scalar = string | number | boolean | null;

export interface ListOptions {
  /** Equality on top-level fields of the document. */
  where?: Record<string, Scalar | undefined>;
  /** Exclusive cursor: the key of the last item of the previous page. */
  after?: string;
  limit?: number;
  /** Only keys starting with this prefix (e.g. one certification's requirements). */
  keyPrefix?: string;
}

/** A page in the order of the field a projection declares as `orderBy` (ties in key order). */
export interface OrderedListOptions {
  /** The projection's `orderBy` field; the live read models keep its value in a column of their own. */
  by: string;
  /** Inclusive bounds on that field. */
  from?: string;
  to?: string;
  /** Exclusive cursor: the key of the last document of the previous page. */
  after?: string;
  limit?: number;
}

export interface DocumentView {
  /** The log position the documents reflect (null: nothing projected). */
  readonly position: string | null;
  get<T>(projection: string, key: string): T | null;
  /** Documents in key order. */
  list<T>(projection: string, options?: ListOptions): { key: string; doc: T }[];
  /** Documents in the order of a field of theirs; an unknown cursor is a 400 naming `after`. */
  listOrdered<T>(projection: string, options: OrderedListOptions): { key: string; doc: T }[];
}

/** Equality on the top-level fields `where` names (undefined: any value). */
export const matchesWhere = (doc: Record<string, unknown>, where: ListOptions['where']) =>
  Object.entries(where ?? {}).every(([field, value]) => value === undefined || doc[field] === value);
