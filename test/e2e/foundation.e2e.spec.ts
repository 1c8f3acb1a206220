import Database from 'better-sqlite3';
import request from 'supertest';
import { eventsFile } from '../../src/config';
import { runCli, startTestApp, type TestApp } from '../support/test-app';

const newEvent = (id: string, data: Record<string, unknown>) => ({
  id,
  type: 'ControlCheckRecorded',
  data,
  actor: 'alice',
  correlationId: 'corr-1',
});

describe('event log foundation over HTTP and the CLI', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('reports health with a null head on an empty log, then the head position', async () => {
    const empty = await request(t.http).get('/health').expect(200);
    expect(empty.body).toMatchObject({ status: 'ok', store: 'sqlite', headPosition: null });
    expect(empty.body.projections.certifications).toEqual({ position: null, lag: 0 });
    const appended = await t.store.append('control-x', [newEvent('e1', { n: 1 })], 'no_stream');
    const after = await request(t.http).get('/health').expect(200);
    expect(after.body.headPosition).toBe(appended.position);
  });

  it('answers malformed JSON with problem+json and unknown routes with 404 problems', async () => {
    const bad = await request(t.http).post('/health').set('content-type', 'application/json').send('{"a":');
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const missing = await request(t.http).get('/nowhere').expect(404);
    expect(missing.body).toMatchObject({ status: 404, type: 'urn:confiance:problem:not_found', instance: '/nowhere' });
  });

  it('names the event whose stored bytes were changed, in /integrity and in `confiance verify`', async () => {
    await t.store.append('control-a', [newEvent('a0', { result: 'passed' }), newEvent('a1', { result: 'passed' })], 'no_stream');
    const target = await t.store.append('control-b', [newEvent('b0', { result: 'passed' }), newEvent('b1', { result: 'failed' })], 'no_stream');
    await t.store.append('control-b', [newEvent('b2', { result: 'passed' })], 1);

    const sound = await request(t.http).get('/integrity').set('authorization', t.tokens.auditor).expect(200);
    expect(sound.body).toMatchObject({ ok: true, events: 5, streams: 2, firstBroken: null });
    const verified = await runCli(t.dataDir, ['verify']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^OK 5 events in 2 streams/);

    // One byte: "failed" becomes "failee", as someone editing the file would.
    const db = new Database(eventsFile(t.config));
    db.prepare("UPDATE events SET data = replace(data, 'failed', 'failee') WHERE stream = 'control-b' AND revision = 1").run();
    db.close();

    const broken = await request(t.http).get('/integrity').set('authorization', t.tokens.auditor).expect(200);
    expect(broken.body.ok).toBe(false);
    expect(broken.body.firstBroken).toEqual({
      stream: 'control-b',
      revision: 1,
      position: target.position,
      reason: 'content does not match its recorded hash',
    });
    const cli = await runCli(t.dataDir, ['verify']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`BROKEN control-b revision 1 (position ${target.position})`);
  });
});
