import type { ListOptions, OrderedListOptions } from './document-view';

/** A statement over `documents` and its parameters. */
export interface DocumentQuery {
  sql: string;
  params: unknown[];
}

/** One generation's documents in key order, filtered on top-level fields of the JSON. */
export function keyOrderQuery(generation: number, options: ListOptions): DocumentQuery {
  const where = Object.entries(options.where ?? {}).filter(([, v]) => v !== undefined);
  const sql = [
    'SELECT key, doc FROM documents WHERE generation = ?',
    options.after !== undefined ? 'AND key > ?' : '',
    options.keyPrefix !== undefined ? 'AND key >= ? AND key < ?' : '',
    ...where.map(([field]) => `AND json_extract(doc, '$.${field.replace(/[^\w]/g, '')}') IS ?`),
    'ORDER BY key',
    options.limit !== undefined ? 'LIMIT ?' : '',
  ].join(' ');
  const params: unknown[] = [generation];
  if (options.after !== undefined) params.push(options.after);
  if (options.keyPrefix !== undefined) params.push(options.keyPrefix, `${options.keyPrefix}\uffff`);
  for (const [, value] of where) params.push(typeof value === 'boolean' ? Number(value) : value);
  if (options.limit !== undefined) params.push(options.limit);
  return { sql, params };
}

/**
 * One generation's documents in the order index (decision 11), after the
 * cursor's stored order value `after` when there is one: a cursor lies within
 * the bounds, so it replaces `from` as the lower bound and the index seeks
 * straight to it.
 */
export function orderIndexQuery(generation: number, options: OrderedListOptions, after: string | null): DocumentQuery {
  const sql = [
    'SELECT key, doc FROM documents WHERE generation = ? AND sort_key IS NOT NULL',
    after !== null ? 'AND (sort_key, key) > (?, ?)' : options.from !== undefined ? 'AND sort_key >= ?' : '',
    options.to !== undefined ? 'AND sort_key <= ?' : '',
    'ORDER BY sort_key, key',
    options.limit !== undefined ? 'LIMIT ?' : '',
  ].join(' ');
  const params: unknown[] = [generation];
  if (after !== null) params.push(after, options.after);
  else if (options.from !== undefined) params.push(options.from);
  if (options.to !== undefined) params.push(options.to);
  if (options.limit !== undefined) params.push(options.limit);
  return { sql, params };
}
