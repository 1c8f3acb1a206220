/**
 * Pure translation between Confiance's event-store port and EventStoreDB's
 * model: connection strings, event ids, metadata, positions, expected
 * revisions, recorded-event decoding, read filters and error kinds. No I/O
 * here, so every rule is unit-tested without a server.
 */
import { createHash } from 'node:crypto';
import { ErrorType, jsonEvent, NO_STREAM, type EventData } from '@eventstore/db-client';
import {
  categoryOf,
  UnreadableEventError,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type RecordedEvent,
} from '../event-store';
import { isIdempotentRetry } from '../envelope';
import { conflict, DomainError, isDomainError } from '../../shared/errors';

// ---------------------------------------------------------------------------
// Connection strings

/**
 * The 6.x client only knows `esdb://` and `esdb+discover://`; KurrentDB's
 * `kurrentdb://` and `kdb://` spellings (accepted by our configuration) have
 * the same syntax and are rewritten to them.
 */
export function normalizeConnectionString(url: string): string {
  return url.replace(/^(kurrentdb|kdb)(\+discover)?:\/\//i, (_match, _scheme: string, discover?: string) =>
    discover ? 'esdb+discover://' : 'esdb://',
  );
}

// ---------------------------------------------------------------------------
// Event ids

/** Namespace of the name-based (v5) UUIDs that stand for Confiance ids that are not UUIDs. */
export const CONFIANCE_ID_NAMESPACE = 'f3faac2b-e358-4859-90e2-71752212fbb5';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 4122 §4.3 name-based UUID, version 5 (SHA-1). */
export function uuidV5(name: string, namespace: string): string {
  if (!UUID.test(namespace)) throw new Error(`namespace ${namespace} is not a UUID`);
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * EventStoreDB requires a UUID per event. A Confiance id that is a UUID is
 * used as it is (lower-cased, as the server returns it); any other id maps
 * deterministically to a v5 UUID, so a retry of the same id carries the same
 * ESDB event id. The original id always travels in the metadata (`id`) and is
 * what readers see.
 */
export function esdbEventId(id: string): string {
  return UUID.test(id) ? id.toLowerCase() : uuidV5(id, CONFIANCE_ID_NAMESPACE);
}

// ---------------------------------------------------------------------------
// Metadata

/** The JSON stored as an ESDB event's metadata. `$correlationId`/`$causationId` are ESDB's own conventions. */
export interface EsdbMetadata {
  id: string;
  recordedAt: string;
  actor: string;
  correlationId: string;
  causationId: string | null;
  prevHash: string;
  hash: string;
  schemaVersion: number;
  $correlationId: string;
  $causationId?: string;
}

export function toEsdbMetadata(event: Omit<RecordedEvent, 'position'>): EsdbMetadata {
  const { metadata } = event;
  return {
    id: event.id,
    recordedAt: metadata.recordedAt,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    prevHash: metadata.prevHash,
    hash: metadata.hash,
    schemaVersion: event.schemaVersion,
    $correlationId: metadata.correlationId,
    ...(metadata.causationId === null ? {} : { $causationId: metadata.causationId }),
  };
}

/** The ESDB event written for a sealed envelope: JSON data, our metadata, a UUID derived from our id. */
export function toEsdbEvent(event: Omit<RecordedEvent, 'position'>): EventData {
  return jsonEvent({ id: esdbEventId(event.id), type: event.type, data: event.data, metadata: toEsdbMetadata(event) });
}

/** What the client hands us for a stored event (a subset of its RecordedEvent type). */
export interface EsdbRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata?: unknown;
  position?: { commit: bigint; prepare: bigint };
}

/** A system event of the server ($-prefixed type or stream): never one of ours, never shown. */
export const isSystemRecord = (record: Pick<EsdbRecord, 'type' | 'streamId'>): boolean =>
  record.type.startsWith('$') || record.streamId.startsWith('$');

// ---------------------------------------------------------------------------
// Positions

/** ESDB's "no position" value (ulong max). */
const NO_POSITION = (1n << 64n) - 1n;

/**
 * Our position of an ESDB event: its prepare position, i.e. the log position
 * of its record. Every event written through the gRPC API is a self-committed
 * record, so in `$all` its commit position equals its prepare position and the
 * single number is enough to resume from ({commit: p, prepare: p}). Stream reads
 * may report the write's transaction position as `commit`; the prepare position
 * is the event's own in both cases.
 */
export function encodePosition(position: { commit: bigint; prepare: bigint } | undefined, at: string): Position {
  if (!position || position.prepare < 0n || position.prepare >= NO_POSITION) {
    throw new Error(`EventStoreDB returned no log position for ${at}; Confiance needs EventStoreDB 22.6 or later`);
  }
  return position.prepare.toString(10);
}

/**
 * Position of an event read from `$all`. Events written by legacy explicit
 * transactions (TCP API, before 20.x) have commit != prepare: one number could
 * not resume a read there, so they are refused rather than silently skipped.
 */
