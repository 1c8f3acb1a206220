import { randomUUID } from 'node:crypto';
import type { EventStore } from '../event-store/event-store';
import type { Rotation } from './token-store';
import type { TokenRecord } from './token-life';

/** Who changed access and under which correlation: the CLI is `system:cli`, HTTP routes name the admin's subject. */
export interface AccessActor {
  actor: string;
  correlationId: string;
}

/** `hash` is the token's SHA-256, never the token: with it, the log can rebuild the registry's tokens. */
type Issue = Pick<TokenRecord, 'subject' | 'role' | 'name' | 'expiresAt' | 'engagementId'> & { tokenId: string; hash: string; rotates?: string };

const event = (type: string, data: Record<string, unknown>, by: AccessActor) => ({ id: randomUUID(), type, data, actor: by.actor, correlationId: by.correlationId });

/**
 * Token issue, rotation and revocation are recorded in the log, without the
 * secret, so changes of access are auditable (stream `token-<id>`).
 */
export async function recordIssue(store: EventStore, issue: Issue, by: AccessActor): Promise<void> {
  const { tokenId, rotates, ...rest } = issue;
  await store.append(`token-${tokenId}`, [event('TokenIssued', { tokenId, ...rest, ...(rotates ? { rotates } : {}) }, by)], 'any');
}

export async function recordRevocation(store: EventStore, tokenId: string, effectiveAt: string, by: AccessActor, replacedBy?: string): Promise<void> {
  await store.append(`token-${tokenId}`, [event('TokenRevoked', { tokenId, effectiveAt, ...(replacedBy ? { replacedBy } : {}) }, by)], 'any');
}

/** Both facts of a rotation: the new token issued, the old one revoked at the end of its grace period. */
export async function recordRotation(store: EventStore, old: TokenRecord, rotation: Rotation, by: AccessActor): Promise<void> {
  const { issued, replaced } = rotation;
  await recordIssue(store, { tokenId: issued.id, hash: issued.hash, subject: old.subject, role: old.role, name: old.name, expiresAt: issued.expiresAt, engagementId: old.engagementId, rotates: old.id }, by);
  await recordRevocation(store, old.id, replaced.revokedAt, by, issued.id);
}
