import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

describe('operations: OpenAPI, metrics, security headers, rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { RATE_LIMIT_PER_MINUTE: '40' });
  });
  afterAll(() => t.close());

  it('serves the OpenAPI document with every route, DTO and the bearer scheme, and its UI at /docs', async () => {
    const spec = await request(t.http).get('/docs/json').expect(200);
    const paths = Object.keys(spec.body.paths);
    for (const path of ['/milestones', '/milestones/{id}/slipped', '/certifications/{id}/grant', '/people', '/timeline', '/events', '/admin/replay']) {
      expect(paths).toContain(path);
    }
    expect(spec.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(spec.body.components.schemas.RecordMilestoneDto).toMatchObject({
      properties: { title: { type: 'string' }, kind: { enum: ['announcement', 'regulatory', 'corporate', 'operational', 'certification'] } },
      required: expect.arrayContaining(['title', 'kind']),
    });
    expect(spec.body.paths['/milestones'].post.responses['400'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/ProblemDetails');
    const ui = await request(t.http).get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('sends security headers', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('exposes Prometheus metrics of commands, conflicts, appends and projection lag to a scraper, and to nobody else but admins', async () => {
    await request(t.http).post('/milestones').set('authorization', t.tokens.compliance).send({ title: 'x', kind: 'corporate', plannedFor: '2022-06-30' }).expect(201);
    expectProblem(await request(t.http).get('/metrics'), 401);
    expectProblem(await request(t.http).get('/metrics').set('authorization', t.tokens.auditor), 403);
    expectProblem(await request(t.http).get('/metrics').set('authorization', t.tokens.compliance), 403);
    expectProblem(await request(t.http).get('/timeline').set('authorization', t.tokens.metrics), 403);
    await request(t.http).get('/metrics').set('authorization', t.tokens.admin).expect(200);
    const res = await request(t.http).get('/metrics').set('authorization', t.tokens.metrics).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('confiance_commands_total{command="RecordMilestone",outcome="ok"} 1');
    expect(res.text).toMatch(/confiance_append_duration_seconds_count 1/);
    expect(res.text).toMatch(/confiance_projection_lag_events\{projection="timeline"\} \d+/);
    expect(res.text).toContain('confiance_http_request_duration_seconds_bucket');
  });

  it('names its metrics as promtool check metrics wants them (no _total on a gauge, help and types present)', async () => {
    const res = await request(t.http).get('/metrics').set('authorization', t.tokens.metrics).expect(200);
    const promtool = spawnSync('promtool', ['--version']);
    if (promtool.error) {
      // CI installs Debian's prometheus package (.ci/run); elsewhere the check runs where promtool is installed.
      if (process.env.CI === 'true') throw new Error('promtool is missing: apt-get install -y prometheus');
      console.log('promtool check skipped: install it with apt-get install -y prometheus');
      return;
    }
    const check = spawnSync('promtool', ['check', 'metrics'], { input: res.text, encoding: 'utf8' });
    expect({ status: check.status, findings: `${check.stdout}${check.stderr}`.trim() }).toEqual({ status: 0, findings: '' });
    expect(res.text).toContain('# TYPE confiance_nodejs_active_handles gauge');
  });

  it('limits requests per token with 429 problem+json, without affecting other tokens', async () => {
    const answers = [];
    for (let i = 0; i < 45; i++) answers.push(await request(t.http).get('/timeline').set('authorization', t.tokens.compliance));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expectProblem(limited[0], 429);
    expect(limited[0].body).toMatchObject({ type: 'urn:confiance:problem:rate_limited', title: 'Too many requests' });
    expect(limited[0].body.detail).toMatch(/^more than 40 requests in 60 s; retry in \d+ s$/);
    expect(limited[0].headers['retry-after']).toBe(String(limited[0].body.retryAfter));
    await request(t.http).get('/timeline').set('authorization', t.tokens.auditor).expect(200);
  });
});
