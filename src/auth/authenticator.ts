import { DomainError } from '../shared/errors';
import type { Clock } from '../shared/clock';
import type { OidcVerifier } from './oidc-verifier';
import type { Principal } from './roles';
import type { TokenStore } from './token-store';
import type { AccessFollower } from './access-follower';
import { signInEngagement, type EngagementDirectory } from './engagement-policy';

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
    private readonly follower: AccessFollower | null = null,
    private readonly engagements: EngagementDirectory | null = null,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = BEARER.exec(authorization ?? '');
    if (!match) throw new DomainError('unauthenticated', 'send Authorization: Bearer <token>');
    const now = this.clock.now();
    if (this.oidc && JWT.test(match[1])) return this.bound(await this.oidc.verify(match[1], now), now);
    let principal = this.tokens.authenticate(match[1], now);
    if (!principal && this.follower) {
      // Perhaps issued through another instance a moment ago: take in the log's latest token events, then look again.
      await this.follower.catchUp();
      principal = this.tokens.authenticate(match[1], now);
    }
    if (!principal) throw new DomainError('unauthenticated', 'the token is unknown, expired or revoked');
    return principal;
  }

  /** A provider-signed auditor named by an engagement is bound to it, as an engagement token is. */
  private async bound(principal: Principal, now: Date): Promise<Principal> {
    if (principal.role !== 'auditor' || !this.engagements) return principal;
    const engagementId = signInEngagement(await this.engagements.engagementsOf(principal.subject), now);
    return engagementId === null ? principal : { ...principal, engagementId };
  }
}
