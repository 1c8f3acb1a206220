import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { JSON_BODY_LIMIT, REQUEST_TIMEOUT_MS } from '../../src/app';
import { startServerProcess } from '../support/server-process';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

const milestone = { kind: 'corporate', plannedFor: '2022-06-30' };

describe('limits: body size and request timeout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a JSON body over 1 MiB with 413 problem+json and appends nothing', async () => {
    const before = (await t.events()).length;
    const res = await request(t.http)
      .post('/milestones')
      .set('authorization', t.tokens.compliance)
      .send({ ...milestone, title: 'x'.repeat(JSON_BODY_LIMIT + 1) });
    expectProblem(res, 413);
    expect(res.body.type).toBe('urn:confiance:problem:too_large');
    expect(await t.events()).toHaveLength(before);
    // Just under the limit is only refused for what it says, not for its size.
    const under = await request(t.http).post('/milestones').set('authorization', t.tokens.compliance).send({ ...milestone, title: 'x'.repeat(JSON_BODY_LIMIT - 200) });
    expect(under.status).not.toBe(413);
  });

  it('gives every request 30 s to arrive, headers and body alike', () => {
    expect(t.http.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(t.http.headersTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(REQUEST_TIMEOUT_MS).toBe(30_000);
  });
});

describe('limits: a client too slow to send its request is cut off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ requestTimeoutMs: 300 });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('answers 408 and closes the connection to a body that never finishes, appending nothing', async () => {
    const { port } = t.http.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    // Should the server keep it open, the test fails on the assertion below rather than hanging on close.
    socket.setTimeout(10_000, () => socket.destroy());
    // Announces 200 bytes and sends a few: a slow (or hostile) client holding the connection open.
    socket.write(
      ['POST /milestones HTTP/1.1', 'Host: localhost', `Authorization: ${t.tokens.compliance}`, 'Content-Type: application/json', 'Content-Length: 200', '', '{"title":'].join('\r\n'),
    );
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(await t.events()).toHaveLength(0);
  });
});

describe('limits: tokens never reach the logs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-logs-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('logs requests with their correlation id, and no token or authorization value, even for refusals', async () => {
    const created = await runCli(dataDir, ['token', 'create', '--role', 'compliance', '--subject', 'log-reader']);
    const token = created.stdout.trim().split('\n').pop() as string;
    const forged = 'forged-token-that-must-not-be-logged-0123456789';
    const server = await startServerProcess(dataDir);
    try {
      const as = (auth: string, id: string) => ({ authorization: `Bearer ${auth}`, 'x-correlation-id': id });
      await request(server.url).post('/milestones').set(as(token, 'log-check-created')).send({ ...milestone, title: 'logged' }).expect(201);
      await request(server.url).get('/timeline').set(as(token, 'log-check-read')).expect(200);
      expectProblem(await request(server.url).post('/milestones').set(as(token, 'log-check-refused')).send({ ...milestone, kind: 'secret' }), 400, 'kind');
      expectProblem(await request(server.url).get('/timeline').set(as(forged, 'log-check-forged')), 401);
    } finally {
      await server.kill('SIGTERM');
    }
    const logs = server.output();
    for (const id of ['log-check-created', 'log-check-read', 'log-check-refused', 'log-check-forged']) expect(logs).toContain(id);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(forged);
    expect(logs).not.toMatch(/bearer/i);
    expect(logs).not.toMatch(/"authorization"/i);
  });
});
