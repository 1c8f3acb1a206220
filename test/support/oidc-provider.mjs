// A real OpenID Connect provider (the oidc-provider package) for e2e tests.
// oidc-provider is ESM-only, so it runs in a child process started by
// test/support/oidc.ts. Configuration comes as JSON in OIDC_TEST_PROVIDER:
// {port, issuer, keys (private JWKs), audiences, clients: {clientId: role or null}, accessTokenTtl}.
// Every client's secret is "secret-" + its id; a client's role becomes the
// confiance_role claim of its access tokens. Prints "ready <issuer>" once listening.
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_PROVIDER);

const provider = new Provider(config.issuer, {
  clients: Object.keys(config.clients).map((clientId) => ({
    client_id: clientId,
    client_secret: `secret-${clientId}`,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
  })),
  jwks: { keys: config.keys },
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
  ttl: { ClientCredentials: config.accessTokenTtl },
  extraTokenClaims: (_ctx, token) => {
    const role = config.clients[token.clientId];
    return role === null || role === undefined ? {} : { confiance_role: role };
  },
});

const server = provider.listen(config.port, '127.0.0.1', () => console.log(`ready ${config.issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
