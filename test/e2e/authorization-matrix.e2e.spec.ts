import request from 'supertest';
import { TokenStore } from '../../src/auth/token-store';
import { startTestApp, type TestApp } from '../support/test-app';
import { invalidValuesOf, operationsOf, type OpenApiDocument } from '../support/openapi';

type Caller = 'none' | 'revoked' | 'metrics' | 'auditor' | 'engaged' | 'engagedIn' | 'compliance' | 'admin';

/**
 * The access policy, written independently of the code: auditors read and
 * download dossiers, compliance staff also record, admins do everything,
 * including tokens, replays, erasure and registering witnesses. Witnesses, run
 * by auditors, post cosignatures. A metrics token (a Prometheus scraper) reads
 * /metrics and nothing else, and only it and admins read /metrics. Only
 * /health and the web app's sign-in settings (/web/config) are open. An auditor bound to an engagement (`engaged`) may do what
 * an auditor may, but sees only its engagement's certifications: every other
 * route answers 404 (see outOfEngagement). `engaged` calls each route on
 * things outside the engagement; `engagedIn` on the engagement's
 * certification, an evidence file its facts rely on and its certification's
 * stream (see inEngagement).
 */
function allowed(method: string, path: string, caller: Caller): boolean {
  if (path === '/health' || path === '/web/config' || path.startsWith('/docs')) return true;
  if (caller === 'none' || caller === 'revoked') return false;
  if (caller === 'admin') return true;
  if (path === '/metrics' || caller === 'metrics') return path === '/metrics' && caller === 'metrics';
  const adminOnly = path.startsWith('/admin') || path.startsWith('/tokens') || path === '/engagements' || path === '/auditor-reads' || (method === 'DELETE' && path.startsWith('/people')) || path === '/transparency/witnesses';
  if (adminOnly) return false;
  if (method === 'GET' || path === '/transparency/cosignatures') return true;
  return caller === 'compliance';
}

/** Routes whose answers are narrowed to the engagement's facts rather than refused. */
const FILTERED_LOG = ['/events', '/streams/{stream}', '/investigations/{correlationId}'];

/**
 * What an engagement token gets, outside its engagement, where an auditor
 * would get through: 404, but for transparency proofs (only hashes) and the
 * log, whose answers are narrowed to the engagement's facts.
 */
const outOfEngagement = (method: string, pattern: string): 'through' | 404 =>
  (method === 'GET' && (pattern.startsWith('/transparency/') || FILTERED_LOG.includes(pattern))) || pattern === '/health' || pattern === '/web/config' || pattern.startsWith('/docs') ? 'through' : 404;

/** Inside its engagement an engagement token reads its certification's routes and the evidence its facts rely on, too. */
const inEngagement = (method: string, pattern: string): 'through' | 404 =>
  method === 'GET' && (pattern.startsWith('/certifications/{id}') || pattern.startsWith('/evidence/{sha256}')) ? 'through' : outOfEngagement(method, pattern);

