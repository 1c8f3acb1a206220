import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { eventsFile, loadConfig, readModelsFile } from '../../src/config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ReadModelStore } from '../../src/read-side/read-model-store';
import { projectUpTo } from '../../src/read-side/as-of';
import { PROJECTIONS } from '../../projections';
import { SystemClock } from '../../src/shared/clock';
import { runCli } from '../support/test-app';
import { startServerProcess } from '../support/server-process';

const ROUNDS = 4;
const CLIENTS = 8;

describe('crash safety: SIGKILL at random moments under concurrent commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged command, leaves no partial write, and read models equal a full replay', async () => {
    const created = await runCli(dataDir, ['token', 'create', '--role', 'compliance', '--subject', 'crash-tester']);
    const auth = `Bearer ${created.stdout.trim().split('\n').pop()}`;
    const acknowledged: { eventIds: string[]; stream: string; revision: number }[] = [];
    let shared: string | null = null;

    for (let round = 0; round < ROUNDS; round++) {
      const server = await startServerProcess(dataDir);
      if (!shared) {
        shared = (await request(server.url).post('/milestones').set('authorization', auth).send({ title: 'shared', kind: 'corporate', plannedFor: '2022-01-01' })).body.id;
      }
      let running = true;
      const client = async (n: number) => {
        for (let i = 0; running; i++) {
          // Half the commands contend on one stream, half create new ones.
          const res =
            i % 2 === 0
              ? await request(server.url).post(`/milestones/${shared}/slipped`).set('authorization', auth).send({ plannedFor: `2023-01-${String((i % 28) + 1).padStart(2, '0')}`, reason: `r${round}-${n}-${i}` }).catch(() => null)
              : await request(server.url).post('/milestones').set('authorization', auth).send({ title: `m${round}-${n}-${i}`, kind: 'operational', plannedFor: '2023-01-01' }).catch(() => null);
          if (res?.status === 201) acknowledged.push(res.body);
          else if (!res) return;
        }
      };
      const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
      await server.kill('SIGKILL');
      running = false;
      await Promise.all(clients);
    }
    expect(acknowledged.length).toBeGreaterThan(ROUNDS * 10);

    const verify = await runCli(dataDir, ['verify']);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);

    const config = loadConfig({ DATA_DIR: dataDir });
    const server = await startServerProcess(dataDir);
    const head = (await request(server.url).get('/health').expect(200)).body.headPosition;
    await request(server.url).get(`/timeline?minPosition=${head}`).set('authorization', auth).expect(200);
    await server.kill('SIGTERM');

    const store = SqliteEventStore.open(eventsFile(config), new SystemClock());
    try {
      const recorded = new Map<string, { stream: string; revision: number }>();
      for await (const event of store.readAll()) recorded.set(event.id, event);
      for (const ack of acknowledged) {
        for (const id of ack.eventIds) expect(recorded.get(id)).toMatchObject({ stream: ack.stream });
        expect(recorded.get(ack.eventIds[ack.eventIds.length - 1])!.revision).toBe(ack.revision);
      }
      const replayed = await projectUpTo(store, head);
      const readModels = new ReadModelStore(readModelsFile(config));
      for (const projection of PROJECTIONS) {
        expect(readModels.list(projection.name)).toEqual(replayed.list(projection.name));
      }
      readModels.close();
    } finally {
      await store.close();
    }
  });
});