export function encodeAllPosition(position: { commit: bigint; prepare: bigint } | undefined, at: string): Position {
  const encoded = encodePosition(position, at);
  if (position!.commit !== position!.prepare) {
    throw new Error(
      `${at} sits in a multi-record transaction (commit ${position!.commit}, prepare ${position!.prepare}); ` +
        'Confiance only reads logs written through the gRPC API',
    );
  }
  return encoded;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The ESDB read position of one of our positions: commit = prepare = the record's log position. */
export function decodePosition(position: Position): { commit: bigint; prepare: bigint } {
  if (!DECIMAL.test(position)) throw new DomainError('validation', `invalid position ${JSON.stringify(position)}`);
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

// ---------------------------------------------------------------------------
// Decoding

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** Turns a stored ESDB event back into our envelope; refuses anything that is not a sound Confiance event. */
export function decodeRecordedEvent(record: EsdbRecord, position: Position): RecordedEvent {
  const revision = Number(record.revision);
  const at = { stream: record.streamId, revision, position };
  const unreadable = (why: string) => new UnreadableEventError(at, why);
  if (!record.isJson || !isPlainObject(record.data)) throw unreadable('data is not a JSON object');
  const m = record.metadata;
  if (!isPlainObject(m)) throw unreadable('metadata is not a JSON object');
  for (const field of ['id', 'recordedAt', 'actor', 'correlationId', 'prevHash', 'hash'] as const) {
    if (typeof m[field] !== 'string') throw unreadable(`metadata.${field} is missing`);
  }
  if (m.causationId !== null && typeof m.causationId !== 'string') throw unreadable('metadata.causationId is missing');
  if (!Number.isSafeInteger(m.schemaVersion)) throw unreadable('metadata.schemaVersion is missing');
  return {
    id: m.id as string,
    stream: record.streamId,
    revision,
    position,
    type: record.type,
    schemaVersion: m.schemaVersion as number,
    data: record.data,
    metadata: {
      recordedAt: m.recordedAt as string,
      actor: m.actor as string,
      correlationId: m.correlationId as string,
      causationId: m.causationId as string | null,
      prevHash: m.prevHash as string,
      hash: m.hash as string,
    },
  };
}

/** The `types` and `categories` filters of readAll (applied client-side: client 6.x reads $all unfiltered). */
export function matchesReadFilter(event: Pick<RecordedEvent, 'type' | 'stream'>, options: Pick<ReadAllOptions, 'types' | 'categories'>): boolean {
  if (options.types?.length && !options.types.includes(event.type)) return false;
  if (options.categories?.length && !options.categories.includes(categoryOf(event.stream))) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Expected revisions and retries

/**
 * The adapter always appends with the exact revision it read (the prevHash of
 * the new events is that revision's hash); -1 (no event) is ESDB's no_stream.
 */
export const toEsdbExpectedRevision = (current: number): bigint | typeof NO_STREAM =>
  current < 0 ? NO_STREAM : BigInt(current);

/** How many events, beyond the appended ones, an `any`/`stream_exists` retry may find after its own. */
export const RETRY_WINDOW = 100;

/**
 * Which recorded events to compare with an append to recognise a retry,
 * given the stream's current revision (-1: no stream). ESDB has no index by
 * event id, so the adapter looks where a retry must be: at the revisions an
 * exact expectation implies, or in the tail of the stream for `any` and
 * `stream_exists`. Null: nothing to read.
 */
export function retryWindow(
  expected: ExpectedRevision,
  current: number,
  count: number,
): { fromRevision: number; maxCount: number } | null {
  if (current < 0) return null;
  if (expected === 'any' || expected === 'stream_exists') {
    const fromRevision = Math.max(0, current - (count + RETRY_WINDOW) + 1);
    return { fromRevision, maxCount: current - fromRevision + 1 };
  }
  const after = expected === 'no_stream' ? -1 : expected;
  if (current <= after) return null;
  return { fromRevision: after + 1, maxCount: Math.min(count, current - after) };
}

/**
 * Compares an append with the recorded events of its retry window. Returns the
 * recorded events when the append is a retry of them (an idempotent success),
 * null when none of its ids is there (a fresh append), and throws a conflict
 * for a partial overlap.
 */
export function judgeRetry(
  stream: string,
  expected: ExpectedRevision,
  events: readonly Pick<NewEvent, 'id'>[],
  window: readonly RecordedEvent[],
): RecordedEvent[] | null {
  const byId = new Map(window.map((event) => [event.id, event]));
  const found = events.map((event) => byId.get(event.id));
  if (!found.some(Boolean)) return null;
  if (!isIdempotentRetry(stream, expected, found)) {
    throw conflict('some of these event ids are already recorded at other revisions of the stream', { stream });
  }
  return found as RecordedEvent[];
}

// ---------------------------------------------------------------------------
// Errors

const UNAVAILABLE_TYPES: readonly string[] = [
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
];

const typeOf = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const isWrongExpectedVersion = (error: unknown): boolean => typeOf(error) === ErrorType.WRONG_EXPECTED_VERSION;

export const isStreamNotFound = (error: unknown): boolean => typeOf(error) === ErrorType.STREAM_NOT_FOUND;

/**
 * Maps a client error to the DomainError kinds the rest of Confiance knows:
 * wrong expected version → conflict; an unreachable, leaderless or too slow
 * server → unavailable (HTTP 503 upstream); an oversized append → validation.
 * Anything else (a bug, a decoding failure) passes through unchanged.
 */
export function toDomainError(error: unknown, doing: string): unknown {
  if (isDomainError(error)) return error;
  const type = typeOf(error);
  if (type === ErrorType.WRONG_EXPECTED_VERSION) {
    return conflict(`${doing}: the stream moved on meanwhile (${messageOf(error)})`);
  }
  if (typeof type === 'string' && UNAVAILABLE_TYPES.includes(type)) {
    return new DomainError('unavailable', `EventStoreDB is unavailable while ${doing}: ${messageOf(error)}`);
  }
  if (error instanceof Error && /^Failed to discover/.test(error.message)) {
    return new DomainError('unavailable', `EventStoreDB is unavailable while ${doing}: ${error.message}`);
  }
  if (type === ErrorType.ACCESS_DENIED) {
    return new DomainError('unavailable', `EventStoreDB refused access while ${doing}: check the credentials in EVENTSTOREDB_URL`);
  }
  if (type === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED) {
    return new DomainError('validation', `${doing}: the append is larger than the server's maximum append size (${messageOf(error)})`);
  }
  return error;
}
