import { connect } from 'node:net';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

/** Sends raw bytes and answers what the server wrote before closing (or after a second). */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.setTimeout(5_000, () => socket.destroy());
    socket.write(bytes);
  });
}

/** The status line, headers and JSON body of a raw answer. */
function parse(answer: string): { status: number; headers: string; body: Record<string, unknown> } {
  const [head, body] = answer.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head.toLowerCase(), body: JSON.parse(body) as Record<string, unknown> };
}

function expectRawProblem(answer: string, status: number, type: string): void {
  const { status: got, headers, body } = parse(answer);
  expect(got).toBe(status);
  expect(headers).toContain('content-type: application/problem+json');
  expect(body).toMatchObject({ status, type: `urn:confiance:problem:${type}` });
  expect(typeof body.detail).toBe('string');
}

describe('HTTP layer: every refusal is problem+json with a stable type', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({ requestTimeoutMs: 300 });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.http.address() as { port: number }).port;
  });
  afterAll(() => t.close());

  it('answers 408 problem+json to a request whose body never finishes', async () => {
    const answer = await raw(port, ['POST /milestones HTTP/1.1', 'Host: x', `Authorization: ${t.tokens.compliance}`, 'Content-Type: application/json', 'Content-Length: 200', '', '{"t'].join('\r\n'));
    expectRawProblem(answer, 408, 'timeout');
  });

  it('answers 431 problem+json to headers over the size accepted', async () => {
    const answer = await raw(port, `GET /timeline HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectRawProblem(answer, 431, 'headers_too_large');
  });

  it('answers 400 problem+json to a malformed header line', async () => {
    const answer = await raw(port, 'GET /timeline HTTP/1.1\r\nHost: x\r\nBroken header without colon\r\n\r\n');
    expectRawProblem(answer, 400, 'validation');
  });

  it('answers 414 problem+json to a path parameter over the length accepted', async () => {
    const res = await request(t.http).get(`/incidents/${'a'.repeat(150)}`).set('authorization', t.tokens.auditor);
    expectProblem(res, 414);
    expect(res.body.type).toBe('urn:confiance:problem:uri_too_long');
  });

  it('answers 404 problem+json to an unknown route, and 413 to a body over 1 MiB', async () => {
    const unknown = await request(t.http).get('/no-such-route').set('authorization', t.tokens.auditor);
    expectProblem(unknown, 404);
    expect(unknown.body.type).toBe('urn:confiance:problem:not_found');
    const big = await request(t.http).post('/milestones').set('authorization', t.tokens.compliance).send({ title: 'x'.repeat(1024 * 1024 + 1) });
    expectProblem(big, 413);
    expect(big.body.type).toBe('urn:confiance:problem:too_large');
  });

  it('answers 415 with its own type, not about:blank', async () => {
    const res = await request(t.http).post('/milestones').set({ authorization: t.tokens.compliance, 'content-type': 'application/xml' }).send('<m/>');
    expectProblem(res, 415);
    expect(res.body.type).toBe('urn:confiance:problem:unsupported_media_type');
  });

  it('sends WWW-Authenticate: Bearer with every 401, with the RFC 6750 error when a credential was sent', async () => {
    const none = await request(t.http).get('/timeline');
    expectProblem(none, 401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="confiance"');
    const unknown = await request(t.http).get('/timeline').set('authorization', 'Bearer cfd_unknown');
    expect(unknown.headers['www-authenticate']).toBe('Bearer realm="confiance", error="invalid_token"');
    const basic = await request(t.http).get('/timeline').set('authorization', 'Basic dXNlcjpwYXNz');
    expect(basic.headers['www-authenticate']).toBe('Bearer realm="confiance", error="invalid_request"');
  });
});
