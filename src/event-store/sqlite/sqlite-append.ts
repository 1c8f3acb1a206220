import type { AppendResult, RecordedEvent } from '../event-store';
import { checkExpectedRevision, isIdempotentRetry, sealAfter } from '../envelope';
import { conflict } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import { toRecordedEvent } from './event-rows';
import type { EventsTable } from './events-table';
import type { ClaimsTable } from './claims-table';
import type { AppendRequest } from './group-commit';

/**
 * One append, inside its savepoint of a group commit. Event ids are unique in
 * the whole log (the table says so), so a retry is recognised by id alone: an
 * append whose events are all recorded where its expectation puts them is
 * answered with them, and any other overlap is a conflict. A fresh append is
 * checked against its expected revision and sealed after the stream's head;
 * its Idempotency-Key claim, if any, is recorded in the same savepoint.
 */
export function recordAppend(table: EventsTable, claims: ClaimsTable, clock: Clock, { stream, events, expected, claim }: AppendRequest): AppendResult {
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
  const recorded = sealAfter(stream, head, recordedAt, events).map((sealed) => ({ ...sealed, position: String(table.insert(sealed, null)) }));
  const result = resultOf(stream, recorded);
  if (claim) claims.record(claim, result, recordedAt);
  return result;
}

function resultOf(stream: string, events: RecordedEvent[]): AppendResult {
  const last = events[events.length - 1];
  return { stream, revision: last.revision, position: last.position, events };
}
