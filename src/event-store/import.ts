/**
 * Moving a ledger between stores: the export line format (one recorded
 * envelope per JSON line) and the optional `Importable` capability through
 * which an adapter writes events that were sealed elsewhere, keeping ids,
 * streams, revisions, data and metadata exactly (positions are the target's).
 */
import type { EventStore, RecordedEvent } from './event-store';
import { chainBreak, type StreamHead } from './hash-chain';

export type { StreamHead };

/** An adapter that can write pre-sealed events (into an empty store, or continuing the chains it holds). */
export interface Importable {
  /**
   * Writes the events in the given order. Each one must continue its stream's
   * chain as the store holds it (revision, prevHash) and match its own hash;
   * otherwise nothing of the failing batch is written (SQLite) or writing
   * stops at it (EventStoreDB, which has no multi-stream transactions).
   */
  importRecorded(events: readonly RecordedEvent[]): Promise<void>;
}

export const isImportable = (store: EventStore): store is EventStore & Importable =>
  typeof (store as Partial<Importable>).importRecorded === 'function';

/** Why `event` cannot follow `head` in its stream's chain, or null when it can (the wording `verify` uses too). */
export const importBreak = chainBreak;

/** One export line: the full recorded envelope, always with the same field order. */
export function exportLineOf(event: RecordedEvent): string {
  const { metadata: m } = event;
  return JSON.stringify({
    id: event.id,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: {
      recordedAt: m.recordedAt,
      actor: m.actor,
      correlationId: m.correlationId,
      causationId: m.causationId,
      prevHash: m.prevHash,
      hash: m.hash,
    },
  });
}

const ENVELOPE_FIELDS = ['id', 'stream', 'revision', 'position', 'type', 'schemaVersion', 'data', 'metadata'];
const METADATA_FIELDS = ['recordedAt', 'actor', 'correlationId', 'causationId', 'prevHash', 'hash'];
const HASH = /^[0-9a-f]{64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses and checks the shape of one export line; throws an Error saying what is wrong. */
export function parseExportLine(line: string): RecordedEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new Error(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(value)) throw new Error('not a JSON object');
  const unknownField = Object.keys(value).find((key) => !ENVELOPE_FIELDS.includes(key));
  if (unknownField) throw new Error(`unexpected field "${unknownField}"`);
  const { id, stream, revision, position, type, schemaVersion, data, metadata } = value;
  if (typeof id !== 'string' || id === '') throw new Error('"id" must be a non-empty string');
  if (typeof stream !== 'string' || stream === '') throw new Error('"stream" must be a non-empty string');
  if (!Number.isSafeInteger(revision) || (revision as number) < 0) throw new Error('"revision" must be an integer >= 0');
  if (typeof position !== 'string' || !/^(0|[1-9][0-9]*)$/.test(position)) throw new Error('"position" must be a decimal string');
  if (typeof type !== 'string' || type === '') throw new Error('"type" must be a non-empty string');
  if (!Number.isSafeInteger(schemaVersion) || (schemaVersion as number) < 1) throw new Error('"schemaVersion" must be an integer >= 1');
  if (!isObject(data)) throw new Error('"data" must be a JSON object');
  if (!isObject(metadata)) throw new Error('"metadata" must be a JSON object');
  const unknownMetadata = Object.keys(metadata).find((key) => !METADATA_FIELDS.includes(key));
  if (unknownMetadata) throw new Error(`unexpected field "metadata.${unknownMetadata}"`);
  const { recordedAt, actor, correlationId, causationId, prevHash, hash } = metadata;
  for (const [name, field] of Object.entries({ recordedAt, actor, correlationId })) {
    if (typeof field !== 'string') throw new Error(`"metadata.${name}" must be a string`);
  }
  if (causationId !== null && typeof causationId !== 'string') throw new Error('"metadata.causationId" must be a string or null');
  if (typeof prevHash !== 'string' || !HASH.test(prevHash)) throw new Error('"metadata.prevHash" must be 64 hex digits');
  if (typeof hash !== 'string' || !HASH.test(hash)) throw new Error('"metadata.hash" must be 64 hex digits');
  return {
    id,
    stream,
    revision: revision as number,
    position,
    type,
    schemaVersion: schemaVersion as number,
    data,
    metadata: {
      recordedAt: recordedAt as string,
      actor: actor as string,
      correlationId: correlationId as string,
      causationId: causationId as string | null,
      prevHash,
      hash,
    },
  };
}
