import { UnreadableEventError, type RecordedEvent } from '../event-store';

/** One row of the `events` table. */
export interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  recorded_at: string;
  actor: string;
  correlation_id: string;
  causation_id: string | null;
  prev_hash: string;
  hash: string;
}

export const EVENT_COLUMNS =
  'position, id, stream, revision, type, schema_version, data, recorded_at, actor, correlation_id, causation_id, prev_hash, hash';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const position = String(row.position);
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(row.data) as Record<string, unknown>;
  } catch (error) {
    throw new UnreadableEventError({ stream: row.stream, revision: row.revision, position }, error);
  }
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position,
    type: row.type,
    schemaVersion: row.schema_version,
    data,
    metadata: {
      recordedAt: row.recorded_at,
      actor: row.actor,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      prevHash: row.prev_hash,
      hash: row.hash,
    },
  };
}
