import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startServerProcess } from '../support/server-process';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

const paul = { subject: 'paul.passi', displayName: 'Paul Lefèvre', email: 'paul.lefevre@example.fr', organisation: 'PASSI auditor' };

describe("who may see and change people's details", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    expectCommandResult(await request(t.http).post('/people').set('authorization', t.tokens.compliance).send(paul));
  });
  afterAll(() => t.close());

  it("refuses a compliance token changing someone else's registered details, appending nothing and keeping them", async () => {
    const before = (await t.events()).length;
    const res = await request(t.http).post('/people').set('authorization', t.tokens.compliance).send({ ...paul, email: 'attacker@example.com' });
    expectProblem(res, 403);
    expect(await t.events()).toHaveLength(before);
    const kept = await request(t.http).get('/people/paul.passi').set('authorization', t.tokens.admin);
    expect(kept.body.email).toBe(paul.email);
  });

  it('lets an admin change them, and the person change their own', async () => {
    expectCommandResult(await request(t.http).post('/people').set('authorization', t.tokens.admin).send({ ...paul, organisation: 'PASSI (renamed)' }));
    const self = { subject: 'compliance-1', displayName: 'Claire', organisation: 'Joint company' };
    expectCommandResult(await request(t.http).post('/people').set('authorization', t.tokens.compliance).send(self));
    expectCommandResult(await request(t.http).post('/people').set('authorization', t.tokens.compliance).send({ ...self, displayName: 'Claire Dubois' }));
  });

  it('shows e-mail addresses to admins and to the person only: others see names and organisations', async () => {
    const claire = { subject: 'compliance-1', displayName: 'Claire Dubois', email: 'claire@example.fr' };
    await request(t.http).post('/people').set('authorization', t.tokens.admin).send(claire).expect(201);
    for (const role of ['auditor', 'compliance'] as const) {
      const res = await request(t.http).get('/people/paul.passi').set('authorization', t.tokens[role]).expect(200);
      expect(res.body).toMatchObject({ subject: 'paul.passi', displayName: paul.displayName, erased: false });
      expect(Object.keys(res.body).sort()).toEqual(['displayName', 'erased', 'organisation', 'subject']);
      const list = await request(t.http).get('/people').set('authorization', t.tokens[role]).expect(200);
      const emails = (list.body.items as { subject: string; email?: string }[]).map((person) => [person.subject, person.email]);
      expect(emails).toEqual(role === 'compliance' ? [['compliance-1', claire.email], ['paul.passi', undefined]] : [['compliance-1', undefined], ['paul.passi', undefined]]);
    }
    expect((await request(t.http).get('/people/compliance-1').set('authorization', t.tokens.compliance).expect(200)).body.email).toBe(claire.email);
    expect((await request(t.http).get('/people/paul.passi').set('authorization', t.tokens.admin).expect(200)).body.email).toBe(paul.email);
    const all = await request(t.http).get('/people').set('authorization', t.tokens.admin).expect(200);
    expect(all.body.items.map((person: { email: string }) => person.email)).toEqual([claire.email, paul.email]);
    expectProblem(await request(t.http).get('/people').set('authorization', t.tokens.metrics), 403);
  });
});

describe('tokens in the address', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-query-token-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('are refused, never taken as credentials, and never written to the log', async () => {
    const created = await runCli(dataDir, ['token', 'create', '--role', 'auditor', '--subject', 'query-reader']);
    const token = created.stdout.trim().split('\n').pop() as string;
    const server = await startServerProcess(dataDir);
    try {
      for (const query of [`access_token=${token}`, `token=${token}`, `limit=5&x=${token}`]) {
        const res = await request(server.url).get(`/timeline?${query}`);
        expectProblem(res, 400);
        expect(res.body.detail).toContain('Authorization header only');
      }
    } finally {
      await server.kill('SIGTERM');
    }
    const logs = server.output();
    expect(logs).toContain('/timeline?');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.slice(4));
  });
});
