import type { ExpectedRevision, NewEvent, RecordedEvent } from './event-store';
import { conflict, DomainError } from '../shared/errors';
import { eventHash, GENESIS_HASH, type HashedContent, type StreamHead } from './hash-chain';

/** Seals a new event into the chain of its stream: metadata and hash, without a position yet. */
export function sealEvent(
  stream: string,
  revision: number,
  prevHash: string,
  recordedAt: string,
  event: NewEvent,
): Omit<RecordedEvent, 'position'> {
  const content: HashedContent = {
    id: event.id,
    stream,
    revision,
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    data: event.data,
    metadata: {
      recordedAt,
      actor: event.actor,
      correlationId: event.correlationId,
      causationId: event.causationId ?? null,
      prevHash,
    },
  };
  return { ...content, metadata: { ...content.metadata, hash: eventHash(content) } };
}

/** Seals new events one after the other after the stream's head (undefined: a new stream), as every adapter appends them. */
export function sealAfter(
  stream: string,
  head: StreamHead | undefined,
  recordedAt: string,
  events: readonly NewEvent[],
): Omit<RecordedEvent, 'position'>[] {
  let prevHash = head ? head.hash : GENESIS_HASH;
  const first = head ? head.revision + 1 : 0;
  return events.map((event, i) => {
    const sealed = sealEvent(stream, first + i, prevHash, recordedAt, event);
    prevHash = sealed.metadata.hash;
    return sealed;
  });
}

/** Checks an expected revision against the stream's current revision (-1: no stream). */
export function checkExpectedRevision(stream: string, expected: ExpectedRevision, current: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1) ||
    (expected === 'stream_exists' && current >= 0) ||
    expected === current;
  if (!ok) {
    throw conflict(`stream ${stream} is at revision ${current === -1 ? 'none' : current}, expected ${expected}`, {
      stream,
      expected,
      actual: current === -1 ? null : current,
    });
  }
}

/**
 * An append whose events are already in the stream is a retry. It is an
 * idempotent success when all of them sit, in order, at the revisions the
 * expectation implies; anything else is a conflict.
 */
export function isIdempotentRetry(
  stream: string,
  expected: ExpectedRevision,
  found: readonly ({ stream: string; revision: number } | undefined)[],
): boolean {
  const first = found[0];
  if (!first || first.stream !== stream) return false;
  const consecutive = found.every((hit, i) => hit?.stream === stream && hit.revision === first.revision + i);
  const compatible =
    expected === 'any' ||
    expected === 'stream_exists' ||
    (expected === 'no_stream' && first.revision === 0) ||
    expected === first.revision - 1;
  return consecutive && compatible;
}

export function validateNewEvents(stream: string, events: readonly NewEvent[]): void {
  if (!/^[A-Za-z0-9][\w.:-]*$/.test(stream)) {
    throw new DomainError('validation', `invalid stream name: ${stream}`);
  }
  if (events.length === 0) throw new DomainError('validation', 'an append needs at least one event');
  const ids = new Set(events.map((e) => e.id));
  if (ids.size !== events.length) throw new DomainError('validation', 'event ids repeat within one append');
}
