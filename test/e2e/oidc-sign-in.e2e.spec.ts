import { importJWK, SignJWT } from 'jose';
import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';
import { signingKey, TestOidcProvider, type PrivateJwk } from '../support/oidc';

const AUDIENCE = 'https://confiance.test/api';
const TTL_SECONDS = 300;
const clients = { 'ci-admin': 'admin', claire: 'compliance', scanner: 'metrics', intruder: 'superuser', nobody: null };

describe('sign-in with a real OpenID Connect provider, beside bearer tokens', () => {
  let t: TestApp;
  let provider: TestOidcProvider;
  /** Another provider with the same keys: its tokens verify, but name another issuer. */
  let impostor: TestOidcProvider;
  let clock: FixedClock;
  const first = signingKey('first');
  beforeAll(async () => {
    const settings = { keys: [first], audiences: [AUDIENCE, 'https://other.test/api'], clients, accessTokenTtl: TTL_SECONDS };
    provider = await TestOidcProvider.start(settings);
    impostor = await TestOidcProvider.start(settings);
    clock = new FixedClock(new Date());
    t = await startTestApp({ clock }, { OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_JWKS_COOLDOWN_SECONDS: '0' });
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
    await impostor.close();
  });
  beforeEach(() => clock.set(new Date()));

  const bearer = (token: string) => `Bearer ${token}`;
  const timeline = (token: string) => request(t.http).get('/timeline').set('authorization', bearer(token));
  const milestone = { title: 'Signed in', kind: 'operational', plannedFor: '2027-01-15' };
  /** A token signed with one of the provider's keys, claims as given: for cases the provider would not issue. */
  async function signedWith(key: PrivateJwk, claims: Record<string, unknown>): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ confiance_role: 'auditor', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt' })
      .setIssuer(provider.issuer)
      .setAudience(AUDIENCE)
      .setSubject('forger')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(await importJWK(key, 'RS256'));
  }

  it('accepts access tokens of the provider: the role claim gives the role, sub the actor of recorded events', async () => {
    await request(t.http).get('/tokens').set('authorization', bearer(await provider.accessToken('ci-admin'))).expect(200);
    const claire = await provider.accessToken('claire');
    const recorded = await request(t.http).post('/milestones').set('authorization', bearer(claire)).send(milestone).expect(201);
    expect((await t.events()).find((e) => e.id === recorded.body.eventIds[0])?.metadata.actor).toBe('claire');
    expectProblem(await request(t.http).get('/tokens').set('authorization', bearer(claire)), 403);
    const scanner = await provider.accessToken('scanner');
    await request(t.http).get('/metrics').set('authorization', bearer(scanner)).expect(200);
    expectProblem(await timeline(scanner), 403);
    // Bearer tokens of the service keep working beside the provider's.
    await request(t.http).get('/timeline').set('authorization', t.tokens.auditor).expect(200);
  });

  it('refuses an expired access token at the next request', async () => {
    const claire = await provider.accessToken('claire');
    await timeline(claire).expect(200);
    clock.set(new Date(Date.now() + (TTL_SECONDS + 60) * 1000));
    const refused = await timeline(claire);
    expectProblem(refused, 401);
    expect(refused.body.detail).toContain('expired');
  });

  it('refuses a token issued for another audience', async () => {
    const refused = await timeline(await provider.accessToken('claire', 'https://other.test/api'));
    expectProblem(refused, 401);
    expect(refused.body.detail).toContain('aud');
  });

  it('refuses a token of another issuer, even signed with a key the provider publishes', async () => {
    const refused = await timeline(await impostor.accessToken('claire'));
    expectProblem(refused, 401);
    expect(refused.body.detail).toContain('iss');
  });

  it('refuses a token whose role claim names no role of the service, or that has none, appending nothing', async () => {
    const before = (await t.events()).length;
    for (const client of ['intruder', 'nobody']) {
      const refused = await request(t.http).post('/milestones').set('authorization', bearer(await provider.accessToken(client))).send(milestone);
      expectProblem(refused, 403);
      expect(refused.body.detail).toContain('confiance_role');
    }
    expect((await t.events()).length).toBe(before);
  });

  it('refuses a forged signature and a token not yet valid (nbf)', async () => {
    const forged = await signedWith({ ...signingKey('first') }, {});
    expectProblem(await timeline(forged), 401);
    const early = await timeline(await signedWith(first, { nbf: Math.floor(Date.now() / 1000) + 600 }));
    expectProblem(early, 401);
    expect(early.body.detail).toContain('nbf');
    await timeline(await signedWith(first, {})).expect(200);
  });

  it('follows a key rotation: tokens signed with the new key are accepted once the provider publishes it', async () => {
    const before = await provider.accessToken('claire');
    await timeline(before).expect(200);
    const second = signingKey('second');
    await provider.rotateKeys([second, first]);
    const after = await provider.accessToken('claire');
    expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid).toBe('second');
    await timeline(after).expect(200);
    await timeline(before).expect(200);
    // A key the provider never published is refused, rotation or not.
    expectProblem(await timeline(await signedWith(signingKey('third'), {})), 401);
  });
});
