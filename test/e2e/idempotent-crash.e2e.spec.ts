import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { eventsFile, loadConfig } from '../../src/config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { SystemClock } from '../../src/shared/clock';
import { runCli } from '../support/test-app';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const KILLS = 3;
const WRITERS = 8;

interface Answer {
  status: number;
  body: unknown;
  etag: string | undefined;
}

/** One command a client sends, and resends with the same Idempotency-Key until it gets an answer. */
interface Sent {
  key: string;
  path: string;
  body: Record<string, unknown>;
  /** The unique text that finds its event in the log: a milestone's or incident's title, a slip's reason. */
  mark: string;
  first?: Answer;
}

describe('crash safety of retries: Idempotency-Keys across SIGKILLs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-idempotent-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records every command once, however often it is retried across crashes, and answers every retry with the first answer', async () => {
    const created = await runCli(dataDir, ['token', 'create', '--role', 'compliance', '--subject', 'retrying-client']);
    const auth = `Bearer ${created.stdout.trim().split('\n').pop()}`;
    const sent: Sent[] = [];
    const send = async (server: ServerProcess, command: Sent): Promise<Answer | null> => {
      const res = await request(server.url).post(command.path).set('authorization', auth).set('idempotency-key', command.key).send(command.body).catch(() => null);
      return res && { status: res.status, body: res.body, etag: res.headers.etag };
    };
    let shared: string | null = null;
    let serial = 0;
    const commandOf = (round: number, writer: number, i: number): Sent => {
      const key = `r${round}-w${writer}-${i}`;
      // Every slip moves the milestone to a date of its own: slipping to the date it already has is refused (400).
      const day = new Date(Date.UTC(2023, 0, 1) + ++serial * 86_400_000).toISOString().slice(0, 10);
      switch (i % 3) {
        case 0:
          return { key, mark: `milestone ${key}`, path: '/milestones', body: { title: `milestone ${key}`, kind: 'operational', plannedFor: '2023-01-01' } };
        case 1:
          return { key, mark: `slip ${key}`, path: `/milestones/${shared}/slipped`, body: { plannedFor: day, reason: `slip ${key}` } };
        default:
          return { key, mark: `incident ${key}`, path: '/incidents', body: { title: `incident ${key}`, severity: 'low', detectedAt: '2024-03-12T09:40:00Z', personalData: false, significant: false } };
      }
    };
    const unanswered = () => sent.filter((command) => !command.first);
    /** Resends every command that got no answer, until each gets one (the server is up). */
    const retryUnanswered = async (server: ServerProcess) => {
      for (const command of unanswered()) {
        const answer = await send(server, command);
        expect(answer).not.toBeNull();
        command.first = answer!;
      }
    };

    for (let round = 0; round <= KILLS; round++) {
      const server = await startServerProcess(dataDir);
      shared ??= (await request(server.url).post('/milestones').set('authorization', auth).send({ title: 'shared', kind: 'corporate', plannedFor: '2022-01-01' }).expect(201)).body.id;
      await retryUnanswered(server);
      if (round === KILLS) {
        await server.kill('SIGTERM');
        break;
      }
      let running = true;
      const writer = async (n: number) => {
        for (let i = 0; running; i++) {
          const command = commandOf(round, n, i);
          sent.push(command);
          const answer = await send(server, command);
          if (!answer) return;
          command.first = answer;
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, n) => writer(n));
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 600));
      await server.kill('SIGKILL');
      running = false;
      await Promise.all(writers);
    }

    // Every command was answered in the end; none with a 400 or any other refusal (keys are unique, bodies valid).
    expect(unanswered()).toEqual([]);
    expect(sent.filter((command) => command.first!.status !== 201).map((command) => [command.key, command.first])).toEqual([]);
    expect(sent.length).toBeGreaterThan(KILLS * WRITERS);

    // Every retry of an answered command, after all those crashes, gets its first answer again.
    const server = await startServerProcess(dataDir);
    try {
      const queue = [...sent];
      const replay = async () => {
        for (let command = queue.pop(); command; command = queue.pop()) {
          const res = await request(server.url).post(command.path).set('authorization', auth).set('idempotency-key', command.key).send(command.body);
          expect({ key: command.key, status: res.status, body: res.body, etag: res.headers.etag, replayed: res.headers['idempotent-replayed'] }).toEqual({ key: command.key, ...command.first, replayed: 'true' });
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, replay));
    } finally {
      await server.kill('SIGTERM');
    }

    const verify = await runCli(dataDir, ['verify']);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);

    // Exactly one event per command, found by its unique title or reason, where its answer says.
    const store = SqliteEventStore.open(eventsFile(loadConfig({ DATA_DIR: dataDir })), new SystemClock());
    try {
      const byMark = new Map<string, { id: string; stream: string }[]>();
      for await (const event of store.readAll()) {
        const mark = String(event.data.title ?? event.data.reason ?? '');
        byMark.set(mark, [...(byMark.get(mark) ?? []), { id: event.id, stream: event.stream }]);
      }
      const duplicated = [...byMark].filter(([mark, events]) => mark !== '' && events.length > 1).map(([mark]) => mark);
      expect(duplicated).toEqual([]);
      for (const command of sent) {
        const answer = command.first!.body as { stream: string; eventIds: string[] };
        expect({ key: command.key, events: byMark.get(command.mark) }).toEqual({ key: command.key, events: [{ id: answer.eventIds[0], stream: answer.stream }] });
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
