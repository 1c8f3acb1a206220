import type { AppendResult, RecordedEvent } from '../event-store';
import { checkExpectedRevision, isIdempotentRetry, sealEvent } from '../envelope';
import { GENESIS_HASH } from '../hash-chain';
import { conflict } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import { toRecordedEvent } from './event-rows';
import type { EventsTable } from './events-table';
import type { AppendRequest } from './group-commit';

/**
 * One append, inside its savepoint of a group commit. Event ids are unique in
 * the whole log (the table says so), so a retry is recognised by id alone: an
 * append whose events are all recorded where its expectation puts them is
 * answered with them, and any other overlap is a conflict. A fresh append is
 * checked against its expected revision and sealed after the stream's head.
 */
export function recordAppend(table: EventsTable, clock: Clock, { stream, events, expected }: AppendRequest): AppendResult {
  const found = events.map((e) => table.recordedAt(e.id));
  if (found.some(Boolean)) {
    if (!isIdempotentRetry(stream, expected, found)) {
      throw conflict(`some of these event ids are already recorded elsewhere in the log`, { stream });
    }
    const rows = table.rowsAt(found.map((f) => f!.position));
    return resultOf(stream, rows.map(toRecordedEvent));
  }
  const head = table.head(stream);
  checkExpectedRevision(stream, expected, head ? head.revision : -1);
  const recordedAt = clock.now().toISOString();
  let prevHash = head ? head.hash : GENESIS_HASH;
  let revision = head ? head.revision : -1;
  const recorded = events.map((event) => {
    revision += 1;
    const sealed = sealEvent(stream, revision, prevHash, recordedAt, event);
    prevHash = sealed.metadata.hash;
    return { ...sealed, position: String(table.insert(sealed, null)) };
  });
  return resultOf(stream, recorded);
}

function resultOf(stream: string, events: RecordedEvent[]): AppendResult {
  const last = events[events.length - 1];
  return { stream, revision: last.revision, position: last.position, events };
}
