import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';
import { signingKey, TestOidcProvider } from '../support/oidc';

const AUDIENCE = 'https://confiance.test/api';
/** Client credentials: each client's id is the subject of its access tokens. */
const clients = { 'paul.passi': 'auditor', 'anne.internal': 'auditor' };

describe('sign-in with the identity provider, bound to the engagement that names the auditor', () => {
  let t: TestApp;
  let provider: TestOidcProvider;
  let clock: FixedClock;
  let audited: string;
  let other: string;
  let engagementId: string;
  const started = new Date();
  const accessUntil = new Date(started.getTime() + 60_000).toISOString();

  beforeAll(async () => {
    provider = await TestOidcProvider.start({ keys: [signingKey('k1')], audiences: [AUDIENCE], clients, accessTokenTtl: 600 });
    clock = new FixedClock(started);
    t = await startTestApp({ clock }, { OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: AUDIENCE });
    const certify = async (service: string) =>
      expectCommandResult(await request(t.http).post('/certifications').set('authorization', t.tokens.compliance).send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service, filedOn: '2026-01-05' })).id!;
    audited = await certify('Cloud souverain');
    other = await certify('Stockage objet');
    const opened = await request(t.http)
      .post('/engagements')
      .set('authorization', t.tokens.admin)
      .send({ auditor: 'paul.passi', certificationIds: [audited], windowFrom: '2026-01-01', windowTo: '2026-06-30', accessUntil });
    engagementId = expectCommandResult(opened).id!;
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
  });

  const read = async (client: string, path: string) => request(t.http).get(path).set('authorization', `Bearer ${await provider.accessToken(client)}`);

  it('shows the named auditor only the engagement, on its window, like an engagement token', async () => {
    expect((await (await read('paul.passi', `/certifications/${audited}`)).body).validAt).toBe('2026-06-30');
    for (const path of [`/certifications/${other}`, '/certifications', '/timeline', `/certifications/${audited}?validAt=2026-09-01`, `/streams/certification-${other}`]) {
      expectProblem(await read('paul.passi', path), 404);
    }
    const events = (await read('paul.passi', '/events')).body.items as { stream: string }[];
    expect(events.map((e) => e.stream)).toEqual([`certification-${audited}`]);
    // An auditor no engagement names keeps the auditor role's reads.
    expect((await read('anne.internal', `/certifications/${other}`)).status).toBe(200);
  });

  it('records the signed-in auditor reads under the engagement', async () => {
    const reads = (await request(t.http).get('/auditor-reads').set('authorization', t.tokens.admin).expect(200)).body.items as { subject: string; engagementId: string | null; path: string }[];
    const paul = reads.filter((r) => r.subject === 'paul.passi');
    expect(paul.map((r) => r.path)).toEqual(['/events', `/certifications/${audited}`]);
    expect(paul.every((r) => r.engagementId === engagementId)).toBe(true);
  });

  it('refuses the auditor once the engagement ends, though the provider token is still valid', async () => {
    const token = await provider.accessToken('paul.passi');
    clock.set(new Date(Date.parse(accessUntil) + 1_000));
    const refused = await request(t.http).get(`/certifications/${audited}`).set('authorization', `Bearer ${token}`);
    expectProblem(refused, 401);
    expect(refused.body.detail).toContain('has ended');
    // Never back to the auditor role's reads of everything.
    expectProblem(await request(t.http).get(`/certifications/${other}`).set('authorization', `Bearer ${token}`), 401);
  });
});
