import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata, RecordedEvent } from './event-store';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed part of an event: everything but its position (assigned by the backend) and its own hash. */
export type HashedContent = Omit<RecordedEvent, 'position' | 'metadata'> & {
  metadata: Omit<EventMetadata, 'hash'>;
};

/** hash = sha256(prevHash + RFC 8785 canonical JSON of the event without its hash). */
export function eventHash(content: HashedContent): string {
  const json = canonicalize(content);
  if (json === undefined) throw new Error(`event ${content.id} cannot be canonicalised`);
  return createHash('sha256').update(content.metadata.prevHash).update(json).digest('hex');
}

export function hashedContentOf(event: RecordedEvent): HashedContent {
  const { position: _position, metadata, ...rest } = event;
  const { hash: _hash, ...unhashed } = metadata;
  return { ...rest, metadata: unhashed };
}

/** The last event of a stream as a store holds it, or undefined for a new stream. */
export interface StreamHead {
  revision: number;
  hash: string;
}

/**
 * Why `event` cannot follow `head` in its stream's chain, or null when it
 * can: the one wording of a broken chain, for `verify`, `/integrity` and
 * `import` alike.
 */
export function chainBreak(head: StreamHead | undefined, event: RecordedEvent): string | null {
  const expectedRevision = head ? head.revision + 1 : 0;
  if (event.revision !== expectedRevision) {
    return `revision ${event.revision} cannot follow ${head ? `revision ${head.revision}` : 'an empty stream'}`;
  }
  if (event.metadata.prevHash !== (head ? head.hash : GENESIS_HASH)) {
    return 'prevHash does not match the hash of the previous event of the stream';
  }
  if (eventHash(hashedContentOf(event)) !== event.metadata.hash) return 'content does not match its recorded hash';
  return null;
}

export interface ChainBreak {
  stream: string;
  revision: number;
  position: string;
  reason: string;
}

/**
 * Follows the chains of every stream through the log in global order, keeping
 * only each stream's last hash in memory.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, StreamHead>();
  events = 0;

  /** Returns why the event breaks its stream's chain, or null when it is sound. */
  check(event: RecordedEvent): ChainBreak | null {
    this.events += 1;
    const reason = chainBreak(this.heads.get(event.stream), event);
    this.heads.set(event.stream, { revision: event.revision, hash: event.metadata.hash });
    return reason === null ? null : { stream: event.stream, revision: event.revision, position: event.position, reason };
  }

  get streams(): number {
    return this.heads.size;
  }

  /** Head hash per stream, e.g. for a dossier manifest. */
  headHashes(): Record<string, string> {
    return Object.fromEntries([...this.heads].map(([stream, head]) => [stream, head.hash]));
  }
}
