import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/** The built web app (npm run build writes web/dist) served at / beside the API, under a strict CSP. */
describe('web app served by the service', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const directives = (header: string) => new Map(header.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

  it('serves the app at / with a Content-Security-Policy that allows no inline script or style', async () => {
    const page = await request(t.http).get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/.exec(page.text);
    expect(script).not.toBeNull();
    expect(page.text).not.toMatch(/<script>|<style|https?:\/\//);
    const csp = directives(page.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // Served over plain HTTP on an isolated network, the app must not be sent to an HTTPS port.
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    const bundle = await request(t.http).get(script![1]).expect(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves only the built files: other paths stay the API and answer problem+json', async () => {
    const built = readdirSync(resolve(__dirname, '../../web/dist/assets'));
    expect(built.some((name) => name.endsWith('.js'))).toBe(true);
    const missing = await request(t.http).get('/assets/not-built.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(t.http).get('/certifications').expect(401);
  });

  it('keeps Swagger UI working at /docs: its scripts are files, its page has a <style> block', async () => {
    const docs = await request(t.http).get('/docs').expect(200);
    expect(docs.text).toContain('swagger-ui-bundle.js');
    const csp = directives(docs.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });
});
