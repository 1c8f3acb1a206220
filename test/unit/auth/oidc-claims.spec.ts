import { principalOfClaims } from '../../../src/auth/oidc-claims';
import type { OidcConfig } from '../../../src/auth/oidc-config';
import { DomainError } from '../../../src/shared/errors';

const config: OidcConfig = { issuer: 'https://sso.example.com', audience: 'api', roleClaim: 'confiance_role', subjectClaim: 'sub', jwksCooldownSeconds: 30, webClientId: null };
const keycloak: OidcConfig = { ...config, roleClaim: 'realm_access.roles', subjectClaim: 'preferred_username' };

const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('not refused');
};

describe('OIDC claims: who calls and with which role', () => {
  it('takes the role claim and the subject claim', () => {
    expect(principalOfClaims({ sub: 'claire', confiance_role: 'compliance' }, config)).toEqual({ subject: 'claire', role: 'compliance', tokenId: 'oidc:claire', engagementId: null });
  });

  it("reads Keycloak's nested role list, keeping the most privileged role it knows", () => {
    const claims = { sub: 'f3a1-uuid', preferred_username: 'paul.passi', realm_access: { roles: ['offline_access', 'auditor', 'compliance'] } };
    expect(principalOfClaims(claims, keycloak)).toMatchObject({ subject: 'paul.passi', role: 'compliance' });
  });

  it('refuses a role claim naming no role of the service with 403, and a missing or malformed subject with 401', () => {
    expect(refusal(() => principalOfClaims({ sub: 'eve', confiance_role: 'superuser' }, config))).toMatchObject({ kind: 'forbidden', details: { role: 'superuser' } });
    expect(refusal(() => principalOfClaims({ sub: 'eve' }, config)).kind).toBe('forbidden');
    expect(refusal(() => principalOfClaims({ confiance_role: 'admin' }, config)).kind).toBe('unauthenticated');
    expect(refusal(() => principalOfClaims({ sub: 'Eve Intruder', confiance_role: 'admin' }, config)).message).toMatch(/sub claim/);
  });
});
