import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DomainError } from '../shared/errors';
import type { OidcConfig } from './oidc-config';
import { principalOfClaims } from './oidc-claims';
import type { Principal } from './roles';

/** Signatures providers use for access tokens; never `none` nor a shared secret. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** Keys are fetched again after this long even when every key id is known, so a withdrawn key stops working. */
const KEYS_MAX_AGE_MS = 10 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;
/** Clocks of the provider and of this service may differ by this much. */
const CLOCK_TOLERANCE_SECONDS = 5;

const refused = (message: string) => new DomainError('unauthenticated', message);

/**
 * Verifies access tokens of the configured OpenID Connect provider with
 * jose: discovery once, then its JWKS, cached and fetched again when a token
 * names a key id it does not hold (the provider rotated its keys).
 * Signature, issuer, audience, expiry and not-before are checked.
 */
export class OidcVerifier {
  private keys: Promise<JWTVerifyGetKey> | null = null;

  constructor(private readonly config: OidcConfig) {}

  async verify(token: string, now: Date): Promise<Principal> {
    const keys = await this.keySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        currentDate: now,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw this.refusalOf(error);
    }
    return principalOfClaims(payload, this.config);
  }

  /** Discovery and key set, once; a failed discovery is tried again at the next sign-in. */
  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((error: unknown) => {
      this.keys = null;
      throw error;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const url = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const unavailable = (why: string) => new DomainError('unavailable', `the identity provider cannot be used to check this access token: ${why}`);
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const answer = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!answer.ok) throw unavailable(`${url} answered ${answer.status}`);
      document = (await answer.json()) as typeof document;
    } catch (error) {
      throw error instanceof DomainError ? error : unavailable(`${url} could not be read (${error instanceof Error ? error.message : String(error)})`);
    }
    // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
    if (document.issuer !== this.config.issuer) throw unavailable(`its discovery document names issuer ${String(document.issuer)}, not OIDC_ISSUER ${this.config.issuer}`);
    if (typeof document.jwks_uri !== 'string') throw unavailable('its discovery document has no jwks_uri');
    return createRemoteJWKSet(new URL(document.jwks_uri), {
      cooldownDuration: this.config.jwksCooldownSeconds * 1000,
      cacheMaxAge: KEYS_MAX_AGE_MS,
      timeoutDuration: FETCH_TIMEOUT_MS,
    });
  }

  private refusalOf(error: unknown): DomainError {
    if (error instanceof errors.JWTExpired) return refused(`the access token expired (exp ${String(error.payload.exp)})`);
    if (error instanceof errors.JWTClaimValidationFailed) return refused(`the access token's ${error.claim} claim is refused: ${error.reason === 'check_failed' ? error.message : error.reason}`);
    if (error instanceof errors.JWKSNoMatchingKey) return refused('the access token is signed with a key the identity provider does not publish');
    if (error instanceof errors.JWSSignatureVerificationFailed) return refused('the access token signature does not verify');
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return new DomainError('unavailable', 'the identity provider\'s keys cannot be read');
    if (error instanceof errors.JOSEAlgNotAllowed) return refused('the access token is signed with an algorithm that is not accepted');
    return refused('the bearer token is neither a token of this service nor a valid access token of the identity provider');
  }
}
