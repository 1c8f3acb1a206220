import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import {
  categoryOf,
  type AppendResult,
  type EventHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type Subscription,
} from '../event-store';
import { checkExpectedRevision, isIdempotentRetry, sealEvent, validateNewEvents } from '../envelope';
import { GENESIS_HASH } from '../hash-chain';
import { importBreak, type Importable, type StreamHead } from '../import';
import { conflict, DomainError } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import { openDatabase } from './open-database';
import { migrate } from './migrations';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows';
import { SqliteSubscription } from './sqlite-subscription';

interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded event store. Appends that arrive while a commit is being
 * prepared share one transaction and one fsync (group commit); each one is
 * still checked against its own expected revision inside a savepoint and is
 * acknowledged only after the commit.
 */
export class SqliteEventStore implements EventStore, Importable {
  readonly kind = 'sqlite';
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly filteredReads = new Map<string, Database.Statement>();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly statements;
  private readonly appendOne: Database.Transaction<(request: PendingAppend) => AppendResult>;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly pollIntervalMs = 200,
  ) {
    migrate(db);
    this.appended.setMaxListeners(0);
    this.statements = {
      head: db.prepare('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1'),
      byId: db.prepare('SELECT stream, revision, position FROM events WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO events (id, stream, category, revision, type, schema_version, data, recorded_at,
           actor, correlation_id, causation_id, prev_hash, hash)
         VALUES (@id, @stream, @category, @revision, @type, @schemaVersion, @data, @recordedAt,
           @actor, @correlationId, @causationId, @prevHash, @hash)`,
      ),
      byPositions: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position`),
      readStream: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      headPosition: db.prepare('SELECT MAX(position) AS position FROM events'),
      countUpTo: db.prepare('SELECT COUNT(*) AS count FROM events WHERE position <= ?'),
    };
    this.appendOne = db.transaction((request: PendingAppend) => this.appendInTransaction(request));
  }

  static open(file: string, clock: Clock, pollIntervalMs?: number): SqliteEventStore {
    return new SqliteEventStore(openDatabase(file), clock, pollIntervalMs);
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new DomainError('unavailable', 'the event store is closed'));
    try {
      validateNewEvents(stream, events);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ stream, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: AppendResult } | { error: unknown })[] = [];
    try {
      this.db
        .transaction(() => {
          for (const request of batch) {
            try {
              outcomes.push({ ok: this.appendOne(request) }); // a savepoint: a failure undoes only this append
            } catch (error) {
              outcomes.push({ error });
            }
          }
        })
        .immediate();
    } catch (error) {
      const unavailable = new DomainError('unavailable', `the event store could not commit: ${String(error)}`);
      for (const request of batch) request.reject(unavailable);
      return;
    }
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      if ('ok' in outcome) request.resolve(outcome.ok);
      else request.reject(outcome.error);
    });
    this.appended.emit('appended');
  }

  private appendInTransaction({ stream, events, expected }: PendingAppend): AppendResult {
    const found = events.map((e) => this.statements.byId.get(e.id) as { stream: string; revision: number; position: number } | undefined);
    if (found.some(Boolean)) {
      if (!isIdempotentRetry(stream, expected, found)) {
        throw conflict(`some of these event ids are already recorded elsewhere in the log`, { stream });
      }
      const rows = this.statements.byPositions.all(JSON.stringify(found.map((f) => f!.position))) as EventRow[];
      return this.resultOf(stream, rows.map(toRecordedEvent));
    }
    const head = this.statements.head.get(stream) as { revision: number; hash: string } | undefined;
    checkExpectedRevision(stream, expected, head ? head.revision : -1);
    const recordedAt = this.clock.now().toISOString();
    let prevHash = head ? head.hash : GENESIS_HASH;
    let revision = head ? head.revision : -1;
    const recorded = events.map((event) => {
      revision += 1;
      const sealed = sealEvent(stream, revision, prevHash, recordedAt, event);
      prevHash = sealed.metadata.hash;
      const info = this.statements.insert.run({
        id: sealed.id,
        stream,
        category: categoryOf(stream),
        revision,
        type: sealed.type,
        schemaVersion: sealed.schemaVersion,
        data: JSON.stringify(sealed.data),
        ...sealed.metadata,
      });
      return { ...sealed, position: String(info.lastInsertRowid) };
    });
    return this.resultOf(stream, recorded);
  }

  private resultOf(stream: string, events: RecordedEvent[]): AppendResult {
    const last = events[events.length - 1];
    return { stream, revision: last.revision, position: last.position, events };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    let next = options.fromRevision ?? 0;
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      const rows = this.statements.readStream.all(stream, next, Math.min(remaining, 1000)) as EventRow[];
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < Math.min(remaining, 1000)) return;
      remaining -= rows.length;
      next = rows[rows.length - 1].revision + 1;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const batchSize = options.batchSize ?? 1000;
    let after = options.fromPosition === undefined ? 0 : Number(options.fromPosition) - 1;
    const upTo = options.toPosition === undefined ? Number.MAX_SAFE_INTEGER : Number(options.toPosition);
    for (;;) {
      const rows = this.readBatch(after, upTo, batchSize, options.types, options.categories);
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1].position;
    }
  }

  /** Rows strictly after `after`, up to `upTo` inclusive, in global order. */
  readBatch(after: number, upTo: number, limit: number, types?: readonly string[], categories?: readonly string[]): EventRow[] {
    const where = ['position > ?', 'position <= ?'];
    const params: unknown[] = [after, upTo];
    if (types?.length) {
      where.push('type IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(types));
    }
    if (categories?.length) {
      where.push('category IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(categories));
    }
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`;
    let statement = this.filteredReads.get(sql);
    if (!statement) this.filteredReads.set(sql, (statement = this.db.prepare(sql)));
    return statement.all(...params, limit) as EventRow[];
  }

  subscribeToAll(fromPosition: Position | null, handler: EventHandler, onError?: (error: unknown) => void): Subscription {
    const subscription = new SqliteSubscription(
      (after, limit) => this.readBatch(after, Number.MAX_SAFE_INTEGER, limit).map(toRecordedEvent),
      fromPosition === null ? 0 : Number(fromPosition),
      handler,
      this.appended,
      this.pollIntervalMs,
      onError,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | null> {
    const row = this.statements.headPosition.get() as { position: number | null };
    return row.position === null ? null : String(row.position);
  }

  async countUpTo(position: Position): Promise<number> {
    return (this.statements.countUpTo.get(Number(position)) as { count: number }).count;
  }

  /**
   * Writes events sealed in another store (`confiance import`), in the given
   * order, in one transaction: ids, streams, revisions, data and metadata as
   * they are. Each event must continue its stream's chain as stored here and
   * match its own hash, or nothing of the batch is written. Positions are kept
   * when they follow the current head, so a SQLite-to-SQLite move is exact.
   */
  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    if (this.closed) throw new DomainError('unavailable', 'the event store is closed');
    const insert = this.db.prepare(
      `INSERT INTO events (position, id, stream, category, revision, type, schema_version, data, recorded_at,
         actor, correlation_id, causation_id, prev_hash, hash)
       VALUES (@position, @id, @stream, @category, @revision, @type, @schemaVersion, @data, @recordedAt,
         @actor, @correlationId, @causationId, @prevHash, @hash)`,
    );
    this.db
      .transaction(() => {
        const heads = new Map<string, StreamHead | undefined>();
        let lastPosition = Number((this.statements.headPosition.get() as { position: number | null }).position ?? 0);
        for (const event of events) {
          const head = heads.has(event.stream)
            ? heads.get(event.stream)
            : (this.statements.head.get(event.stream) as StreamHead | undefined);
          const broken = importBreak(head, event);
          if (broken) throw new DomainError('validation', `cannot import ${event.stream} revision ${event.revision}: ${broken}`);
          const wanted = Number(event.position);
          const info = insert.run({
            position: Number.isSafeInteger(wanted) && wanted > lastPosition ? wanted : null,
            id: event.id,
            stream: event.stream,
            category: categoryOf(event.stream),
            revision: event.revision,
            type: event.type,
            schemaVersion: event.schemaVersion,
            data: JSON.stringify(event.data),
            ...event.metadata,
          });
          lastPosition = Number(info.lastInsertRowid);
          heads.set(event.stream, { revision: event.revision, hash: event.metadata.hash });
        }
      })
      .immediate();
    this.appended.emit('appended');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.queue.length > 0) this.flush();
    this.db.close();
  }
}
