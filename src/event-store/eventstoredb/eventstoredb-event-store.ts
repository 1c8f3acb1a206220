import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  type AllStreamResolvedEvent,
  type ReadPosition,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import {
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
import { checkExpectedRevision, sealEvent, validateNewEvents } from '../envelope';
import { GENESIS_HASH } from '../hash-chain';
import { importBreak, type Importable, type StreamHead } from '../import';
import { DomainError } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import { ConfigError } from '../../config';
import {
  decodePosition,
  decodeRecordedEvent,
  encodeAllPosition,
  encodePosition,
  isStreamNotFound,
  isSystemRecord,
  isWrongExpectedVersion,
  judgeRetry,
  matchesReadFilter,
  normalizeConnectionString,
  retryWindow,
  toDomainError,
  toEsdbEvent,
  toEsdbExpectedRevision,
} from './esdb-mapping';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { StreamLocks } from './stream-locks';

/** Events per gRPC read call; reads are chained call after call, so memory stays bounded. */
const READ_BATCH = 1000;
/** How often an `any`/`stream_exists` append is tried when another process keeps winning the race. */
const MAX_ATTEMPTS = 10;
/** Import writes at most this many events, and about this many bytes, per append. */
const IMPORT_EVENTS_PER_APPEND = 500;
const IMPORT_BYTES_PER_APPEND = 512 * 1024;

/**
 * The event store on EventStoreDB (KurrentDB) through @eventstore/db-client 6.
 * Same envelope and per-stream hash chain as the SQLite adapter: an append
 * reads the stream's last event, seals the new events after its hash and
 * appends with that exact revision, so a concurrent writer makes ESDB refuse
 * the append instead of forking the chain. See docs/decisions/0004.
 */
export class EventStoreDbEventStore implements EventStore, Importable {
  readonly kind = 'eventstoredb';
  private readonly locks = new StreamLocks();
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly clock: Clock,
  ) {}

  /** Connects lazily: the first call opens the gRPC channel (and discovers the leader of a cluster). */
  static connect(url: string, clock: Clock): EventStoreDbEventStore {
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(normalizeConnectionString(url));
    } catch (error) {
      throw new ConfigError('EVENTSTOREDB_URL', `is not a valid connection string: ${error instanceof Error ? error.message : String(error)}`);
    }
    return new EventStoreDbEventStore(client, clock);
  }

  private assertOpen(): void {
    if (this.closed) throw new DomainError('unavailable', 'the event store is closed');
  }

  // -------------------------------------------------------------------------
  // Appending

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    validateNewEvents(stream, events);
    return this.locks.run(stream, () => this.appendWithRetries(stream, events, expected));
  }

  private async appendWithRetries(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    // An exact expectation gets one more look after losing a race: the winner may have been a retry of this very append.
    const attempts = expected === 'any' || expected === 'stream_exists' ? MAX_ATTEMPTS : 2;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.appendOnce(stream, events, expected);
      } catch (error) {
        if (!isWrongExpectedVersion(error) || attempt >= attempts) throw toDomainError(error, `appending to ${stream}`);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  private async appendOnce(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const head = await this.readHead(stream);
    const current = head ? head.revision : -1;
    const window = retryWindow(expected, current, events.length);
    if (window) {
      const recorded = await collect(this.readStreamRange(stream, window.fromRevision, window.maxCount, true));
      const retried = judgeRetry(stream, expected, events, recorded);
      if (retried) return resultOf(stream, retried);
    }
    checkExpectedRevision(stream, expected, current);
    const recordedAt = this.clock.now().toISOString();
    let prevHash = head ? head.hash : GENESIS_HASH;
    const sealed = events.map((event, i) => {
      const next = sealEvent(stream, current + 1 + i, prevHash, recordedAt, event);
      prevHash = next.metadata.hash;
      return next;
    });
    await this.client.appendToStream(stream, sealed.map(toEsdbEvent), { expectedRevision: toEsdbExpectedRevision(current) });
    // Positions are only known once written; reading back also returns what the server holds
    // (ESDB acknowledges an exact-revision retry of the same event ids without writing).
    const written = await collect(this.readStreamRange(stream, current + 1, sealed.length, true));
    if (written.length !== sealed.length || written.some((event, i) => event.id !== sealed[i].id)) {
      throw new Error(`append to ${stream} at revision ${current + 1} was acknowledged but reads back differently`);
    }
    return resultOf(stream, written);
  }

  /**
   * The stream's last event as revision and hash, or null when the stream does
   * not exist. Read on the leader (as are all reads of the append path), where
   * every acknowledged write is visible, whatever the connection's node preference.
   */
  private async readHead(stream: string): Promise<StreamHead | null> {
    const read = guarded(this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true }));
    for (const event of await this.drain(read, `reading the head of ${stream}`)) {
      return { revision: event.revision, hash: event.metadata.hash };
    }
    return null;
  }

  /** Reads a whole (small) read call; a missing stream is empty. */
  private async drain(read: StreamingRead<ResolvedEvent>, doing: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        const record = resolved.event;
        if (record) events.push(decodeRecordedEvent(record, encodePosition(record.position, `event ${record.streamId}@${record.revision}`)));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw toDomainError(error, doing);
    }
    return events;
  }

  // -------------------------------------------------------------------------
  // Reading

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    return this.readStreamRange(stream, options.fromRevision ?? 0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
  }

  private async *readStreamRange(stream: string, fromRevision: number, maxCount: number, requiresLeader = false): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    let next = fromRevision;
    let remaining = maxCount;
    while (remaining > 0) {
      const size = Math.min(remaining, READ_BATCH);
      const read = guarded(this.client.readStream(stream, { direction: FORWARDS, fromRevision: BigInt(next), maxCount: size, requiresLeader }));
      let received = 0;
      let finished = false;
      try {
        for await (const resolved of read) {
          const record = resolved.event;
          if (!record) continue;
          received += 1;
          const event = decodeRecordedEvent(record, encodePosition(record.position, `event ${stream}@${record.revision}`));
          next = event.revision + 1;
          yield event;
        }
        finished = true;
      } catch (error) {
        finished = true;
        if (isStreamNotFound(error)) return;
        throw toDomainError(error, `reading ${stream}`);
      } finally {
        if (!finished) void read.cancel(); // the consumer stopped early: end the call instead of leaving it open
      }
      if (received < size) return;
      remaining -= received;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const batchSize = Math.max(1, options.batchSize ?? READ_BATCH);
    const upTo = options.toPosition === undefined ? null : decodePosition(options.toPosition).prepare;
    let from: ReadPosition = options.fromPosition === undefined ? START : decodePosition(options.fromPosition);
    let last: bigint | null = null; // a read resumes at the last event seen (positions are inclusive): skip it
    for (;;) {
      const maxCount = batchSize + (last === null ? 0 : 1);
      const read = guarded(this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount }));
      let received = 0;
      let finished = false;
      try {
        for await (const resolved of read) {
          received += 1;
          const event = this.decodeAll(resolved);
          if (!event) continue;
          const at = BigInt(event.position);
          if (last !== null && at <= last) continue;
          if (upTo !== null && at > upTo) return;
          last = at;
          if (event.system || !matchesReadFilter(event.record, options)) continue;
          yield event.decode();
        }
        finished = true;
      } catch (error) {
        finished = true;
        throw toDomainError(error, 'reading $all');
      } finally {
        if (!finished) void read.cancel();
      }
      if (received < maxCount || last === null) return;
      from = { commit: last, prepare: last };
    }
  }

  /** Position and lazy decoding of one `$all` event; system events are flagged, never decoded. */
  private decodeAll(resolved: AllStreamResolvedEvent) {
    const record = resolved.event;
    if (!record) return null;
    const position = encodeAllPosition(record.position, `event ${record.streamId}@${record.revision}`);
    return {
      position,
      system: isSystemRecord(record),
      record: { type: record.type, stream: record.streamId },
      decode: () => decodeRecordedEvent(record, position),
    };
  }

  subscribeToAll(fromPosition: Position | null, handler: EventHandler, onError?: (error: unknown) => void): Subscription {
    this.assertOpen();
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(this.client, fromPosition, handler, onError, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** $all keeps no count: this reads our events up to `position`, which grows with the log. */
  async countUpTo(position: Position): Promise<number> {
    let count = 0;
    for await (const _ of this.readAll({ toPosition: position })) count += 1;
    return count;
  }

  /** The last non-system event of `$all`, read backwards past any trailing system events. */
  async headPosition(): Promise<Position | null> {
    this.assertOpen();
    const page = 100;
    let from: ReadPosition = END;
    let last: bigint | null = null;
    for (;;) {
      const read = guarded(this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: page }));
      let received = 0;
      try {
        for await (const resolved of read) {
          received += 1;
          const event = this.decodeAll(resolved);
          if (!event) continue;
          const at = BigInt(event.position);
          if (last !== null && at >= last) continue;
          last = at;
          if (!event.system) {
            void read.cancel();
            return event.position;
          }
        }
      } catch (error) {
        throw toDomainError(error, 'reading the head of $all');
      }
      if (received < page || last === null) return null;
      from = { commit: last, prepare: last };
    }
  }

  // -------------------------------------------------------------------------
  // Import

  /**
   * Appends events sealed in another store, in the given (global) order. Each
   * run of consecutive events of one stream is one append at the exact
   * revision before it, after checking that it continues the chain the server
   * holds. ESDB assigns new positions.
   */
  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    this.assertOpen();
    const heads = new Map<string, StreamHead | null>();
    let i = 0;
    while (i < events.length) {
      const stream = events[i].stream;
      let head = heads.has(stream) ? heads.get(stream)! : await this.readHead(stream);
      const run: RecordedEvent[] = [];
      let bytes = 0;
      while (i < events.length && events[i].stream === stream && run.length < IMPORT_EVENTS_PER_APPEND && bytes < IMPORT_BYTES_PER_APPEND) {
        const event = events[i];
        const broken = importBreak(head ?? undefined, event);
        if (broken) throw new DomainError('validation', `cannot import ${stream} revision ${event.revision}: ${broken}`);
        run.push(event);
        bytes += JSON.stringify(event.data).length + 512;
        head = { revision: event.revision, hash: event.metadata.hash };
        i += 1;
      }
      const first = run[0].revision;
      await this.locks.run(stream, async () => {
        try {
          await this.client.appendToStream(stream, run.map(toEsdbEvent), {
            expectedRevision: first === 0 ? NO_STREAM : BigInt(first - 1),
          });
        } catch (error) {
          throw toDomainError(error, `importing into ${stream}`);
        }
      });
      heads.set(stream, head);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }
}

/**
 * The client re-emits gRPC errors on its readable by hand; one arriving after
 * the iteration ended (a read cut short, then cancelled) would have no listener
 * and crash the process. Errors during the iteration still reach it.
 */
function guarded<T extends NodeJS.EventEmitter>(stream: T): T {
  stream.on('error', () => undefined);
  return stream;
}

function resultOf(stream: string, events: RecordedEvent[]): AppendResult {
  const last = events[events.length - 1];
  return { stream, revision: last.revision, position: last.position, events };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
