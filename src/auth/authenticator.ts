import { DomainError } from '../shared/errors';
import type { Clock } from '../shared/clock';
import type { OidcVerifier } from './oidc-verifier';
import type { Principal } from './roles';
import type { TokenStore } from './token-store';

const BEARER = /^Bearer\s+(\S+)$/i;
/** A JWS in compact form: three base64url parts. Tokens of this service start with cfd_ and never look like one. */
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * Who sends a request: a bearer token of this service, or an access token
 * of the configured OpenID Connect provider. Refusals are DomainErrors (401,
 * 403 for a provider token naming no role, 503 when the provider's keys
 * cannot be read).
 */
export class Authenticator {
  constructor(
    private readonly tokens: TokenStore,
    private readonly oidc: OidcVerifier | null,
    private readonly clock: Clock,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = BEARER.exec(authorization ?? '');
    if (!match) throw new DomainError('unauthenticated', 'send Authorization: Bearer <token>');
    const now = this.clock.now();
    if (this.oidc && JWT.test(match[1])) return this.oidc.verify(match[1], now);
    const principal = this.tokens.authenticate(match[1], now);
    if (!principal) throw new DomainError('unauthenticated', 'the token is unknown, expired or revoked');
    return principal;
  }
}
