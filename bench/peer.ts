import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { SystemClock } from '../src/shared/clock';
import { projectRoot } from '../src/shared/project-root';
import { inScratchDir, printRows, type BenchRow } from './support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENT = 16;
const READ_STREAMS = 16;
const READ_EVENTS_PER_STREAM = 200;
const payload = { requirement: '12.6.c', result: 'passed', method: 'automated', performedAt: '2022-06-30T09:00:00Z', notes: 'x'.repeat(200) };

/** The part of Emmett's SQLite event store the bench calls (@event-driven-io/emmett-sqlite 0.38.5). */
interface EmmettStore {
  appendToStream(stream: string, events: { type: string; data: unknown }[]): Promise<unknown>;
  readStream(stream: string): Promise<{ events: unknown[] }>;
}
type EmmettModule = { getSQLiteEventStore(options: { fileName: string; schema?: { autoMigration?: 'CreateOrUpdate' } }): EmmettStore };

const PEER_DIR = join(projectRoot(), 'peers/emmett');
export const PEER_INSTALL_HINT = 'Emmett row skipped: install the peer first with `npm ci --prefix peers/emmett --build-from-source --nodedir=/usr` (its sqlite3 is compiled here; see README, Performance)';

function loadEmmett(): EmmettModule | null {
  if (!existsSync(join(PEER_DIR, 'node_modules/@event-driven-io/emmett-sqlite'))) return null;
  return createRequire(join(PEER_DIR, 'package.json'))('@event-driven-io/emmett-sqlite') as EmmettModule;
}

/** One store's operations, measured the same way whatever the store. */
interface Measured {
  append(stream: string): Promise<void>;
  read(stream: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Appends from `appenders` loops, each on its own stream, until the deadline:
 * appends acknowledged per second. Failed appends (a busy database) are counted
 * apart and not as appends.
 */
async function appendRate(store: Measured, prefix: string, appenders: number): Promise<{ rate: number; failed: number; firstError: string }> {
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  let done = 0;
  let failed = 0;
  let firstError = '';
  await Promise.all(
    Array.from({ length: appenders }, async (_, appender) => {
      while (performance.now() < deadline) {
        try {
          await store.append(`${prefix}-${appender}`);
          done += 1;
        } catch (error) {
          failed += 1;
          firstError ||= String(error);
        }
      }
    }),
  );
  return { rate: done / ((performance.now() - start) / 1000), failed, firstError };
}

async function readRate(store: Measured): Promise<number> {
  for (let stream = 0; stream < READ_STREAMS; stream++) for (let i = 0; i < READ_EVENTS_PER_STREAM; i++) await store.append(`read-${stream}`);
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  let events = 0;
  while (performance.now() < deadline) for (let stream = 0; stream < READ_STREAMS; stream++) events += await store.read(`read-${stream}`);
  return events / ((performance.now() - start) / 1000);
}

function confiance(file: string): Measured {
  const store = SqliteEventStore.open(file, new SystemClock());
  const revisions = new Map<string, number>();
  let ids = 0;
  return {
    append: async (stream) => {
      const revision = revisions.get(stream);
      const result = await store.append(
        `control-${stream}`,
        [{ id: `e-${(ids += 1)}`, type: 'ControlCheckRecorded', data: payload, actor: 'bench', correlationId: 'bench' }],
        revision === undefined ? 'no_stream' : revision,
      );
      revisions.set(stream, result.revision);
    },
    read: async (stream) => {
      let events = 0;
      for await (const _event of store.readStream(`control-${stream}`)) events += 1;
      return events;
    },
    close: () => store.close(),
  };
}

function emmett(module: EmmettModule, file: string): Measured {
  const store = module.getSQLiteEventStore({ fileName: file, schema: { autoMigration: 'CreateOrUpdate' } });
  return {
    append: async (stream) => void (await store.appendToStream(`control-${stream}`, [{ type: 'ControlCheckRecorded', data: payload }])),
    read: async (stream) => (await store.readStream(`control-${stream}`)).events.length,
    close: async () => undefined,
  };
}

/** Each operation on both stores in the same run: Emmett's figure is the baseline, ours must be ahead (ratio ≥ 1). */
export async function benchPeer(): Promise<BenchRow[] | null> {
  const module = loadEmmett();
  if (module === null) return null;
  // Under concurrent appends Emmett's store rejects promises nobody awaits (its one connection is shared): counted, not fatal.
  // Some settle after the measure, so the listener stays, and says so.
  let unawaited = 0;
  let measuring = true;
  process.on('unhandledRejection', (reason) => {
    unawaited += 1;
    if (!measuring) console.error(`unawaited rejection after the peer bench: ${String(reason)}`);
  });
  try {
    return await measureBoth(module, () => unawaited);
  } finally {
    measuring = false;
  }
}

async function measureBoth(module: EmmettModule, unawaited: () => number): Promise<BenchRow[]> {
  return inScratchDir(async (dir) => {
    const rows: BenchRow[] = [];
    // A store of each per measure, on files of their own: a connection one measure left broken cannot spoil the next.
    const measure = async <T>(name: string, run: (store: Measured) => Promise<T>): Promise<{ emmett: T; ours: T }> => {
      const peer = emmett(module, join(dir, `emmett-${name}.db`));
      const ours = confiance(join(dir, `confiance-${name}.db`));
      try {
        return { emmett: await run(peer), ours: await run(ours) };
      } finally {
        await peer.close();
        await ours.close();
      }
    };
    for (const appenders of [1, CONCURRENT]) {
      const { emmett: peer, ours } = await measure(`append-${appenders}`, (store) => appendRate(store, 'bench', appenders));
      if (peer.failed + ours.failed > 0) console.log(`appends refused with ${appenders} appenders: Emmett ${peer.failed} (${peer.firstError}; ${unawaited()} rejections so far that it left unawaited), Confiance ${ours.failed}`);
      rows.push({
        name: `durable appends, ${appenders} ${appenders > 1 ? 'concurrent appenders' : 'appender (sequential)'}`,
        baseline: 'Emmett SQLite event store 0.38.5',
        baselineValue: peer.rate,
        ours: ours.rate,
        unit: 'events/s',
        higherIsBetter: true,
        target: 1,
      });
    }
    const reads = await measure('reads', readRate);
    rows.push({
      name: `reads of whole streams (${READ_STREAMS} streams of ${READ_EVENTS_PER_STREAM} events)`,
      baseline: 'Emmett SQLite event store 0.38.5',
      baselineValue: reads.emmett,
      ours: reads.ours,
      unit: 'events/s',
      higherIsBetter: true,
      target: 1,
    });
    return rows;
  });
}

if (require.main === module) {
  benchPeer().then((rows) => (rows === null ? console.log(PEER_INSTALL_HINT) : printRows('Against a peer: Emmett on SQLite (target: ratio ≥ 1 on every row)', rows)));
}
