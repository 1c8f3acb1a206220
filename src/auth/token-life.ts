import type { Role } from './roles';

/** Tokens last 90 days unless their creator says otherwise; at most ten years. */
export const DEFAULT_EXPIRY_DAYS = 90;
export const MAX_EXPIRY_DAYS = 3650;
/** A rotated token keeps working this long by default, so clients can switch over. */
export const DEFAULT_GRACE_HOURS = 24;
export const MAX_GRACE_HOURS = 24 * 30;
/** Last use is written at most this often per token: a request must not cost a write. */
export const LAST_USE_RESOLUTION_MS = 60_000;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * `active`; `retiring` once rotated and inside its grace period; `revoked`
 * or `expired` once refused.
 */
export type TokenStatus = 'active' | 'retiring' | 'revoked' | 'expired';

/** What a token list shows: never the secret nor its hash. */
export interface TokenRecord {
  id: string;
  name: string | null;
  subject: string;
  role: Role;
  engagementId: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  replacedBy: string | null;
}

export const expiryAfter = (now: Date, days: number): Date => new Date(now.getTime() + days * DAY_MS);
export const graceEnd = (now: Date, hours: number): Date => new Date(now.getTime() + hours * HOUR_MS);

/** Whether a token with these instants lets a request through at `now`. */
export function isValidAt(expiresAt: string, revokedAt: string | null, now: Date): boolean {
  const at = now.getTime();
  return Date.parse(expiresAt) > at && (revokedAt === null || Date.parse(revokedAt) > at);
}

export function statusOf(token: Pick<TokenRecord, 'expiresAt' | 'revokedAt'>, now: Date): TokenStatus {
  const at = now.getTime();
  if (token.revokedAt !== null && Date.parse(token.revokedAt) <= at) return 'revoked';
  if (Date.parse(token.expiresAt) <= at) return 'expired';
  return token.revokedAt === null ? 'active' : 'retiring';
}

/** Why a whole number of days or hours is refused, or null when it is fine. */
export function outOfRange(value: number, max: number): string | null {
  return Number.isInteger(value) && value >= 0 && value <= max ? null : `must be a whole number from 0 to ${max}`;
}
