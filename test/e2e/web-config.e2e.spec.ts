import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

const connectSrc = (header: string) => header.split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'connect-src')?.slice(1);

/** What the web app reads about itself: how to sign in (open), and who is signed in. */
describe('web app settings and session', () => {
  describe('with bearer tokens only', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp()));
    afterAll(() => t.close());

    it('offers no single sign-on, and the app may connect to this origin only', async () => {
      const config = await request(t.http).get('/web/config').expect(200);
      expect(config.body).toEqual({ oidc: null });
      expect(connectSrc(config.headers['content-security-policy'])).toEqual(["'self'"]);
    });

    it('tells the app who is signed in and whether that caller may record, so auditors see no forms', async () => {
      expect((await request(t.http).get('/web/session').set('authorization', t.tokens.compliance).expect(200)).body).toEqual({ subject: expect.any(String), role: 'compliance', records: true });
      expect((await request(t.http).get('/web/session').set('authorization', t.tokens.admin).expect(200)).body.records).toBe(true);
      expect((await request(t.http).get('/web/session').set('authorization', t.tokens.auditor).expect(200)).body).toMatchObject({ role: 'auditor', records: false });
      expectProblem(await request(t.http).get('/web/session'), 401);
    });
  });

  describe('with an identity provider and a web client', () => {
    let t: TestApp;
    const issuer = 'http://127.0.0.1:9/realms/confiance';
    beforeAll(async () => (t = await startTestApp({}, { OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'https://confiance.test/api', OIDC_WEB_CLIENT_ID: 'confiance-web' })));
    afterAll(() => t.close());

    it('names the provider, the public client id and the audience, and lets the app reach the provider only', async () => {
      const config = await request(t.http).get('/web/config').expect(200);
      expect(config.body).toEqual({ oidc: { issuer, clientId: 'confiance-web', audience: 'https://confiance.test/api' } });
      expect(connectSrc(config.headers['content-security-policy'])).toEqual(["'self'", 'http://127.0.0.1:9']);
    });
  });
});
