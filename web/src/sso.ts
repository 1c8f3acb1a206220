import * as oauth from 'oauth4webapi';
import type { Schema } from './api/client';

/**
 * Single sign-on by the OpenID Connect authorization code flow with PKCE
 * (S256), with oauth4webapi: the app is a public client (no secret), the
 * code verifier and state wait in sessionStorage for the provider to send the
 * browser back, and are removed at once. The access token, issued for the
 * API's audience (RFC 8707 resource), is then used as a bearer token.
 */
export type SsoSettings = NonNullable<Schema<'WebConfig'>['oidc']>;

const PENDING = 'confiance.sso';
interface Pending {
  verifier: string;
  state: string;
  redirectUri: string;
  /** The page the user was on, restored after sign-in. */
  returnTo: string;
}

/** http:// is accepted only where the service accepts it: a provider on this machine. */
const options = (issuer: URL) => ({ [oauth.allowInsecureRequests]: issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname) });

async function discover(settings: SsoSettings): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(settings.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...options(issuer) }));
}

/** Sends the browser to the provider's sign-in page. */
export async function startSso(settings: SsoSettings): Promise<void> {
  const server = await discover(settings);
  if (!server.authorization_endpoint) throw new Error('the provider names no authorization endpoint');
  const pending: Pending = {
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    redirectUri: `${window.location.origin}/`,
    returnTo: window.location.hash,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    response_type: 'code',
    redirect_uri: pending.redirectUri,
    scope: 'openid',
    resource: settings.audience,
    state: pending.state,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.href);
}

/** Whether the provider just sent the browser back here (a code or an error in the query). */
export const returningFromSso = (): boolean => {
  const query = new URLSearchParams(window.location.search);
  return query.has('state') && (query.has('code') || query.has('error'));
};

/**
 * Exchanges the code the provider sent back for an access token, and takes
 * the code out of the address bar (and so out of the history).
 */
export async function completeSso(settings: SsoSettings): Promise<{ token: string; expiresAt: number }> {
  const back = new URL(window.location.href);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', `${window.location.pathname}${pending?.returnTo ?? ''}`);
  // replaceState announces nothing: the router learns of the restored page here.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  if (!pending) throw new Error('no sign-in was started in this tab');
  const server = await discover(settings);
  const client: oauth.Client = { client_id: settings.clientId };
  const parameters = oauth.validateAuthResponse(server, client, back, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), parameters, pending.redirectUri, pending.verifier, {
    additionalParameters: { resource: settings.audience },
    ...options(new URL(settings.issuer)),
  });
  const result = await oauth.processAuthorizationCodeResponse(server, client, response);
  if (!result.expires_in) throw new Error('the provider did not say when the access token expires');
  return { token: result.access_token, expiresAt: Date.now() + result.expires_in * 1000 };
}
