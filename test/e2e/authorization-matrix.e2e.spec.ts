import request from 'supertest';
import { TokenStore } from '../../src/auth/token-store';
import { startTestApp, type TestApp } from '../support/test-app';

type Caller = 'none' | 'revoked' | 'auditor' | 'compliance' | 'admin';

/**
 * The access policy, written independently of the code: auditors read and
 * download dossiers, compliance staff also record, admins do everything,
 * including tokens, replays, erasure and registering witnesses. Witnesses, run
 * by auditors, post cosignatures. Only /health is open.
 */
function allowed(method: string, path: string, caller: Caller): boolean {
  if (path === '/health' || path.startsWith('/docs')) return true;
  if (caller === 'none' || caller === 'revoked') return false;
  if (caller === 'admin') return true;
  const adminOnly = path.startsWith('/admin') || (method === 'DELETE' && path.startsWith('/people')) || path === '/transparency/witnesses';
  if (adminOnly) return false;
  if (method === 'GET' || path === '/transparency/cosignatures') return true;
  return caller === 'compliance';
}

describe('authorisation matrix: every route against every role, no token and a revoked token', () => {
  let t: TestApp;
  let routes: { method: string; path: string }[];
  let revoked: string;
  beforeAll(async () => {
    t = await startTestApp({}, { RATE_LIMIT_PER_MINUTE: '100000' });
    const tokens = t.app.get(TokenStore);
    const issued = tokens.create('admin', 'former-admin', null, new Date());
    tokens.revoke(issued.id, new Date());
    revoked = `Bearer ${issued.token}`;
    const spec = (await request(t.http).get('/docs/json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, 'x-$1') })),
    );
  });
  afterAll(() => t.close());

  it('covers every documented route', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it('answers 401 without a valid token, 403 for a role that may not act, and lets allowed roles through', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const caller of ['none', 'revoked', 'auditor', 'compliance', 'admin'] as const) {
        const call = request(t.http)[route.method.toLowerCase() as 'get'](route.path);
        if (caller === 'revoked') call.set('authorization', revoked);
        else if (caller !== 'none') call.set('authorization', t.tokens[caller]);
        const res = await call.send({});
        const expected = allowed(route.method, route.path, caller);
        const ok = expected ? res.status !== 401 && res.status !== 403 : res.status === (caller === 'none' || caller === 'revoked' ? 401 : 403);
        if (!ok || res.status >= 500) failures.push(`${route.method} ${route.path} as ${caller}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('appended nothing for any refused call', async () => {
    const events = await t.events();
    expect(events.filter((e) => e.metadata.actor !== 'admin-1' && e.metadata.actor !== 'compliance-1')).toEqual([]);
  });
});
