import type Database from 'better-sqlite3';
import type { ProjectedEvent } from '../../../projections/projection';
import { UnreadableEventError } from '../event-store';
import { openDatabase } from '../../shared/sqlite';

/** What a read model may read of an event (ProjectedEvent): a rebuild reads no other column. */
const COLUMNS = 'position, id, type, data, recorded_at, actor';

/** Types making up less than this fraction of the log (1/n) are read through the type index. */
const INDEXED_BELOW = 16;

/**
 * The log as a rebuild reads it: in position order, up to a position fixed
 * at the start, only the types the rebuilt read models handle, on a
 * read-only connection of its own (one per thread), only the columns a read
 * model may read. Rows come as arrays rather than objects, which halves what
 * a row costs to read.
 */
export class ReplayLog {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openDatabase(file, { readonly: true });
  }

  private readonly where = (position: number) =>
    this.db.prepare('SELECT stream, revision FROM events WHERE position = ?').get(position) as { stream: string; revision: number };

  /** How many events of each type the log holds up to `upTo`: what rebuilding each read model costs. */
  typeCounts(upTo: number): Map<string, number> {
    const rows = this.db.prepare('SELECT type, COUNT(*) AS count FROM events WHERE position <= ? GROUP BY type').all(upTo) as { type: string; count: number }[];
    return new Map(rows.map((r) => [r.type, r.count]));
  }

  /**
   * Batches of about `batchSize` events of the given types, from the start of
   * the log up to `upTo` inclusive, in order (`counts`: typeCounts(upTo)).
   * Types making up less than a sixteenth of the log are read through the
   * type index, a window of positions at a time (SQLite sorts each window);
   * more, by scanning the table in order and skipping the other types, which
   * SQLite does without decoding them: at 200,000 events, types making up a
   * fifth of the log were read in a third of the CPU time the index took,
   * whose every row is a lookup in the table and a copy into the sorter.
   */
  *batches(types: readonly string[], upTo: number, batchSize: number, counts: ReadonlyMap<string, number> = this.typeCounts(upTo)): Iterable<ProjectedEvent[]> {
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const wanted = types.reduce((sum, type) => sum + (counts.get(type) ?? 0), 0);
    if (wanted === 0) return;
    if (wanted * INDEXED_BELOW > total) yield* this.scanned(JSON.stringify(types), upTo, batchSize);
    else yield* this.indexed(JSON.stringify(types), upTo, Math.ceil((batchSize * upTo) / wanted));
  }

  private *scanned(types: string, upTo: number, batchSize: number): Iterable<ProjectedEvent[]> {
    // `+type`: SQLite keeps to the table, in position order, instead of the type index.
    const select = this.db
      .prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND +type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?`)
      .raw(true);
    for (let after = 0; ; ) {
      const rows = select.all(after, upTo, types, batchSize) as unknown[][];
      if (rows.length > 0) yield rows.map((row) => eventOf(row, this.where));
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1][0] as number;
    }
  }

  private *indexed(types: string, upTo: number, window: number): Iterable<ProjectedEvent[]> {
    const select = this.db
      .prepare(`SELECT ${COLUMNS} FROM events WHERE type IN (SELECT value FROM json_each(?)) AND position > ? AND position <= ? ORDER BY position`)
      .raw(true);
    for (let after = 0; after < upTo; after += window) {
      const rows = select.all(types, after, Math.min(after + window, upTo)) as unknown[][];
      if (rows.length > 0) yield rows.map((row) => eventOf(row, this.where));
    }
  }

  close(): void {
    this.db.close();
  }
}

/** An event from a row of COLUMNS read as an array; `where` names an event that cannot be decoded. */
function eventOf(row: unknown[], where: (position: number) => { stream: string; revision: number }): ProjectedEvent {
  const [position, id, type, json, recordedAt, actor] = row as [number, string, string, string, string, string];
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(json) as Record<string, unknown>;
  } catch (error) {
    throw new UnreadableEventError({ ...where(position), position: String(position) }, error);
  }
  return { id, position: String(position), type, data, metadata: { recordedAt, actor } };
}
