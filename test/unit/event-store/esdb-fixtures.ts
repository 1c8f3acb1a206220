import type { NewEvent, RecordedEvent } from '../../../src/event-store/event-store';
import { sealEvent } from '../../../src/event-store/envelope';
import { GENESIS_HASH } from '../../../src/event-store/hash-chain';
import { decodeRecordedEvent, toEsdbEvent, type EsdbRecord } from '../../../src/event-store/eventstoredb/esdb-mapping';
import { encodeAllPosition } from '../../../src/event-store/eventstoredb/esdb-positions';

export const newEvent = (id: string, data: Record<string, unknown> = { n: 1 }, causationId: string | null = null): NewEvent => ({
  id,
  type: 'CheckRecorded',
  data,
  actor: 'subject-alice',
  correlationId: 'corr-1',
  causationId,
});

/** A stream sealed as the adapter seals it, then stored and read back the way the client returns ESDB records. */
export function storedStream(stream: string, ids: string[], firstPosition = 1000n): { recorded: RecordedEvent[]; records: EsdbRecord[] } {
  let prevHash = GENESIS_HASH;
  const records: EsdbRecord[] = [];
  const recorded: RecordedEvent[] = [];
  ids.forEach((id, revision) => {
    const sealed = sealEvent(stream, revision, prevHash, '2025-03-01T10:00:00.000Z', newEvent(id, { n: revision, note: 'é – 検査', nested: { ok: true } }));
    prevHash = sealed.metadata.hash;
    const written = toEsdbEvent(sealed);
    const position = firstPosition + BigInt(revision) * 250n;
    // What the server gives back: the JSON bytes parsed again by the client, the id as a lower-case UUID.
    const record: EsdbRecord = {
      streamId: stream,
      id: written.id,
      revision: BigInt(revision),
      type: written.type,
      isJson: true,
      data: JSON.parse(JSON.stringify(written.data)),
      metadata: JSON.parse(JSON.stringify(written.metadata)),
      position: { commit: position, prepare: position },
    };
    records.push(record);
    recorded.push(decodeRecordedEvent(record, encodeAllPosition(record.position, 'test')));
  });
  return { recorded, records };
}
