import type Database from 'better-sqlite3';
import { UnreadableEventError, type RecordedEvent } from '../event-store';
import { EVENT_COLUMNS } from './event-rows';
import { openDatabase } from './open-database';

/**
 * The log as a rebuild reads it: in position order, up to a position fixed
 * at the start, only the types the rebuilt read models handle, on a
 * read-only connection of its own (one per thread). Rows come as arrays
 * rather than objects, which halves what a row costs to read.
 */
export class ReplayLog {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openDatabase(file, { readonly: true });
  }

  /** How many events of each type the log holds up to `upTo`: what rebuilding each read model costs. */
  typeCounts(upTo: number): Map<string, number> {
    const rows = this.db.prepare('SELECT type, COUNT(*) AS count FROM events WHERE position <= ? GROUP BY type').all(upTo) as { type: string; count: number }[];
    return new Map(rows.map((r) => [r.type, r.count]));
  }

  /**
   * Batches of about `batchSize` events of the given types, from the start of
   * the log up to `upTo` inclusive, in order (`counts`: typeCounts(upTo)).
   * Types making up less than half of the log are read through the type
   * index, a window of positions at a time (SQLite sorts each window); more,
   * by scanning the table in order and skipping the other types.
   */
  *batches(types: readonly string[], upTo: number, batchSize: number, counts: ReadonlyMap<string, number> = this.typeCounts(upTo)): Iterable<RecordedEvent[]> {
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const wanted = types.reduce((sum, type) => sum + (counts.get(type) ?? 0), 0);
    if (wanted === 0) return;
    if (wanted * 2 > total) yield* this.scanned(JSON.stringify(types), upTo, batchSize);
    else yield* this.indexed(JSON.stringify(types), upTo, Math.ceil((batchSize * upTo) / wanted));
  }

  private *scanned(types: string, upTo: number, batchSize: number): Iterable<RecordedEvent[]> {
    // `+type`: SQLite keeps to the table, in position order, instead of the type index.
    const select = this.db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? AND +type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?`)
      .raw(true);
    for (let after = 0; ; ) {
      const rows = select.all(after, upTo, types, batchSize) as unknown[][];
      if (rows.length > 0) yield rows.map(eventOf);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1][0] as number;
    }
  }

  private *indexed(types: string, upTo: number, window: number): Iterable<RecordedEvent[]> {
    const select = this.db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE type IN (SELECT value FROM json_each(?)) AND position > ? AND position <= ? ORDER BY position`)
      .raw(true);
    for (let after = 0; after < upTo; after += window) {
      const rows = select.all(types, after, Math.min(after + window, upTo)) as unknown[][];
      if (rows.length > 0) yield rows.map(eventOf);
    }
  }

  close(): void {
    this.db.close();
  }
}

/** An event from a row read as an array, in EVENT_COLUMNS order. */
function eventOf(row: unknown[]): RecordedEvent {
  const [position, id, stream, revision, type, schemaVersion, json, recordedAt, actor, correlationId, causationId, prevHash, hash] = row as [
    number, string, string, number, string, number, string, string, string, string, string | null, string, string,
  ];
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(json) as Record<string, unknown>;
  } catch (error) {
    throw new UnreadableEventError({ stream, revision, position: String(position) }, error);
  }
  return {
    id, stream, revision, position: String(position), type, schemaVersion, data,
    metadata: { recordedAt, actor, correlationId, causationId, prevHash, hash },
  };
}
