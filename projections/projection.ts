import type { RecordedEvent } from '../src/event-store/event-store';
import type { DomainEvent } from '../src/shared/decider';

/**
 * What a read model may read of an event. A rebuild reads only these columns
 * of the log (not the stream, revision, correlation or hashes), so a reducer
 * that needs another field must be added here, and to the rebuild's read.
 */
export type ProjectedEvent = Pick<RecordedEvent, 'id' | 'position' | 'type' | 'data'> & {
  metadata: Pick<RecordedEvent['metadata'], 'recordedAt' | 'actor'>;
};

/**
 * An event of the union `E` as a reducer sees it: checking its `type` narrows
 * its `data`, so reducers read fields without casts. The runner feeds a
 * projection only the types it `handles`, which is what makes this sound.
 */
export type ProjectedOf<E extends DomainEvent> = E extends DomainEvent ? Omit<ProjectedEvent, 'type' | 'data'> & { readonly type: E['type']; readonly data: E['data'] } : never;

/** The events of a union whose type is one of `T`. */
export type EventOf<E extends DomainEvent, T extends E['type']> = ProjectedOf<Extract<E, { type: T }>>;

/**
 * A read model as pure data and functions. The runner feeds it every event of
 * the types it handles, in log order; `evolve` answers the new document for
 * the event's key, or null to delete it. No I/O, no clock: the same events
 * give the same documents, live, on a rebuild, or as of a past position.
 */
export interface Projection<Doc = unknown, E extends DomainEvent = DomainEvent> {
  readonly name: string;
  /** Bump when documents change shape or meaning: the runner rebuilds the read model. */
  readonly version: number;
  readonly handles: readonly E['type'][];
  /** A top-level string field its documents are listed in order of (ties by key), from an index of the live store. */
  readonly orderBy?: string;
  /** Keys of the documents an event touches (most events touch one). */
  keys(event: ProjectedOf<E>): string[];
  evolve(doc: Doc | null, event: ProjectedOf<E>): Doc | null;
}

/** Where an event came from, as read models cite it. */
export interface Source {
  position: string;
  eventId: string;
  recordedAt: string;
  actor: string;
}

export const sourceOf = (event: Pick<ProjectedEvent, 'id' | 'position' | 'metadata'>): Source => ({
  position: event.position,
  eventId: event.id,
  recordedAt: event.metadata.recordedAt,
  actor: event.metadata.actor,
});
