import type { RecordedEvent } from '../src/event-store/event-store';

/**
 * What a read model may read of an event. A rebuild reads only these columns
 * of the log (not the stream, revision, correlation or hashes), so a reducer
 * that needs another field must be added here, and to the rebuild's read.
 */
export type ProjectedEvent = Pick<RecordedEvent, 'id' | 'position' | 'type' | 'data'> & {
  metadata: Pick<RecordedEvent['metadata'], 'recordedAt' | 'actor'>;
};

/**
 * A read model as pure data and functions. The runner feeds it every event of
 * the types it handles, in log order; `evolve` answers the new document for
 * the event's key, or null to delete it. No I/O, no clock: the same events
 * give the same documents, live, on a rebuild, or as of a past position.
 */
export interface Projection<Doc = unknown> {
  readonly name: string;
  /** Bump when documents change shape or meaning: the runner rebuilds the read model. */
  readonly version: number;
  readonly handles: readonly string[];
  /** A top-level string field its documents are listed in order of (ties by key), from an index of the live store. */
  readonly orderBy?: string;
  /** Keys of the documents an event touches (most events touch one). */
  keys(event: ProjectedEvent): string[];
  evolve(doc: Doc | null, event: ProjectedEvent): Doc | null;
}

/** Where an event came from, as read models cite it. */
export interface Source {
  position: string;
  eventId: string;
  recordedAt: string;
  actor: string;
}

export const sourceOf = (event: ProjectedEvent): Source => ({
  position: event.position,
  eventId: event.id,
  recordedAt: event.metadata.recordedAt,
  actor: event.metadata.actor,
});

/** Typed access to an event's data in a reducer (events are plain JSON). */
export const dataOf = <T>(event: ProjectedEvent): T => event.data as unknown as T;
