import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { generateFile } from '../../bench/generate';
import { createApp } from '../../src/app';
import { TokenStore } from '../../src/auth/token-store';
import { loadConfig } from '../../src/config';
import { FixedClock } from '../../src/shared/clock';

/**
 * As-of answers over HTTP on a ledger long enough for snapshots: the server
 * that took them while catching up answers exactly as a server that has none
 * and replays from the start.
 */
describe('as-of answers from snapshots, over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-snapshots-e2e-'));
  const snapshotsFile = join(dataDir, 'read-models-snapshots.db');
  const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
  const positions = ['10000', '10001', '17345', '23999'];
  const paths = (asOf: string) => [
    `/certifications/svc-001?asOf=${asOf}`,
    `/certifications/svc-001/requirements?asOf=${asOf}&limit=40&after=12.1.a`,
    `/certifications/svc-002/requirements?asOf=${asOf}&status=failed&limit=10`,
    `/incidents?asOf=${asOf}&limit=25`,
    `/findings?asOf=${asOf}&limit=25`,
    `/timeline?asOf=${asOf}&limit=25`,
    `/certifications/svc-001/dossier?asOf=${asOf}`,
  ];

  async function answers(): Promise<Record<string, unknown>> {
    const app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0' }), { clock, logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const token = `Bearer ${app.get(TokenStore).create('auditor', 'auditor-1', null, new Date()).token}`;
      const http = (app as NestFastifyApplication).getHttpServer();
      const bodies: Record<string, unknown> = {};
      for (const asOf of positions) {
        for (const path of paths(asOf)) {
          const res = await request(http).get(path).set('authorization', token);
          expect([path, res.status]).toEqual([path, 200]);
          bodies[path] = res.body;
        }
      }
      return bodies;
    } finally {
      await app.close();
    }
  }

  let fromSnapshots: Record<string, unknown>;

  beforeAll(async () => {
    await generateFile(join(dataDir, 'events.db'), 24_000, 3);
  }, 60_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers past points from the snapshots the runner took while catching up', async () => {
    fromSnapshots = await answers();
    const db = new Database(snapshotsFile, { readonly: true });
    const taken = db.prepare('SELECT position FROM snapshots ORDER BY position').pluck().all();
    db.close();
    expect(taken).toEqual([10_000, 20_000]);
    expect(Object.keys(fromSnapshots)).toHaveLength(positions.length * paths('x').length);
  }, 120_000);

  it('answers them exactly as a replay from the start does', async () => {
    // Without the snapshot file, a server whose read models are at the head has no snapshot in the past.
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${snapshotsFile}${suffix}`, { force: true });
    const fromStart = await answers();
    expect(fromSnapshots).toEqual(fromStart);
  }, 120_000);
});
