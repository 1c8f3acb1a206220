import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import type {
  AppendOptions,
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  LeafEntry,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
} from '../event-store';
import { categoryOf } from '../event-store';
import type { ChainBreak } from '../hash-chain';
import { validateNewEvents } from '../envelope';
import type { Importable } from '../import';
import type { RecordedClaim } from '../idempotency';
import type { DerivedColumns } from '../integrity';
import { DomainError } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import { openDatabase } from '../../shared/sqlite';
import { migrate } from './migrations';
import { toRecordedEvent } from './event-rows';
import { EventsTable, leafEntries } from './events-table';
import { ClaimsTable } from './claims-table';
import { GroupCommit } from './group-commit';
import { recordAppend } from './sqlite-append';
import { importIntoSqlite } from './sqlite-import';
import { SqliteSubscription } from './sqlite-subscription';

/** Rows per query while reading; reads go query after query, so memory stays bounded. */
const READ_BATCH = 1000;
/** Expired Idempotency-Keys are deleted at most this often (and when the store opens). */
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * The embedded event store. Appends that arrive while a commit is being
 * prepared share one transaction and one fsync (group commit); each one is
 * still checked against its own expected revision inside a savepoint and is
 * acknowledged only after the commit.
 */
export class SqliteEventStore implements EventStore, Importable, DerivedColumns {
  readonly kind = 'sqlite';
  /** Wakes local subscriptions after each commit; another process's appends are found by polling. */
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<Subscription>();
  private readonly table: EventsTable;
  private readonly claims: ClaimsTable;
  private readonly commits: GroupCommit;
  private closed = false;
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly pollIntervalMs = 200,
  ) {
    migrate(db);
    this.appended.setMaxListeners(0);
    this.table = new EventsTable(db);
    this.claims = new ClaimsTable(db);
    this.commits = new GroupCommit(
      db,
      (request) => recordAppend(this.table, this.claims, clock, request),
      () => this.appended.emit('appended'),
    );
  }

  static open(file: string, clock: Clock, pollIntervalMs?: number): SqliteEventStore {
    return new SqliteEventStore(openDatabase(file), clock, pollIntervalMs);
  }

  /** The file, for a rebuild's own connections; null in memory. */
  get file(): string | null {
    return this.db.memory ? null : this.db.name;
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision, options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new DomainError('unavailable', 'the event store is closed'));
    try {
      validateNewEvents(stream, events);
      if (options.claim) this.pruneClaimsWhenDue();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.commits.enqueue({ stream, events, expected, claim: options.claim });
  }

  async recordedClaim(actor: string, key: string, now: string): Promise<RecordedClaim | null> {
    return this.claims.get(actor, key, now);
  }

  /** Idempotency-Keys past their period are deleted now and then, outside the appends' transaction. */
  private pruneClaimsWhenDue(): void {
    const now = this.clock.now();
    if (now.getTime() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now.getTime();
    this.claims.prune(now.toISOString());
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    let next = options.fromRevision ?? 0;
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      const rows = this.table.streamRows(stream, next, Math.min(remaining, READ_BATCH));
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < Math.min(remaining, READ_BATCH)) return;
      remaining -= rows.length;
      next = rows[rows.length - 1].revision + 1;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const batchSize = options.batchSize ?? READ_BATCH;
    let after = options.fromPosition === undefined ? 0 : Number(options.fromPosition) - 1;
    const upTo = options.toPosition === undefined ? Number.MAX_SAFE_INTEGER : Number(options.toPosition);
    for (;;) {
      const rows = this.table.rowsAfter(after, upTo, batchSize, options);
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1].position;
    }
  }

  async readLeaves(fromPosition: Position | undefined, limit: number): Promise<LeafEntry[]> {
    return leafEntries(this.table, fromPosition, limit);
  }

  subscribeToAll(fromPosition: Position | null, handler: EventHandler, onError?: (error: unknown) => void): Subscription {
    return this.subscribe((after, limit) => this.table.rowsAfter(after, Number.MAX_SAFE_INTEGER, limit).map(toRecordedEvent), fromPosition, handler, onError);
  }

  /** Reads positions only: nothing is decoded for a follower that reads what it needs itself. */
  watchAll(fromPosition: Position | null, wake: () => void, onError?: (error: unknown) => void): Subscription {
    return this.subscribe((after, limit) => this.table.positionsAfter(after, limit).map((position) => ({ position })), fromPosition, wake, onError);
  }

  private subscribe<T extends { position: number | string }>(
    readAfter: (after: number, limit: number) => T[],
    fromPosition: Position | null,
    handler: (event: T) => void | Promise<void>,
    onError?: (error: unknown) => void,
  ): Subscription {
    const subscription: SqliteSubscription<T> = new SqliteSubscription(
      readAfter,
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
    const position = this.table.headPosition();
    return position === null ? null : String(position);
  }

  async positionAt(instant: string): Promise<Position | null> {
    const position = this.table.positionAt(instant);
    return position === null ? null : String(position);
  }

  async countUpTo(position: Position): Promise<number> {
    return this.table.countUpTo(Number(position));
  }

  /** Columns stored beside the hashed content must still be what the content implies. */
  async checkDerivedColumns(): Promise<ChainBreak | null> {
    const row = this.table.miscategorised();
    if (!row) return null;
    const reason = `category column says "${row.category}", stream ${row.stream} implies "${categoryOf(row.stream)}"`;
    return { stream: row.stream, revision: row.revision, position: String(row.position), reason };
  }

  /** Writes events sealed in another store; see importIntoSqlite. */
  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    if (this.closed) throw new DomainError('unavailable', 'the event store is closed');
    importIntoSqlite(this.db, this.table, events);
    this.appended.emit('appended');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.commits.pending > 0) this.commits.flush();
    this.db.close();
  }
}
