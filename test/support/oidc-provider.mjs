// A real OpenID Connect provider (the oidc-provider package) for e2e and browser tests.
// oidc-provider is ESM-only, so it runs in a child process started by
// test/support/oidc.ts. Configuration comes as JSON in OIDC_TEST_PROVIDER:
// {port, issuer, keys (private JWKs), audiences, clients: {clientId: role or null}, accessTokenTtl,
//  webClient?: {clientId, redirectUris, users: {login: role}}}.
// Every confidential client's secret is "secret-" + its id; a client's role becomes the
// confiance_role claim of its access tokens. The web client is public (no secret) and
// must use PKCE; its users sign in on a plain login page of this process (any listed
// login, no password), and their role becomes the claim. Prints "ready <issuer>" once listening.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_PROVIDER);
const web = config.webClient ?? null;

const provider = new Provider(config.issuer, {
  clients: [
    ...Object.keys(config.clients).map((clientId) => ({
      client_id: clientId,
      client_secret: `secret-${clientId}`,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    })),
    ...(web
      ? [{ client_id: web.clientId, token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'], redirect_uris: web.redirectUris ?? [] }]
      : []),
  ],
  jwks: { keys: config.keys },
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  clientBasedCORS: (_ctx, _origin, client) => web !== null && client.clientId === web.clientId,
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => config.audiences[0],
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (!config.audiences.includes(resource)) throw new Error(`unknown resource ${resource}`);
        return { scope: 'api', audience: resource, accessTokenTTL: config.accessTokenTtl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  ttl: { ClientCredentials: config.accessTokenTtl, AccessToken: config.accessTokenTtl },
  extraTokenClaims: (_ctx, token) => {
    const role = token.accountId ? web?.users[token.accountId] : config.clients[token.clientId];
    return role === null || role === undefined ? {} : { confiance_role: role };
  },
});

const page = (error) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider: sign in</title></head><body><main>
<h1>Sign in to the test provider</h1>${error ? `<p role="alert">${error}</p>` : ''}
<form method="post"><label for="login">Login</label> <input id="login" name="login" autocomplete="username"> <button type="submit">Continue</button></form>
</main></body></html>`;

/** The login page of an authorization request: a listed login signs in, and the web app is granted openid and the API at once. */
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method !== 'POST') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(''));
    return;
  }
  let body = '';
  for await (const chunk of req) body += chunk;
  const login = new URLSearchParams(body).get('login') ?? '';
  if (!web || !Object.hasOwn(web.users, login)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Unknown login'));
    return;
  }
  const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
  grant.addOIDCScope('openid');
  for (const audience of config.audiences) grant.addResourceScope(audience, 'api');
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId: login }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
const server = createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error)));
    return;
  }
  callback(req, res);
}).listen(config.port, '127.0.0.1', () => console.log(`ready ${config.issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
