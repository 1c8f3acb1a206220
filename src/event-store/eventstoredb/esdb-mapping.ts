/**
 * Pure translation between Confiance's event envelope and EventStoreDB's
 * events: metadata, the event written for a sealed envelope, decoding of a
 * stored event and the read filters. Ids, positions, expected revisions and
 * errors have modules of their own next to this one (esdb-*.ts); none does
 * I/O, so every rule is unit-tested without a server.
 */
import { jsonEvent, type EventData } from '@eventstore/db-client';
import { categoryOf, UnreadableEventError, type Position, type ReadAllOptions, type RecordedEvent } from '../event-store';
import { isClaimStream } from './esdb-claims';
import { esdbEventId } from './esdb-event-ids';

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

/**
 * Not an event of the ledger, never shown: a system event of the server
 * ($-prefixed type or stream), or an Idempotency-Key claim (esdb-claims.ts).
 */
export const isSystemRecord = (record: Pick<EsdbRecord, 'type' | 'streamId'>): boolean =>
  record.type.startsWith('$') || record.streamId.startsWith('$') || isClaimStream(record.streamId);

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
export function matchesReadFilter(event: Pick<RecordedEvent, 'type' | 'stream'>, options: Pick<ReadAllOptions, 'types' | 'categories' | 'stream'>): boolean {
  if (options.types?.length && !options.types.includes(event.type)) return false;
  if (options.categories?.length && !options.categories.includes(categoryOf(event.stream))) return false;
  return options.stream === undefined || event.stream === options.stream;
}

/** The `correlationId` and `ids` filters of readAll, once the event is decoded. */
export function matchesMetadataFilter(event: RecordedEvent, options: Pick<ReadAllOptions, 'correlationId' | 'ids'>): boolean {
  if (options.correlationId !== undefined && event.metadata.correlationId !== options.correlationId) return false;
  return options.ids === undefined || options.ids.includes(event.id);
}
