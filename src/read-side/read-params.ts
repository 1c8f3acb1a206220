import { Type } from 'class-transformer';
import type { DocumentView, ListOptions } from './document-view';
import { invalid } from '../shared/errors';
import { IsLogPoint } from '../shared/points-in-time';
import { IsValidAt } from '../shared/valid-at';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MaxLength } from 'class-validator';

/** Every query accepts `asOf` (a position or an instant) and `minPosition` (read your writes). */
export class ReadParams {
  @IsOptional()
  @IsLogPoint()
  asOf?: string;

  @IsOptional()
  @Matches(/^\d+$/, { message: 'minPosition must be a log position (digits), as a command answered' })
  minPosition?: string;

  /** The business date asked about (a date or an instant with its zone; now by default): checked by parseValidAt. */
  @IsOptional()
  @IsValidAt()
  validAt?: string;
}

export class ListParams extends ReadParams {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** The `next` cursor of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  after?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

export const DEFAULT_LIMIT = 50;

/** Cuts an ordered list into a page after the cursor (the key of the previous page's last item). */
export function paginate<T>(items: readonly T[], cursorOf: (item: T) => string, params: ListParams): Page<T> {
  const limit = params.limit ?? DEFAULT_LIMIT;
  const start = params.after === undefined ? 0 : items.findIndex((item) => cursorOf(item) === params.after) + 1;
  if (start === 0 && params.after !== undefined) throw invalid('after', 'is not a cursor of this list');
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { items: slice, next: more ? cursorOf(slice[slice.length - 1]) : null };
}

/**
 * A page read from the read models themselves, in key order: only the page's
 * documents are read and parsed, however long the list. For lists whose order
 * is the key order and whose filters are fields of the documents; a filter
 * computed at query time (overdue, expired) needs `paginate` over the whole list.
 */
export function pageFrom<T, R>(view: DocumentView, projection: string, params: ListParams, options: Pick<ListOptions, 'where' | 'keyPrefix'>, map: (doc: T) => R): Page<R> {
  const limit = params.limit ?? DEFAULT_LIMIT;
  return cutPage(view.list<T>(projection, { ...options, after: params.after, limit: limit + 1 }), limit, map);
}

/** A page of at most `limit` from rows read with one more, which tells whether a next page exists. */
export function cutPage<T, R>(rows: readonly { key: string; doc: T }[], limit: number, map: (doc: T) => R): Page<R> {
  const page = rows.slice(0, limit);
  return { items: page.map(({ doc }) => map(doc)), next: rows.length > limit ? page[page.length - 1].key : null };
}
