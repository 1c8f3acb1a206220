import { loneSurrogatePath } from '../shared/unicode';
import type { EventStore, RecordedEvent } from './event-store';

/** A stored event that a strict RFC 8785 verifier cannot check, and the field that makes it so. */
export interface NonPortableEvent {
  event: Pick<RecordedEvent, 'id' | 'stream' | 'revision' | 'position'>;
  field: string;
}

/**
 * Events that hold a lone UTF-16 surrogate, in global order. Our chain
 * hashes them (JSON escapes the surrogate), but such a string has no UTF-8
 * form, so a verifier that canonicalises strictly (RFC 8785 over UTF-8)
 * refuses them: the log is then not checkable by tools we did not write.
 * The HTTP layer refuses them now; this names any recorded before.
 */
export async function findNonPortableEvents(store: EventStore): Promise<NonPortableEvent[]> {
  const found: NonPortableEvent[] = [];
  for await (const event of store.readAll({ batchSize: 2000 })) {
    const { id, stream, revision, position, type, data, metadata } = event;
    let field: string | null;
    try {
      field = loneSurrogatePath({ type, data, metadata });
    } catch {
      field = 'data (nested too deep to locate the field)';
    }
    if (field !== null) found.push({ event: { id, stream, revision, position }, field });
  }
  return found;
}

export const describeNonPortable = ({ event, field }: NonPortableEvent) =>
  `${event.stream} revision ${event.revision} (position ${event.position}, event ${event.id}): ${field} holds a lone UTF-16 surrogate; a strict RFC 8785 verifier cannot check this event`;
