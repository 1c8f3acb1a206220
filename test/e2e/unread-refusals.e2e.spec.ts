import { spawn, spawnSync } from 'node:child_process';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app';

const MIB = 1024 * 1024;
/** 1 MiB of nested brackets in a milestone's title, as a hostile client sends it. */
const NESTED = `{"title":${'['.repeat(MIB / 2 - 40)}${']'.repeat(MIB / 2 - 40)}}`;
const MILESTONE = JSON.stringify({ title: 'Keep-alive', kind: 'corporate', plannedFor: '2022-06-30' });

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

/** One request through Node's HTTP client, its whole body written at once; a write refused after the answer is not the answer. */
function post(url: string, body: string, headers: Record<string, string>, agent?: Agent, method = 'POST'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const call = httpRequest(
      url,
      { method, agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (answer) => {
        answered = true;
        let text = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => (text += chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: text, reusedSocket: call.reusedSocket }));
      },
    );
    call.on('error', (error) => (answered ? undefined : reject(error)));
    call.end(body);
  });
}

/**
 * A client that sends its body slowly (8 KiB every 20 ms) and reads whatever
 * comes back until the server closes: what it received, and how much of the
 * body it had sent by then.
 */
function slowPost(host: string, port: number, path: string, headers: string): Promise<{ received: string; sent: number }> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    let received = '';
    let sent = 0;
    const done = () => {
      clearInterval(timer);
      resolve({ received, sent });
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('close', done);
    socket.on('error', () => undefined); // writes after the server closed are refused: expected
    socket.write(`POST ${path} HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: ${MIB}\r\n${headers}\r\n`);
    const timer = setInterval(() => {
      if (socket.destroyed) return clearInterval(timer);
      // The whole body sent and still open: the server is reading it all; stop waiting.
      if (sent >= MIB) {
        clearInterval(timer);
        setTimeout(() => socket.destroy(), 500);
        return;
      }
      socket.write('['.repeat(8192));
      sent += 8192;
    }, 20);
  });
}

async function eventually(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 5000) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const expectWhole401 = (answer: Pick<Answer, 'status' | 'headers' | 'body'>) => {
  expect(answer.status).toBe(401);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.headers['www-authenticate']).toBe('Bearer realm="confiance"');
  expect(answer.headers.connection).toBe('close');
  expect(Buffer.byteLength(answer.body)).toBe(Number(answer.headers['content-length']));
  expect(JSON.parse(answer.body)).toMatchObject({ type: 'urn:confiance:problem:unauthenticated', status: 401 });
};

/** The same, from the bytes of an answer as they came over the wire. */
const expectWholeRaw401 = (received: string) => {
  const [head, body] = received.split('\r\n\r\n');
  const lines = head.split('\r\n');
  const headers = Object.fromEntries(lines.slice(1).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  expect(lines[0]).toBe('HTTP/1.1 401 Unauthorized');
  expectWhole401({ status: 401, headers, body });
};

describe('refusals that do not read the body: the answer, then the connection closes', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp({}, { RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${new URL(await t.app.getUrl()).port}`;
  });
  afterAll(() => t.close());

  it('answers a tokenless 1 MiB body sent at once with the whole 401 problem+json and WWW-Authenticate, every time', async () => {
    for (let i = 0; i < 20; i++) expectWhole401(await post(`${base}/milestones`, NESTED, {}));
    expect(await t.events()).toHaveLength(0);
  });

  it('reads no more of a refused megabyte than what came with its headers', async () => {
    const bytesRead: number[] = [];
    const count = (socket: Socket) => socket.on('close', () => bytesRead.push(socket.bytesRead));
    t.app.getHttpServer().on('connection', count);
    try {
      for (let i = 0; i < 5; i++) expectWhole401(await post(`${base}/milestones`, NESTED, {}));
      await eventually(() => bytesRead.length === 5);
    } finally {
      t.app.getHttpServer().off('connection', count);
    }
    // One read of at most 64 KiB reaches the parser before the refusal; the rest stays unread.
    for (const bytes of bytesRead) expect(bytes).toBeLessThanOrEqual(128 * 1024);
  });

  it('answers a tokenless body sent slowly before it is complete, and closes without reading the rest', async () => {
    const { received, sent } = await slowPost('127.0.0.1', Number(new URL(base).port), '/milestones', '');
    expectWholeRaw401(received);
    // The server closed while most of the megabyte was still to come.
    expect(sent).toBeLessThan(MIB / 2);
  });

  it.each([
    ['at full speed', []],
    ['at 100 kB/s', ['--limit-rate', '100k']],
  ])('gives curl sending 1 MiB %s the whole 401 and exit 0', async (_, options) => {
    if (spawnSync('curl', ['--version']).error) {
      if (process.env.CI === 'true') throw new Error('curl is missing: apt-get install -y curl');
      console.log('curl check skipped: install curl');
      return;
    }
    const args = ['-sS', '-i', '-X', 'POST', '-H', 'content-type: application/json', '--data-binary', '@-', ...options, `${base}/milestones`];
    const curl = spawn('curl', args);
    let out = '';
    curl.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    curl.stdin.on('error', () => undefined); // curl stops reading its input once answered
    curl.stdin.end(NESTED);
    const status = await new Promise((resolve) => curl.on('close', resolve));
    expect(status).toBe(0);
    expectWholeRaw401(out);
  });

  it('keeps the connection of clients with a valid token, and of refusals without a body', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const auth = { authorization: t.tokens.compliance };
      const first = await post(`${base}/milestones`, MILESTONE, auth, agent);
      const second = await post(`${base}/milestones`, MILESTONE, auth, agent);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.reusedSocket).toBe(true);
      expect(second.headers.connection).toBe('keep-alive');
      const refused = await post(`${base}/timeline`, '', {}, agent, 'GET');
      expect(refused.status).toBe(401);
      expect(refused.headers.connection).toBe('keep-alive');
      expect((await post(`${base}/milestones`, MILESTONE, auth, agent)).reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('a body over the address allowance is not read either', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '2' });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After, then closes the connection', async () => {
    const base = `http://127.0.0.1:${new URL(await t.app.getUrl()).port}`;
    const auth = { authorization: t.tokens.compliance };
    for (let i = 0; i < 2; i++) expect((await post(`${base}/milestones`, MILESTONE, auth)).status).toBe(201);
    const limited = await post(`${base}/milestones`, NESTED, auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.connection).toBe('close');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(limited.body)).toMatchObject({ type: 'urn:confiance:problem:rate_limited', status: 429 });
    expect(await t.events()).toHaveLength(2);
  });
});