describe('authorisation matrix: every route against every role, no token and a revoked token', () => {
  let t: TestApp;
  /** Each route with a query string and headers holding values its document refuses: the token is checked first. */
  let routes: { method: string; pattern: string; path: string; inside: string; query: Record<string, string>; headers: Record<string, string> }[];
  let revoked: string;
  let engaged: string;
  beforeAll(async () => {
    t = await startTestApp({}, { RATE_LIMIT_PER_MINUTE: '100000' });
    const tokens = t.app.get(TokenStore);
    const issued = tokens.create('admin', 'former-admin', null, new Date());
    tokens.revoke(issued.id, new Date());
    revoked = `Bearer ${issued.token}`;
    const certification = { label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud souverain', filedOn: '2026-01-05' };
    const certificationId = (await request(t.http).post('/certifications').set('authorization', t.tokens.compliance).send(certification).expect(201)).body.id;
    const terms = { auditor: 'auditor-2', certificationIds: [certificationId], windowFrom: '2026-01-01', windowTo: '2026-06-30', accessUntil: new Date(Date.now() + 86_400_000).toISOString() };
    const evidence = await request(t.http).post('/evidence').set('authorization', t.tokens.compliance).attach('file', Buffer.from('access review, March'), 'review.txt').expect(201);
    const check = { result: 'passed', method: 'document_review', performedAt: '2026-03-10T09:00:00Z', evidence: [evidence.body.sha256] };
    await request(t.http).post(`/certifications/${certificationId}/requirements/5.2.a/checks`).set('authorization', t.tokens.compliance).send(check).expect(201);
    // Inside the engagement: its certification, the evidence its check relies on, its certification's stream.
    const inside = { id: certificationId, sha256: evidence.body.sha256 as string, stream: `certification-${certificationId}` };
    const engagementId = (await request(t.http).post('/engagements').set('authorization', t.tokens.admin).send(terms).expect(201)).body.id;
    engaged = `Bearer ${tokens.create('auditor', 'auditor-2', null, new Date(), { expiresInDays: 1, engagementId }).token}`;
    const spec = (await request(t.http).get('/docs/json').expect(200)).body as OpenApiDocument;
    routes = operationsOf(spec).map(({ method, path, operation }) => {
      const refused = (where: string) =>
        Object.fromEntries((operation.parameters ?? []).filter((p) => p.in === where).flatMap((p) => invalidValuesOf(p.schema).slice(0, 1).map((value) => [p.name, value])));
      return {
        method: method.toUpperCase(),
        pattern: path,
        path: path.replace(/\{(\w+)\}/g, 'x-$1'),
        inside: path.replace(/\{(\w+)\}/g, (_, name: keyof typeof inside) => inside[name] ?? `x-${name}`),
        query: refused('query'),
        headers: { ...refused('header'), 'If-Match': 'not-a-revision' },
      };
    });
  });
  afterAll(() => t.close());

  it('covers every documented route, with the query parameters and headers it documents', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => Object.keys(r.query).length > 0).length).toBeGreaterThan(20);
  });

  it('answers 401 without a valid token, 403 for a role that may not act, and lets allowed roles through', async () => {
    const failures: string[] = [];
    const plain = routes.map((route) => ({ ...route, query: {}, headers: {} }));
    for (const route of [...plain, ...routes]) {
      for (const caller of ['none', 'revoked', 'metrics', 'auditor', 'engaged', 'engagedIn', 'compliance', 'admin'] as const) {
        const engagement = caller === 'engaged' || caller === 'engagedIn';
        const path = caller === 'engagedIn' ? route.inside : route.path;
        const call = request(t.http)[route.method.toLowerCase() as 'get'](path).query(route.query).set(route.headers);
        if (caller === 'revoked') call.set('authorization', revoked);
        else if (engagement) call.set('authorization', engaged);
        else if (caller !== 'none') call.set('authorization', t.tokens[caller]);
        const res = await call.send({});
        const expected = allowed(route.method, route.path, engagement ? 'auditor' : caller);
        const scope = caller === 'engagedIn' ? inEngagement : outOfEngagement;
        const hidden = engagement && expected && scope(route.method, route.pattern) === 404;
        // A route of the engagement, on things that exist and with valid parameters, answers: never 404.
        const found = caller === 'engagedIn' && !hidden && expected && path !== route.path && !path.includes('x-') && Object.keys(route.query).length === 0;
        // Allowed callers get past the token check and are then refused for the invalid parameters, never with a 5xx.
        const ok = hidden
          ? res.status === 404
          : expected
            ? res.status !== 401 && res.status !== 403 && (!found || res.status !== 404)
            : res.status === (caller === 'none' || caller === 'revoked' ? 401 : 403);
        if (!ok || res.status >= 500) failures.push(`${route.method} ${path} ${JSON.stringify(route.query)} as ${caller}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('appended nothing for any refused call', async () => {
    const events = await t.events();
    // The engagement's auditor downloading its certification's dossier is a dossier issued, as for anyone allowed to.
    const issuedToAuditor = (e: (typeof events)[number]) => e.metadata.actor === 'auditor-2' && e.type === 'DossierIssued';
    expect(events.filter((e) => e.metadata.actor !== 'admin-1' && e.metadata.actor !== 'compliance-1' && !issuedToAuditor(e))).toEqual([]);
  });
});
