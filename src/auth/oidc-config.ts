/** Sign-in with an OpenID Connect provider (decision 0033): who issues access tokens, for whom, and which claims say who and what. */
export interface OidcConfig {
  /** The provider's issuer URL, exactly as its discovery document and tokens state it. */
  issuer: string;
  /** The `aud` access tokens must carry: this service's identifier at the provider. */
  audience: string;
  /** The claim naming the caller's role (admin, compliance, auditor, metrics). */
  roleClaim: string;
  /** The claim that becomes the subject id, the actor of the caller's commands. */
  subjectClaim: string;
  /** Least time between two fetches of the provider's keys triggered by an unknown key id. */
  jwksCooldownSeconds: number;
  /** The web app's public client id at the provider (authorization code with PKCE); null: no single sign-on button. */
  webClientId: string | null;
}

type ConfigErrorOf = (variable: string, message: string) => Error;

/** Claim names as JSON object keys: letters, digits and `_ - . : /` (namespaced claims are URLs). */
const CLAIM = /^[\w.:/-]{1,200}$/;

/** Null when OIDC_ISSUER is not set: bearer tokens only. */
export function loadOidcConfig(env: NodeJS.ProcessEnv, error: ConfigErrorOf): OidcConfig | null {
  const issuer = env.OIDC_ISSUER || null;
  if (issuer === null) {
    if (env.OIDC_AUDIENCE) throw error('OIDC_ISSUER', 'is required when OIDC_AUDIENCE is set');
    if (env.OIDC_WEB_CLIENT_ID) throw error('OIDC_ISSUER', 'is required when OIDC_WEB_CLIENT_ID is set');
    return null;
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw error('OIDC_ISSUER', `must be the provider's issuer URL, e.g. https://sso.example.com/realms/confiance, got "${issuer}"`);
  }
  if (url.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    throw error('OIDC_ISSUER', `must be an https URL (http only on localhost), got "${issuer}"`);
  }
  const audience = env.OIDC_AUDIENCE || null;
  if (audience === null) throw error('OIDC_AUDIENCE', 'is required when OIDC_ISSUER is set: the audience access tokens are issued for');
  const roleClaim = env.OIDC_ROLE_CLAIM || 'confiance_role';
  if (!CLAIM.test(roleClaim)) throw error('OIDC_ROLE_CLAIM', `must be a claim name, got "${roleClaim}"`);
  const subjectClaim = env.OIDC_SUBJECT_CLAIM || 'sub';
  if (!CLAIM.test(subjectClaim)) throw error('OIDC_SUBJECT_CLAIM', `must be a claim name, got "${subjectClaim}"`);
  const cooldown = env.OIDC_JWKS_COOLDOWN_SECONDS;
  const jwksCooldownSeconds = cooldown === undefined || cooldown === '' ? 30 : Number(cooldown);
  if (!Number.isInteger(jwksCooldownSeconds) || jwksCooldownSeconds < 0) {
    throw error('OIDC_JWKS_COOLDOWN_SECONDS', `must be a non-negative integer, got "${cooldown}"`);
  }
  const webClientId = env.OIDC_WEB_CLIENT_ID || null;
  if (webClientId !== null && !/^[\x21-\x7e]{1,200}$/.test(webClientId)) throw error('OIDC_WEB_CLIENT_ID', `must be the web app's client id at the provider (visible ASCII, no spaces), got "${webClientId}"`);
  return { issuer, audience, roleClaim, subjectClaim, jwksCooldownSeconds, webClientId };
}
