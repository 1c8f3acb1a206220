import { BACKWARDS, END, FORWARDS, START, type AllStreamResolvedEvent, type EventStoreDBClient, type ReadPosition } from '@eventstore/db-client';
import type { Position, ReadAllOptions, RecordedEvent } from '../event-store';
import { toDomainError } from './esdb-connection';
import { decodeRecordedEvent, isSystemRecord, matchesMetadataFilter, matchesReadFilter } from './esdb-mapping';
import { decodePosition, encodeAllPosition } from './esdb-positions';
import { guarded, READ_BATCH } from './esdb-stream-reads';

/** Events per backward read call while looking for the last event of ours. */
const HEAD_PAGE = 100;

/** What a page's `select` returns to end the read there. */
const STOP = Symbol('stop');

type Direction = typeof FORWARDS | typeof BACKWARDS;

interface LazyEvent {
  position: Position;
  system: boolean;
  record: { type: string; stream: string };
  decode: () => RecordedEvent;
}

/**
 * Reads of `$all`, skipping the server's system events. Client 6.x sends no
 * filter with `readAll`, so the `types`/`categories` filters apply here, on
 * each event's type and stream before it is decoded.
 */
export class EsdbAllReads {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly assertOpen: () => void,
  ) {}

  async *read(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const batchSize = Math.max(1, options.batchSize ?? READ_BATCH);
    const upTo = options.toPosition === undefined ? null : decodePosition(options.toPosition).prepare;
    const from: ReadPosition = options.fromPosition === undefined ? START : decodePosition(options.fromPosition);
    yield* this.pages(FORWARDS, from, batchSize, 'reading $all', (event) => {
      if (upTo !== null && BigInt(event.position) > upTo) return STOP;
      if (event.system || !matchesReadFilter(event.record, options)) return undefined;
      const decoded = event.decode();
      return matchesMetadataFilter(decoded, options) ? decoded : undefined;
    });
  }

  /** The last non-system event of `$all`, read backwards past any trailing system events. */
  async headPosition(): Promise<Position | null> {
    this.assertOpen();
    const positions = this.pages(BACKWARDS, END, HEAD_PAGE, 'reading the head of $all', (event) => (event.system ? undefined : event.position));
    for await (const position of positions) return position; // leaving early cancels the read call
    return null;
  }

  /**
   * Pages through `$all` from `from`, call after call, and yields what `select`
   * makes of each event (nothing for undefined; STOP ends the read). A page
   * resumes at the last event seen, since positions are inclusive, and skips
   * it again; after the first page a forward read asks for one more event to
   * make up for it. Decoding happens in `select`, inside the call's error
   * handling, so a read left early is cancelled and a failed one is not.
   */
  private async *pages<T>(
    direction: Direction,
    from: ReadPosition,
    pageSize: number,
    doing: string,
    select: (event: LazyEvent) => T | undefined | typeof STOP,
  ): AsyncGenerator<T> {
    let last: bigint | null = null;
    for (;;) {
      const maxCount = pageSize + (last !== null && direction === FORWARDS ? 1 : 0);
      const read = guarded(this.client.readAll({ fromPosition: from, direction, maxCount }));
      let received = 0;
      let finished = false;
      try {
        for await (const resolved of read) {
          received += 1;
          const event = decodeLazily(resolved);
          if (!event) continue;
          const at = BigInt(event.position);
          if (last !== null && (direction === FORWARDS ? at <= last : at >= last)) continue;
          const selected = select(event);
          if (selected === STOP) return;
          last = at;
          if (selected !== undefined) yield selected;
        }
        finished = true;
      } catch (error) {
        finished = true;
        throw toDomainError(error, doing);
      } finally {
        if (!finished) void read.cancel(); // the consumer stopped early: end the call instead of leaving it open
      }
      if (received < maxCount || last === null) return;
      from = { commit: last, prepare: last };
    }
  }
}

/** Position and lazy decoding of one `$all` event; system events are flagged, never decoded. */
function decodeLazily(resolved: AllStreamResolvedEvent): LazyEvent | null {
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
