/**
 * The event-store port. It follows EventStoreDB's model (expected revisions,
 * a global `$all` order, catch-up subscriptions) so that the embedded SQLite
 * adapter and the EventStoreDB adapter are both natural implementations.
 *
 * Positions are opaque to callers but are always decimal integer strings on
 * every backend, so they can be compared with `comparePositions`.
 */
export type Position = string;

export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface EventMetadata {
  /** When the ledger learnt the fact (ISO 8601 instant). Business time lives in `data`. */
  recordedAt: string;
  /** Subject id of who caused the event; never a name or an e-mail address. */
  actor: string;
  correlationId: string;
  causationId: string | null;
  prevHash: string;
  hash: string;
}

export interface RecordedEvent<T = Record<string, unknown>> {
  id: string;
  stream: string;
  revision: number;
  position: Position;
  type: string;
  schemaVersion: number;
  data: T;
  metadata: EventMetadata;
}

/** What a caller appends: the store adds revision, position, recordedAt and the hashes. */
export interface NewEvent<T = Record<string, unknown>> {
  id: string;
  type: string;
  schemaVersion?: number;
  data: T;
  actor: string;
  correlationId: string;
  causationId?: string | null;
}

export interface AppendResult {
  stream: string;
  /** Revision of the last event of this append. */
  revision: number;
  /** Global position of the last event of this append. */
  position: Position;
  events: RecordedEvent[];
}

/** An Idempotency-Key to record with the events of an append (decision 0015; see idempotency.ts). */
export interface IdempotencyClaim {
  actor: string;
  key: string;
  /** Digest of the request the key first answered: the same key for another request is refused. */
  fingerprint: string;
  /** Fields of the answer known before the append (its id); the store adds where the events landed. */
  answer: Record<string, unknown>;
  /** ISO 8601 instant after which the key is forgotten and may be used again. */
  expiresAt: string;
}

/** A claim as recorded: enough to give a retry the first answer again. */
export interface RecordedClaim {
  fingerprint: string;
  answer: Record<string, unknown>;
  stream: string;
  revision: number;
  position: Position;
  eventIds: string[];
}

export interface AppendOptions {
  /** Records an Idempotency-Key with the events: the append happens with its key or not at all (idempotency.ts). */
  claim?: IdempotencyClaim;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive lower bound. */
  fromPosition?: Position;
  /** Inclusive upper bound. */
  toPosition?: Position;
  types?: readonly string[];
  categories?: readonly string[];
  /** Only the events of one correlation: an investigation reads them without scanning the log. */
  correlationId?: string;
  /** Only the events of one stream, in global order. */
  stream?: string;
  /** Only these events: the causes an investigation follows. */
  ids?: readonly string[];
  batchSize?: number;
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

/**
 * What a Merkle tree over the log keeps of an event: where it is, what it is,
 * and the hash that seals it. Reading only these skips decoding the data.
 */
export interface LeafEntry {
  position: Position;
  id: string;
  stream: string;
  type: string;
  /** metadata.hash */
  hash: string;
}

export interface Subscription {
  /** Stops delivery; resolves once the handler will not be called again. */
  stop(): Promise<void>;
}

export interface EventStore {
  /** The backend's name as shown by /health: `sqlite` or `eventstoredb`. */
  readonly kind: string;
  /**
   * The file holding the log, when other threads may open it read-only
   * (`openLogFile`, as a rebuild's threads do): the embedded store on disk.
   * Absent or null for the others, which are read through this port only.
   */
  readonly file?: string | null;
  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision, options?: AppendOptions): Promise<AppendResult>;
  /** The claim recorded for this actor and key that is still live at `now` (ISO 8601), or null. */
  recordedClaim(actor: string, key: string, now: string): Promise<RecordedClaim | null>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Up to `limit` events from `fromPosition` inclusive (undefined: the first), in global order, as leaf entries. */
  readLeaves(fromPosition: Position | undefined, limit: number): Promise<LeafEntry[]>;
  /** Catch-up then live, starting strictly after `fromPosition` (null: from the beginning). */
  subscribeToAll(fromPosition: Position | null, handler: EventHandler, onError?: (error: unknown) => void): Subscription;
  /**
   * Calls `wake` whenever events land after `fromPosition` (null: from the
   * beginning), catch-up then live, without decoding them: for followers that
   * read what they need themselves.
   */
  watchAll(fromPosition: Position | null, wake: () => void, onError?: (error: unknown) => void): Subscription;
  /** Position of the last event, or null for an empty log. */
  headPosition(): Promise<Position | null>;
  /** How many events the log held at `position` inclusive: a dossier names the log it was drawn from. */
  countUpTo(position: Position): Promise<number>;
  /** The position of the last event recorded at or before `instant` (ISO 8601, UTC), or null: as of an instant. */
  positionAt(instant: string): Promise<Position | null>;
  close(): Promise<void>;
}

/** Injection token of the configured event store. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export const categoryOf = (stream: string): string => {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
};

export const comparePositions = (a: Position, b: Position): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** A stored event that can no longer be decoded (its bytes were altered or damaged). */
export class UnreadableEventError extends Error {
  constructor(
    readonly at: { stream: string; revision: number; position: Position },
    cause: unknown,
  ) {
    super(`event ${at.stream}@${at.revision} (position ${at.position}) cannot be decoded: ${String(cause)}`);
    this.name = 'UnreadableEventError';
  }
}
