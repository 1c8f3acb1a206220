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

  /** Batches of events of the given types, from the start of the log up to `upTo` inclusive. */
  *batches(types: readonly string[], upTo: number, batchSize: number): Iterable<RecordedEvent[]> {
    // `+type` keeps SQLite on the table in position order: filtering rows is cheaper than sorting an index's.
    const select = this.db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? AND +type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?`)
      .raw(true);
    const wanted = JSON.stringify(types);
    let after = 0;
    for (;;) {
      const rows = select.all(after, upTo, wanted, batchSize) as unknown[][];
      if (rows.length > 0) yield rows.map(eventOf);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1][0] as number;
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
