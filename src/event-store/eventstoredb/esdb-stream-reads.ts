import { BACKWARDS, END, FORWARDS, type EventStoreDBClient, type ResolvedEvent, type StreamingRead } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store';
import type { StreamHead } from '../import';
import { isStreamNotFound, toDomainError } from './esdb-connection';
import { decodeRecordedEvent } from './esdb-mapping';
import { encodePosition } from './esdb-positions';

/** Events per gRPC read call; reads are chained call after call, so memory stays bounded. */
export const READ_BATCH = 1000;

/**
 * The client re-emits gRPC errors on its readable by hand; one arriving after
 * the iteration ended (a read cut short, then cancelled) would have no listener
 * and crash the process. Errors during the iteration still reach it.
 */
export function guarded<T extends NodeJS.EventEmitter>(stream: T): T {
  stream.on('error', () => undefined);
  return stream;
}

/** Reads of one stream; a stream that does not exist reads as empty. */
export class EsdbStreamReads {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly assertOpen: () => void,
  ) {}

  /**
   * The stream's last event as revision and hash, or null when the stream does
   * not exist. Read on the leader (as are all reads of the append path), where
   * every acknowledged write is visible, whatever the connection's node preference.
   */
  async head(stream: string): Promise<StreamHead | null> {
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

  /** Up to `maxCount` events from `fromRevision` on, in READ_BATCH calls. */
  async *range(stream: string, fromRevision: number, maxCount: number, requiresLeader = false): AsyncGenerator<RecordedEvent> {
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
}
