import { createHash } from 'node:crypto';

/** Namespace of the name-based (v5) UUIDs that stand for Confiance ids that are not UUIDs. */
export const CONFIANCE_ID_NAMESPACE = 'f3faac2b-e358-4859-90e2-71752212fbb5';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 4122 §4.3 name-based UUID, version 5 (SHA-1). */
export function uuidV5(name: string, namespace: string): string {
  if (!UUID.test(namespace)) throw new Error(`namespace ${namespace} is not a UUID`);
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * EventStoreDB requires a UUID per event. A Confiance id that is a UUID is
 * used as it is (lower-cased, as the server returns it); any other id maps
 * deterministically to a v5 UUID, so a retry of the same id carries the same
 * ESDB event id. The original id always travels in the metadata (`id`) and is
 * what readers see.
 */
export function esdbEventId(id: string): string {
  return UUID.test(id) ? id.toLowerCase() : uuidV5(id, CONFIANCE_ID_NAMESPACE);
}
