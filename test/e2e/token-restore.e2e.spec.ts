import request from 'supertest';
import { openRegistry } from '../../src/registry/registry-database';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

const lastLine = (stdout: string) => stdout.trim().split('\n').at(-1)!;

describe("tokens as facts of the log: the registry's tokens rebuilt from it", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function create(role: string, subject: string, name: string) {
    const created = await runCli(t.dataDir, ['token', 'create', '--role', role, '--subject', subject, '--name', name]);
    expect(created.code).toBe(0);
    return { id: /token (\S+) for/.exec(created.stdout)![1], token: lastLine(created.stdout) };
  }
  const timeline = (token: string) => request(t.http).get('/timeline').set('authorization', `Bearer ${token}`);

  it('restores every working token after the tokens table is lost, and keeps revoked and rotated ones refused', async () => {
    const admin = await create('admin', 'admin-2', 'console');
    const laptop = await create('auditor', 'paul.passi', 'laptop');
    const revoked = await create('auditor', 'paul.passi', 'old-laptop');
    expect((await runCli(t.dataDir, ['token', 'revoke', revoked.id])).code).toBe(0);
    const scanner = await create('metrics', 'prometheus', 'scanner');
    const rotated = await runCli(t.dataDir, ['token', 'rotate', scanner.id, '--grace-hours', '0']);
    const fresh = lastLine(rotated.stdout);
    expect(JSON.stringify(await t.events())).not.toContain(laptop.token);

    const registry = openRegistry(t.config);
    registry.exec('DELETE FROM tokens');
    registry.close();
    expectProblem(await timeline(laptop.token), 401);

    const restored = await runCli(t.dataDir, ['token', 'restore']);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('restored 5 tokens from the log');
    await timeline(laptop.token).expect(200);
    await request(t.http).get('/metrics').set('authorization', `Bearer ${fresh}`).expect(200);
    expectProblem(await timeline(revoked.token), 401);
    expectProblem(await request(t.http).get('/metrics').set('authorization', `Bearer ${scanner.token}`), 401);
    const listed = (await request(t.http).get('/tokens').set('authorization', `Bearer ${admin.token}`).expect(200)).body.items as Record<string, unknown>[];
    expect(listed.find((token) => token.id === laptop.id)).toMatchObject({ name: 'laptop', subject: 'paul.passi', role: 'auditor', status: 'active' });
    expect(listed.find((token) => token.id === scanner.id)).toMatchObject({ status: 'revoked', replacedBy: expect.any(String) });

    // Restoring again changes nothing: the same rows, the same answers.
    expect((await runCli(t.dataDir, ['token', 'restore'])).stdout).toContain('restored 5 tokens');
    await timeline(laptop.token).expect(200);
  });
});
