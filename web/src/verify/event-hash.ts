import canonicalize from 'canonicalize';
import { sha256, toHex, utf8 } from './bytes';

/**
 * An exported event's hash recomputed: SHA-256 of its prevHash followed by
 * the RFC 8785 canonical JSON of the event without its position and hash.
 */
export async function recomputedHash(event: Record<string, unknown>): Promise<string> {
  const { position: _position, metadata, ...rest } = event;
  const { hash: _hash, ...unhashed } = (metadata ?? {}) as Record<string, unknown>;
  const json = canonicalize({ ...rest, metadata: unhashed });
  if (json === undefined || typeof unhashed.prevHash !== 'string') throw new Error('the event cannot be canonicalised');
  return toHex(await sha256(utf8(unhashed.prevHash), utf8(json)));
}
