import { NO_STREAM } from '@eventstore/db-client';
import type { NewEvent } from '../../../src/event-store/event-store';
import { judgeRetry, RETRY_WINDOW, retryWindow, toEsdbExpectedRevision } from '../../../src/event-store/eventstoredb/esdb-retries';
import { isDomainError } from '../../../src/shared/errors';
import { newEvent, storedStream } from './esdb-fixtures';

describe('EventStoreDB expected revisions and retries', () => {
  it('appends with the exact revision read; no event is no_stream', () => {
    expect(toEsdbExpectedRevision(-1)).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });

  it('looks for a retry where the expectation puts it', () => {
    // No stream: nothing to compare with.
    expect(retryWindow('no_stream', -1, 2)).toBeNull();
    expect(retryWindow('any', -1, 2)).toBeNull();
    // Exact expectations: the revisions right after the expected one, if the stream has moved past it.
    expect(retryWindow('no_stream', 1, 2)).toEqual({ fromRevision: 0, maxCount: 2 });
    expect(retryWindow(3, 9, 2)).toEqual({ fromRevision: 4, maxCount: 2 });
    expect(retryWindow(3, 4, 2)).toEqual({ fromRevision: 4, maxCount: 1 });
    expect(retryWindow(3, 3, 2)).toBeNull();
    expect(retryWindow(5, 3, 2)).toBeNull();
    // any / stream_exists: the tail of the stream, with room for events appended after the retried ones.
    expect(retryWindow('any', 1, 2)).toEqual({ fromRevision: 0, maxCount: 2 });
    expect(retryWindow('stream_exists', 10_000, 3)).toEqual({ fromRevision: 10_000 - (3 + RETRY_WINDOW) + 1, maxCount: 3 + RETRY_WINDOW });
  });

  it('recognises a retry of the same ids at the implied revisions as an idempotent success', () => {
    const { recorded } = storedStream('audit-1', ['a', 'b', 'c']);
    expect(judgeRetry('audit-1', 'no_stream', [newEvent('a'), newEvent('b')], recorded)).toEqual(recorded.slice(0, 2));
    expect(judgeRetry('audit-1', 0, [newEvent('b'), newEvent('c')], recorded.slice(1))).toEqual(recorded.slice(1));
    expect(judgeRetry('audit-1', 'any', [newEvent('b'), newEvent('c')], recorded)).toEqual(recorded.slice(1));
    expect(judgeRetry('audit-1', 'stream_exists', [newEvent('c')], recorded)).toEqual(recorded.slice(2));
  });

  it('finds a fresh append when none of its ids is recorded', () => {
    const { recorded } = storedStream('audit-1', ['a', 'b']);
    expect(judgeRetry('audit-1', 'any', [newEvent('x'), newEvent('y')], recorded)).toBeNull();
    expect(judgeRetry('audit-1', 'any', [newEvent('x')], [])).toBeNull();
  });

  it('calls a partial overlap or a reordering a conflict', () => {
    const { recorded } = storedStream('audit-1', ['a', 'b']);
    const attempts: [string, NewEvent[]][] = [
      ['an old id followed by a new one', [newEvent('b'), newEvent('new')]],
      ['a new id followed by an old one', [newEvent('new'), newEvent('a')]],
      ['old ids out of order', [newEvent('b'), newEvent('a')]],
    ];
    for (const [, events] of attempts) {
      let error: unknown = null;
      try {
        judgeRetry('audit-1', 'any', events, recorded);
      } catch (e) {
        error = e;
      }
      expect(isDomainError(error, 'conflict')).toBe(true);
    }
    // The ids are there, but not at the revisions the exact expectation implies.
    expect(() => judgeRetry('audit-1', 1, [newEvent('a')], recorded)).toThrow(/already recorded/);
  });
});
