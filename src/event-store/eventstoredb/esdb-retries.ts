/**
 * Expected revisions on EventStoreDB, and recognising an append that is a retry
 * of one already recorded (idempotency by event id, which ESDB does not index).
 */
import { NO_STREAM } from '@eventstore/db-client';
import type { ExpectedRevision, NewEvent, RecordedEvent } from '../event-store';
import { isIdempotentRetry } from '../envelope';
import { conflict } from '../../shared/errors';

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
