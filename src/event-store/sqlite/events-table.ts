import type Database from 'better-sqlite3';
import { categoryOf, type LeafEntry, type Position, type ReadAllOptions, type RecordedEvent } from '../event-store';
import type { StreamHead } from '../import';
import { EVENT_COLUMNS, type EventRow } from './event-rows';

/** Where an event id is already recorded. */
export interface RecordedAt {
  stream: string;
  revision: number;
  position: number;
}

/**
 * The statements over the `events` table (schema in migrations.ts), prepared
 * once per connection. A position is the table's AUTOINCREMENT rowid: it only
 * ever grows, and inserting NULL lets SQLite assign the next one.
 */
export class EventsTable {
  private readonly statements;
  /** One statement per combination of read filters, prepared on first use. */
  private readonly filteredReads = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.statements = {
      head: db.prepare('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1'),
      byId: db.prepare('SELECT stream, revision, position FROM events WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO events (position, id, stream, category, revision, type, schema_version, data, recorded_at,
           actor, correlation_id, causation_id, prev_hash, hash)
         VALUES (@position, @id, @stream, @category, @revision, @type, @schemaVersion, @data, @recordedAt,
           @actor, @correlationId, @causationId, @prevHash, @hash)`,
      ),
      byPositions: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position`),
      readStream: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`),
      // The leaf columns only, and raw rows: no data to decode, no object per column name.
      leavesFrom: db.prepare('SELECT position, id, stream, type, hash FROM events WHERE position >= ? ORDER BY position LIMIT ?').raw(),
      positionsAfter: db.prepare('SELECT position FROM events WHERE position > ? ORDER BY position LIMIT ?').pluck(),
      headPosition: db.prepare('SELECT MAX(position) AS position FROM events'),
      countUpTo: db.prepare('SELECT COUNT(*) AS count FROM events WHERE position <= ?'),
      // Read from the (recorded_at, position) index alone.
      positionAt: db.prepare('SELECT MAX(position) AS position FROM events WHERE recorded_at <= ?'),
      // category is a copy of the stream's prefix (categoryOf), kept for its index; no hash covers it.
      miscategorised: db.prepare(
        `SELECT position, stream, revision, category FROM events
         WHERE category IS NOT (CASE WHEN instr(stream, '-') = 0 THEN stream ELSE substr(stream, 1, instr(stream, '-') - 1) END)
         ORDER BY position LIMIT 1`,
      ),
    };
  }

  /** The stream's last event, or undefined for a new stream. */
  head(stream: string): StreamHead | undefined {
    return this.statements.head.get(stream) as StreamHead | undefined;
  }

  recordedAt(id: string): RecordedAt | undefined {
    return this.statements.byId.get(id) as RecordedAt | undefined;
  }

  rowsAt(positions: readonly number[]): EventRow[] {
    return this.statements.byPositions.all(JSON.stringify(positions)) as EventRow[];
  }

  /** Inserts a sealed event at `position`, or at the next one for null; returns the position it got. */
  insert(event: Omit<RecordedEvent, 'position'>, position: number | null): number {
    const info = this.statements.insert.run({
      position,
      id: event.id,
      stream: event.stream,
      category: categoryOf(event.stream),
      revision: event.revision,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.stringify(event.data),
      ...event.metadata,
    });
    return Number(info.lastInsertRowid);
  }

  streamRows(stream: string, fromRevision: number, limit: number): EventRow[] {
    return this.statements.readStream.all(stream, fromRevision, limit) as EventRow[];
  }

  /** Rows strictly after `after`, up to `upTo` inclusive, in global order; each filter has an index. */
  rowsAfter(after: number, upTo: number, limit: number, filters: Pick<ReadAllOptions, 'types' | 'categories' | 'correlationId' | 'ids' | 'stream'> = {}): EventRow[] {
    const where = ['position > ?', 'position <= ?'];
    const params: unknown[] = [after, upTo];
    const { types, categories, correlationId, ids, stream } = filters;
    if (types?.length) {
      where.push('type IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(types));
    }
    if (categories?.length) {
      where.push('category IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(categories));
    }
    if (correlationId !== undefined) {
      where.push('correlation_id = ?');
      params.push(correlationId);
    }
    if (stream !== undefined) {
      where.push('stream = ?');
      params.push(stream);
    }
    if (ids !== undefined) {
      where.push('id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(ids));
    }
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`;
    let statement = this.filteredReads.get(sql);
    if (!statement) this.filteredReads.set(sql, (statement = this.db.prepare(sql)));
    return statement.all(...params, limit) as EventRow[];
  }

  /** Rows from `from` inclusive as [position, id, stream, type, hash]. */
  leafRows(from: number, limit: number): [number, string, string, string, string][] {
    return this.statements.leavesFrom.all(from, limit) as [number, string, string, string, string][];
  }

  positionsAfter(after: number, limit: number): number[] {
    return this.statements.positionsAfter.all(after, limit) as number[];
  }

  /** Position of the last event, or null for an empty log. */
  headPosition(): number | null {
    return (this.statements.headPosition.get() as { position: number | null }).position;
  }

  positionAt(instant: string): number | null {
    return (this.statements.positionAt.get(instant) as { position: number | null }).position;
  }

  /** The first row whose category is not the one its stream implies. */
  miscategorised(): { position: number; stream: string; revision: number; category: string } | undefined {
    return this.statements.miscategorised.get() as { position: number; stream: string; revision: number; category: string } | undefined;
  }

  countUpTo(position: number): number {
    return (this.statements.countUpTo.get(position) as { count: number }).count;
  }
}

/** Leaf entries from `fromPosition` inclusive (undefined: the first). */
export const leafEntries = (table: EventsTable, fromPosition: Position | undefined, limit: number): LeafEntry[] =>
  table.leafRows(fromPosition === undefined ? 0 : Number(fromPosition), limit).map(([position, id, stream, type, hash]) => ({ position: String(position), id, stream, type, hash }));
