import type { Role } from './roles';
import { DEFAULT_EXPIRY_DAYS, expiryAfter } from './token-life';

/** A token row as the log's events describe it: everything but last use. */
export interface TokenFact {
  id: string;
  hash: string;
  subject: string;
  role: Role;
  name: string | null;
  engagementId: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  replacedBy: string | null;
}

export interface AccessEvent {
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
}

export interface TokenFacts {
  tokens: TokenFact[];
  /** Tokens issued before their hash was recorded: the log cannot bring them back. */
  withoutHash: string[];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Folds TokenIssued and TokenRevoked events, in log order, into token rows
 * (decision 0032): the registry's tokens can be rebuilt from the log, since
 * each TokenIssued carries the token's SHA-256 (never the token).
 */
export function tokensFromEvents(events: Iterable<AccessEvent>): TokenFacts {
  const tokens = new Map<string, TokenFact>();
  const withoutHash: string[] = [];
  for (const { type, data, recordedAt } of events) {
    const id = text(data.tokenId);
    if (id === null) continue;
    if (type === 'TokenIssued') {
      const hash = text(data.hash);
      if (hash === null) {
        withoutHash.push(id);
        continue;
      }
      const expiresAt = text(data.expiresAt) ?? expiryAfter(new Date(recordedAt), DEFAULT_EXPIRY_DAYS).toISOString();
      tokens.set(id, {
        id,
        hash,
        subject: String(data.subject),
        role: data.role as Role,
        name: text(data.name),
        engagementId: text(data.engagementId),
        createdAt: recordedAt,
        expiresAt,
        revokedAt: null,
        replacedBy: null,
      });
    } else if (type === 'TokenRevoked') {
      const token = tokens.get(id);
      if (!token) continue;
      const effectiveAt = text(data.effectiveAt) ?? recordedAt;
      // A revocation never moves later, as in the registry.
      token.revokedAt = token.revokedAt !== null && token.revokedAt < effectiveAt ? token.revokedAt : effectiveAt;
      token.replacedBy = text(data.replacedBy) ?? token.replacedBy;
    }
  }
  return { tokens: [...tokens.values()], withoutHash };
}

/** One change of the access tables, as a single event of the log makes it. */
export type AccessChange =
  | { kind: 'issued'; token: TokenFact }
  | { kind: 'revoked'; id: string; effectiveAt: string; replacedBy: string | null };

/** What one token event changes in the access tables; null for events that change nothing there (tokens without a hash). */
export function accessChangeOf(event: AccessEvent): AccessChange | null {
  if (event.type === 'TokenIssued') {
    const [token] = tokensFromEvents([event]).tokens;
    return token ? { kind: 'issued', token } : null;
  }
  const id = text(event.data.tokenId);
  if (event.type !== 'TokenRevoked' || id === null) return null;
  return { kind: 'revoked', id, effectiveAt: text(event.data.effectiveAt) ?? event.recordedAt, replacedBy: text(event.data.replacedBy) };
}
