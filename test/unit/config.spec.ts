import { EventStoreDBClient } from '@eventstore/db-client';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

describe('configuration from the environment', () => {
  it('defaults to port 3000, ./data and the embedded store', () => {
    expect(loadConfig({})).toEqual({ port: 3000, dataDir: resolve('./data'), eventStore: 'sqlite', eventStoreDbUrl: null, rateLimitPerMinute: 3000, rateLimitPerAddressPerMinute: 12000, evidenceMaxBytes: 50 * 1024 * 1024, idempotencyTtlHours: 24,
      logSigningKey: null,
      logOrigin: 'confiance.local/log',
      checkpointIntervalSeconds: 60,
      tsaUrl: null,
      tsaRetrySeconds: 60,
      oidc: null,
      dossierSigningP12: null,
      dossierSigningPassphrase: '',
    });
  });

  it('takes the dossier signing PKCS#12 and its passphrase, and refuses a path naming no file', () => {
    expect(loadConfig({ DOSSIER_SIGNING_P12: __filename, DOSSIER_SIGNING_PASSPHRASE: 'pass phrase' })).toMatchObject({ dossierSigningP12: __filename, dossierSigningPassphrase: 'pass phrase' });
    expect(() => loadConfig({ DOSSIER_SIGNING_P12: '/nonexistent/signing.p12' })).toThrow(/^DOSSIER_SIGNING_P12: names no file/);
  });

  it('turns OpenID Connect sign-in on with an issuer and an audience, with default claims', () => {
    expect(loadConfig({ OIDC_ISSUER: 'https://sso.example.com/realms/confiance', OIDC_AUDIENCE: 'confiance-api' }).oidc).toEqual({
      issuer: 'https://sso.example.com/realms/confiance',
      audience: 'confiance-api',
      roleClaim: 'confiance_role',
      subjectClaim: 'sub',
      jwksCooldownSeconds: 30,
      webClientId: null,
    });
    expect(loadConfig({ OIDC_ISSUER: 'https://sso.example.com', OIDC_AUDIENCE: 'api', OIDC_WEB_CLIENT_ID: 'confiance-web' }).oidc?.webClientId).toBe('confiance-web');
    expect(loadConfig({ OIDC_ISSUER: 'http://localhost:8080/realms/dev', OIDC_AUDIENCE: 'api', OIDC_ROLE_CLAIM: 'realm_access.roles' }).oidc?.roleClaim).toBe('realm_access.roles');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATA_DIR: ' ' }, 'DATA_DIR'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_ADDRESS_PER_MINUTE: 'many' }, 'RATE_LIMIT_PER_ADDRESS_PER_MINUTE'],
    [{ EVIDENCE_MAX_BYTES: '-5' }, 'EVIDENCE_MAX_BYTES'],
    [{ IDEMPOTENCY_TTL_HOURS: '0' }, 'IDEMPOTENCY_TTL_HOURS'],
    [{ IDEMPOTENCY_TTL_HOURS: '1.5' }, 'IDEMPOTENCY_TTL_HOURS'],
    [{ IDEMPOTENCY_TTL_HOURS: 'a day' }, 'IDEMPOTENCY_TTL_HOURS'],
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE'],
    [{ LOG_SIGNING_KEY: '/nowhere/log-key.pem' }, 'LOG_SIGNING_KEY'],
    [{ LOG_ORIGIN: 'my ledger' }, 'LOG_ORIGIN'],
    [{ LOG_ORIGIN: 'a+b' }, 'LOG_ORIGIN'],
    [{ CHECKPOINT_INTERVAL_SECONDS: '-1' }, 'CHECKPOINT_INTERVAL_SECONDS'],
    [{ TSA_URL: 'tsa.example.com' }, 'TSA_URL'],
    [{ TSA_URL: 'http://tsa.example.com', TSA_RETRY_SECONDS: '0' }, 'TSA_RETRY_SECONDS'],
    [{ OIDC_ISSUER: 'https://sso.example.com/realms/confiance' }, 'OIDC_AUDIENCE'],
    [{ OIDC_AUDIENCE: 'confiance-api' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'sso.example.com', OIDC_AUDIENCE: 'api' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'http://sso.example.com', OIDC_AUDIENCE: 'api' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'https://sso.example.com', OIDC_AUDIENCE: 'api', OIDC_ROLE_CLAIM: 'role claim' }, 'OIDC_ROLE_CLAIM'],
    [{ OIDC_ISSUER: 'https://sso.example.com', OIDC_AUDIENCE: 'api', OIDC_SUBJECT_CLAIM: '{sub}' }, 'OIDC_SUBJECT_CLAIM'],
    [{ OIDC_ISSUER: 'https://sso.example.com', OIDC_AUDIENCE: 'api', OIDC_JWKS_COOLDOWN_SECONDS: 'soon' }, 'OIDC_JWKS_COOLDOWN_SECONDS'],
    [{ OIDC_WEB_CLIENT_ID: 'confiance-web' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'https://sso.example.com', OIDC_AUDIENCE: 'api', OIDC_WEB_CLIENT_ID: 'confiance web' }, 'OIDC_WEB_CLIENT_ID'],
    [{ EVENT_STORE: 'eventstoredb' }, 'EVENTSTOREDB_URL'],
    [{ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: 'http://localhost:2113' }, 'EVENTSTOREDB_URL'],
    [{ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: 'kurrentdb+dns://cluster:2113' }, 'EVENTSTOREDB_URL'],
    [{ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: 'localhost:2113' }, 'EVENTSTOREDB_URL'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).toMatch(new RegExp(`^${variable}: `));
    }
  });

  it('accepts an EventStoreDB connection string', () => {
    const config = loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: 'esdb://localhost:2113?tls=false', PORT: '8080' });
    expect(config).toMatchObject({ port: 8080, eventStore: 'eventstoredb', eventStoreDbUrl: 'esdb://localhost:2113?tls=false' });
  });

  it.each([
    ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['esdb+discover://cluster.example:2113', 'esdb+discover://cluster.example:2113'],
    ['kurrentdb://node1:2113,node2:2113?tls=false', 'esdb://node1:2113,node2:2113?tls=false'],
    ['kurrentdb+discover://cluster:2113', 'esdb+discover://cluster:2113'],
    ['kurrent://admin:changeit@localhost:2113?tls=false', 'esdb://admin:changeit@localhost:2113?tls=false'],
    ['kurrent+discover://cluster.example:2113?tls=true', 'esdb+discover://cluster.example:2113?tls=true'],
    ['kdb://admin:changeit@localhost:2113', 'esdb://admin:changeit@localhost:2113'],
    ['kdb+discover://cluster:2113', 'esdb+discover://cluster:2113'],
    ['KurrentDB://localhost:2113', 'esdb://localhost:2113'],
  ])('accepts the KurrentDB connection string %s and gives the client %s', (url, clientUrl) => {
    expect(loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: url }).eventStoreDbUrl).toBe(clientUrl);
    // The real client parses what the configuration hands it (it connects lazily, so no server is needed).
    const client = EventStoreDBClient.connectionString(clientUrl);
    expect(client).toBeInstanceOf(EventStoreDBClient);
    void client.dispose();
  });
});
