import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ReadModelStore } from '../../src/read-side/read-model-store';
import { PROJECTIONS } from '../../projections';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

describe('the confiance CLI beside a running server', () => {
  let t: TestApp;
  const scratch = mkdtempSync(join(tmpdir(), 'confiance-cli-'));
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const milestone = (title: string) => ({ title, kind: 'operational', plannedFor: '2023-01-15' });

  it('creates a token that works at once, records who got access, and revokes it', async () => {
    const created = await runCli(t.dataDir, ['token', 'create', '--role', 'compliance', '--subject', 'bob', '--name', 'laptop']);
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split('\n');
    const token = lines[lines.length - 1];
    expect(token).toMatch(/^cfd_[\w-]{43}$/);
    const tokenId = /token (\S+) for bob/.exec(created.stdout)![1];

    const res = await request(t.http).post('/milestones').set('authorization', `Bearer ${token}`).send(milestone('by bob')).expect(201);
    const [event] = (await t.events()).filter((e) => e.id === res.body.eventIds[0]);
    expect(event.metadata.actor).toBe('bob');
    expect((await t.events()).find((e) => e.type === 'TokenIssued')).toMatchObject({ stream: `token-${tokenId}`, data: { subject: 'bob', role: 'compliance' } });
    expect(JSON.stringify(await t.events())).not.toContain(token);

    expect((await runCli(t.dataDir, ['token', 'revoke', tokenId])).code).toBe(0);
    expectProblem(await request(t.http).post('/milestones').set('authorization', `Bearer ${token}`).send(milestone('x')), 401);
    const wrongRole = await runCli(t.dataDir, ['token', 'create', '--role', 'root', '--subject', 'eve']);
    expect(wrongRole.code).not.toBe(0);
    expect(wrongRole.stderr).toContain('Allowed choices are admin, compliance, auditor, metrics');
  });

  it('replays read models from another process to the same documents the server keeps live', async () => {
    for (let i = 0; i < 20; i++) {
      await request(t.http).post('/milestones').set('authorization', t.tokens.compliance).send(milestone(`m${i}`)).expect(201);
    }
    const head = (await request(t.http).get('/health')).body.headPosition;
    await request(t.http).get(`/timeline?minPosition=${head}`).set('authorization', t.tokens.auditor).expect(200);
    const readModels = t.app.get(ReadModelStore);
    const live = readModels.list('timeline');
    const replayed = await runCli(t.dataDir, ['replay', '--projection', 'timeline']);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain(`rebuilt timeline from ${head} events`);
    expect(readModels.list('timeline')).toEqual(live);
    // Every read model: in threads of their own, each reading the log.
    const everyModel = () => Object.fromEntries(PROJECTIONS.map((p) => [p.name, readModels.list(p.name)]));
    const liveModels = everyModel();
    const all = await runCli(t.dataDir, ['replay']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`from ${head} events`);
    expect(everyModel()).toEqual(liveModels);
    expect(readModels.lanes().filter((l) => l.state !== 'active')).toEqual([]);
    const unknown = await runCli(t.dataDir, ['replay', '--projection', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown read model nope');
  });

  it('backs up online while commands arrive; the restored copy verifies', async () => {
    const writes = Promise.all(
      Array.from({ length: 30 }, (_, i) => request(t.http).post('/milestones').set('authorization', t.tokens.compliance).send(milestone(`busy ${i}`))),
    );
    const backupFile = join(scratch, 'ledger.db');
    const backup = await runCli(t.dataDir, ['backup', '--out', backupFile]);
    await writes;
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/events in \d+ streams, \d+ pages, verified/);

    const restored = join(scratch, 'restored');
    rmSync(restored, { recursive: true, force: true });
    mkdirSync(restored);
    copyFileSync(backupFile, join(restored, 'events.db'));
    const verify = await runCli(restored, ['verify']);
    expect(verify.code).toBe(0);
    const copied = Number(/OK (\d+) events/.exec(verify.stdout)![1]);
    expect(copied).toBeGreaterThan(20);
    expect(copied).toBeLessThanOrEqual((await t.events()).length);
    expect((await runCli(t.dataDir, ['backup', '--out', backupFile])).stderr).toContain('exists');
  });
});
