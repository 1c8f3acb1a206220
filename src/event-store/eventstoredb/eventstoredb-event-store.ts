import { EventStoreDBClient } from '@eventstore/db-client';
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
import { comparePositions } from '../event-store';
import { validateNewEvents } from '../envelope';
import type { Importable } from '../import';
import type { RecordedClaim } from '../idempotency';
import { DomainError } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import { ConfigError } from '../../config';
import { EsdbAllReads } from './esdb-all-reads';
import { EsdbAppends } from './esdb-append';
import { EsdbClaimLedger } from './esdb-claim-ledger';
import { CLAIM_CATEGORY, isClaimStream } from './esdb-claims';
import { importIntoEventStoreDb } from './esdb-import';
import { EsdbStreamReads } from './esdb-stream-reads';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { StreamLocks } from './stream-locks';

/**
 * The event store on EventStoreDB (KurrentDB) through @eventstore/db-client 6.
 * Same envelope and per-stream hash chain as the SQLite adapter: an append
 * reads the stream's last event, seals the new events after its hash and
 * appends with that exact revision, so a concurrent writer makes ESDB refuse
 * the append instead of forking the chain. See docs/decisions/0004.
 *
 * This class owns the client's lifetime and this process's per-stream locks;
 * appending, reading and importing live in the esdb-*.ts modules beside it.
 */
export class EventStoreDbEventStore implements EventStore, Importable {
  readonly kind = 'eventstoredb';
  private readonly locks = new StreamLocks();
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;
  private readonly streams: EsdbStreamReads;
  private readonly all: EsdbAllReads;
  private readonly appends: EsdbAppends;
  private readonly claims: EsdbClaimLedger;

  constructor(
    private readonly client: EventStoreDBClient,
    clock: Clock,
  ) {
    const assertOpen = () => this.assertOpen();
    this.streams = new EsdbStreamReads(client, assertOpen);
    this.all = new EsdbAllReads(client, assertOpen);
    this.claims = new EsdbClaimLedger(client, this.streams);
    this.appends = new EsdbAppends(client, clock, this.streams, this.claims);
  }

  /**
   * Connects lazily: the first call opens the gRPC channel (and discovers the
   * leader of a cluster). `url` is an `esdb://` string, as the configuration
   * gives it whatever KurrentDB spelling was set.
   */
  static connect(url: string, clock: Clock): EventStoreDbEventStore {
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(url);
    } catch (error) {
      throw new ConfigError('EVENTSTOREDB_URL', `is not a valid connection string: ${error instanceof Error ? error.message : String(error)}`);
    }
    return new EventStoreDbEventStore(client, clock);
  }

  private assertOpen(): void {
    if (this.closed) throw new DomainError('unavailable', 'the event store is closed');
  }

  /** With a claim, its Idempotency-Key is recorded so that the append happens once, crash or not (decision 0026). */
  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision, options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    validateNewEvents(stream, events);
    if (isClaimStream(stream)) throw new DomainError('validation', `invalid stream name: ${stream} (${CLAIM_CATEGORY} holds Idempotency-Keys)`);
    return this.locks.run(stream, () => this.appends.append(stream, events, expected, options.claim));
  }

  /** The first answer of an Idempotency-Key, once its append is sure to be complete. */
  async recordedClaim(actor: string, key: string, now: string): Promise<RecordedClaim | null> {
    this.assertOpen();
    return this.claims.lookup(actor, key, now);
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    return this.streams.range(stream, options.fromRevision ?? 0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return this.all.read(options);
  }

  /** $all has no narrower read: the leaf entries are taken from the normal read. */
  async readLeaves(fromPosition: Position | undefined, limit: number): Promise<LeafEntry[]> {
    const entries: LeafEntry[] = [];
    if (limit < 1) return entries;
    for await (const event of this.readAll({ fromPosition, batchSize: limit })) {
      entries.push({ position: event.position, id: event.id, stream: event.stream, type: event.type, hash: event.metadata.hash });
      if (entries.length === limit) break;
    }
    return entries;
  }

  watchAll(fromPosition: Position | null, wake: () => void, onError?: (error: unknown) => void): Subscription {
    return this.subscribeToAll(fromPosition, () => wake(), onError);
  }

  subscribeToAll(fromPosition: Position | null, handler: EventHandler, onError?: (error: unknown) => void): Subscription {
    this.assertOpen();
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(this.client, fromPosition, handler, onError, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** $all has no index by time: this reads every event, which grows with the log. */
  async positionAt(instant: string): Promise<Position | null> {
    let last: Position | null = null;
    for await (const event of this.readAll({ batchSize: 5000 })) {
      if (event.metadata.recordedAt <= instant && (last === null || comparePositions(event.position, last) > 0)) last = event.position;
    }
    return last;
  }

  /** $all keeps no count: this reads our events up to `position`, which grows with the log. */
  async countUpTo(position: Position): Promise<number> {
    let count = 0;
    for await (const _ of this.readAll({ toPosition: position })) count += 1;
    return count;
  }

  headPosition(): Promise<Position | null> {
    return this.all.headPosition();
  }

  /** Appends events sealed in another store; see importIntoEventStoreDb. */
  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    this.assertOpen();
    await importIntoEventStoreDb(this.client, this.streams, this.locks, events);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }
}
