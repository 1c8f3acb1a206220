import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, runCli, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

describe('points in time: asOf, from, to and business dates name only points that exist', () => {
  let t: TestApp;
  let head: string;
  beforeAll(async () => {
    t = await startTestApp();
    const created = expectCommandResult(await request(t.http).post('/milestones').set('authorization', t.tokens.compliance).send({ title: 'Joint company created', kind: 'corporate', plannedFor: '2022-06-30' }));
    head = created.position;
  });
  afterAll(() => t.close());
  const read = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor);

  it('refuses asOf beyond the head of the log with 400 naming asOf', async () => {
    const res = await read(`/timeline?asOf=${Number(head) + 1}`);
    expectProblem(res, 400, 'asOf');
    expect(res.body.detail).toContain(`beyond the head of the log (${head})`);
    expectProblem(await read('/timeline?asOf=999999'), 400, 'asOf');
    expect((await read(`/timeline?asOf=${head}`)).status).toBe(200);
  });

  it('waits for a position not yet reached when minPosition asks for it, and answers once it exists', async () => {
    const next = String(Number(head) + 1);
    const pending = read(`/timeline?asOf=${next}&minPosition=${next}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const created = expectCommandResult(await request(t.http).post('/milestones').set('authorization', t.tokens.compliance).send({ title: 'Operations start', kind: 'operational', plannedFor: '2023-03-31' }));
    expect(created.position).toBe(next);
    expect((await pending).status).toBe(200);
  });

  it.each([
    ['an impossible day', '2024-02-30T00:00:00Z'],
    ['a 25th hour', '2024-02-01T25:00:00Z'],
    ['no zone', '2024-02-01T10:00:00'],
    ['a date alone', '2024-02-01'],
    ['an instant before 1970', '1969-12-31T23:59:59Z'],
    ['an instant in the future', '2999-01-01T00:00:00Z'],
  ])('refuses %s as asOf, from and to with 400 naming the parameter', async (_, point) => {
    expectProblem(await read(`/timeline?asOf=${encodeURIComponent(point)}`), 400, 'asOf');
    expectProblem(await read(`/events?to=${encodeURIComponent(point)}`), 400, 'to');
    expectProblem(await read(`/diff?certificationId=c&from=${encodeURIComponent(point)}`), 400, 'from');
  });

  it('says what to send instead of a date alone', async () => {
    const res = await read('/timeline?asOf=2024-02-01');
    expect(res.body.detail).toContain('2024-02-01T23:59:59Z');
  });

  it('takes a leap day and an offset instant', async () => {
    expect((await read('/timeline?asOf=2024-02-29T12:00:00%2B02:00')).status).toBe(200);
  });

  it.each([
    ['the year 1', { plannedFor: '0001-01-01' }, 'plannedFor'],
    ['1969', { occurredOn: '1969-07-21' }, 'occurredOn'],
    ['30 February', { plannedFor: '2023-02-30' }, 'plannedFor'],
  ])('refuses a business date in %s, appending nothing', async (_, dates, field) => {
    const before = (await t.events()).length;
    expectProblem(await request(t.http).post('/milestones').set('authorization', t.tokens.compliance).send({ title: 'Dated', kind: 'corporate', ...dates }), 400, field);
    expect(await t.events()).toHaveLength(before);
  });

  it('refuses an instant before 1970 in a command', async () => {
    const res = await request(t.http).post('/changes').set('authorization', t.tokens.compliance)
      .send({ source: 'Upstream', release: 'r1', description: 'd', receivedAt: '1960-01-01T00:00:00Z' });
    expectProblem(res, 400, 'receivedAt');
  });

  it('refuses --as-of beyond the head in the dossier command, naming it', async () => {
    // The CLI works beside the running server, on the same DATA_DIR.
    const cli = await runCli(t.dataDir, ['dossier', '--certification', 'none', '--as-of', '999999', '--out', join(tmpdir(), `never-${process.pid}.pdf`)]);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('--as-of');
  });
});
