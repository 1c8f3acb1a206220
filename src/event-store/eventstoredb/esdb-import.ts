import type { EventStoreDBClient } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store';
import { importBreak, type StreamHead } from '../import';
import { DomainError } from '../../shared/errors';
import { toDomainError } from './esdb-connection';
import { toEsdbEvent } from './esdb-mapping';
import { toEsdbExpectedRevision } from './esdb-retries';
import type { EsdbStreamReads } from './esdb-stream-reads';
import type { StreamLocks } from './stream-locks';

/** Import writes at most this many events, and about this many bytes, per append. */
const IMPORT_EVENTS_PER_APPEND = 500;
const IMPORT_BYTES_PER_APPEND = 512 * 1024;

/**
 * Appends events sealed in another store, in the given (global) order. Each
 * run of consecutive events of one stream is one append at the exact
 * revision before it, after checking that it continues the chain the server
 * holds. ESDB assigns new positions; it has no multi-stream transaction, so
 * a broken event stops the import there.
 */
export async function importIntoEventStoreDb(
  client: EventStoreDBClient,
  streams: EsdbStreamReads,
  locks: StreamLocks,
  events: readonly RecordedEvent[],
): Promise<void> {
  const heads = new Map<string, StreamHead | null>();
  let i = 0;
  while (i < events.length) {
    const stream = events[i].stream;
    let head = heads.has(stream) ? heads.get(stream)! : await streams.head(stream);
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
    await locks.run(stream, async () => {
      try {
        await client.appendToStream(stream, run.map(toEsdbEvent), { expectedRevision: toEsdbExpectedRevision(first - 1) });
      } catch (error) {
        throw toDomainError(error, `importing into ${stream}`);
      }
    });
    heads.set(stream, head);
  }
}
