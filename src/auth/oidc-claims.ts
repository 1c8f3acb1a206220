import type { JWTPayload } from 'jose';
import { DomainError } from '../shared/errors';
import { SUBJECT_PATTERN } from '../people/people.commands';
import type { OidcConfig } from './oidc-config';
import { ROLES, type Principal, type Role } from './roles';

/** The most privileged first: a caller holding several roles acts with the strongest. */
const BY_PRIVILEGE: readonly Role[] = ['admin', 'compliance', 'auditor', 'metrics'];

/**
 * A claim by name, or by a dotted path into nested claims when no claim has
 * that exact name (Keycloak's `realm_access.roles`).
 */
function claim(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  return name.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/**
 * Who the verified access token names, and with which role. The role claim
 * may be a string or a list (providers list roles); values that are no role
 * of this service are ignored, and a token with none is refused (403): the
 * caller is known but may do nothing here.
 */
export function principalOfClaims(payload: JWTPayload, config: OidcConfig): Principal {
  const subject = claim(payload, config.subjectClaim);
  if (typeof subject !== 'string' || !SUBJECT_PATTERN.test(subject)) {
    throw new DomainError('unauthenticated', `the access token's ${config.subjectClaim} claim is missing or not a subject id (letters, digits, . _ @ -)`);
  }
  const value = claim(payload, config.roleClaim);
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const role = BY_PRIVILEGE.find((known) => values.includes(known));
  if (!role) {
    throw new DomainError('forbidden', `the access token's ${config.roleClaim} claim names no role of this service (${ROLES.join(', ')})`, {
      role: values.join(', ') || null,
      allowed: [...ROLES],
    });
  }
  return { subject, role, tokenId: `oidc:${subject}`, engagementId: null };
}
