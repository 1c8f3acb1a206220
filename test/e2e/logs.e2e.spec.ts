import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { expectProblem } from '../support/http';
import { startServerProcess } from '../support/server-process';
import { runCli } from '../support/test-app';

const milestone = { title: 'Go-live', kind: 'operational', plannedFor: '2023-03-31' };

/** Every line of a process's output as JSON; a line that is not JSON fails the test with the line itself. */
const jsonLines = (output: string): Record<string, unknown>[] =>
  output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });

describe('one log format: JSON lines with the request ids, no secrets', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-logs-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("writes only JSON lines, each line of a request with its request and correlation ids, and no token or e-mail", async () => {
    const created = await runCli(dataDir, ['token', 'create', '--role', 'admin', '--subject', 'log-reader']);
    const token = created.stdout.trim().split('\n').pop() as string;
    const forged = 'forged-token-that-must-not-be-logged-0123456789';
    const email = 'ines.moreau@example.fr';
    const server = await startServerProcess(dataDir, { LOG_PRETTY: '0' });
    try {
      const as = (auth: string, id: string) => ({ authorization: `Bearer ${auth}`, 'x-correlation-id': id });
      await request(server.url).get('/health').set('x-correlation-id', 'log-health').expect(200);
      await request(server.url).post('/milestones').set(as(token, 'log-created')).send(milestone).expect(201);
      const person = { subject: 'ines.internal', displayName: 'Inès Moreau', email, organisation: 'Internal audit' };
      await request(server.url).post('/people').set(as(token, 'log-person')).send(person).expect(201);
      expectProblem(await request(server.url).post('/milestones').set(as(token, 'log-refused')).send({ ...milestone, kind: 'secret' }), 400, 'kind');
      expectProblem(await request(server.url).get('/timeline').set(as(forged, 'log-forged')), 401);
      // A token in the address is refused (400), and never logged.
      expectProblem(await request(server.url).get(`/people/${email}?access_token=${forged}`).set('x-correlation-id', 'log-query-token'), 400);
      // An unexpected failure: the evidence folder is a file, so storing an upload fails (500, logged with its stack).
      writeFileSync(join(dataDir, 'evidence'), 'not a folder');
      const failed = await request(server.url).post('/evidence').set(as(token, 'log-failure')).attach('file', Buffer.from('proof'), 'proof.txt');
      expectProblem(failed, 500);
    } finally {
      expect(await server.kill('SIGTERM')).toBe(0);
    }
    const output = server.output();
    const lines = jsonLines(output);
    expect(lines.length).toBeGreaterThan(20);

    const ids = ['log-health', 'log-created', 'log-person', 'log-refused', 'log-forged', 'log-query-token', 'log-failure'];
    for (const id of ids) {
      const ofRequest = lines.filter((line) => line.reqId === id);
      // At least "incoming request" and "request completed".
      expect({ id, lines: ofRequest.length >= 2 }).toEqual({ id, lines: true });
      for (const line of ofRequest) expect(line).toMatchObject({ reqId: id, correlationId: id });
    }
    // Every line written while serving a request names it: the 500's error line too.
    for (const line of lines.filter((l) => 'req' in l || 'res' in l || l.level === 50)) expect(line).toMatchObject({ reqId: expect.any(String), correlationId: line.reqId });
    expect(lines.some((line) => line.reqId === 'log-failure' && line.level === 50 && /not a directory|ENOTDIR|EEXIST/i.test(JSON.stringify(line)))).toBe(true);

    expect(output).not.toContain(token);
    expect(output).not.toContain(forged);
    expect(output).not.toContain(email);
    expect(output).not.toMatch(/bearer/i);
  }, 60_000);

  it('writes the CLI diagnostics as JSON lines on stderr and keeps stdout for the answer', async () => {
    const refused = await runCli(dataDir, ['replay', '--projection', 'nope']);
    expect(refused.code).toBe(1);
    const lines = jsonLines(refused.stderr);
    expect(lines).toEqual([expect.objectContaining({ level: 50, name: 'confiance-cli', msg: expect.stringContaining('unknown read model nope') })]);
    const wrongRole = await runCli(dataDir, ['token', 'create', '--role', 'root', '--subject', 'x']);
    expect(jsonLines(wrongRole.stderr).map((line) => line.msg).join('\n')).toContain('Allowed choices are admin, compliance, auditor');
    const verified = await runCli(dataDir, ['verify']);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toMatch(/^OK \d+ events/);
  });
});
