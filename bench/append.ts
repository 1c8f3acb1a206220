import { join } from 'node:path';
import { openDatabase } from '../src/shared/sqlite';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { SystemClock } from '../src/shared/clock';
import { inScratchDir, printRows, ratePerSecond, type BenchRow } from './support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const payload = { requirement: '12.6.c', result: 'passed', method: 'automated', performedAt: '2022-06-30T09:00:00Z', notes: 'x'.repeat(200) };

/** The same durability as ours (WAL, synchronous=FULL), one insert per transaction: one fsync per event. */
export async function rawInserts(dir: string): Promise<number> {
  const db = openDatabase(join(dir, 'raw.db'));
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, stream TEXT, revision INTEGER, data TEXT, UNIQUE (stream, revision))');
  const insert = db.prepare('INSERT INTO events (id, stream, revision, data) VALUES (?, ?, ?, ?)');
  let n = 0;
  const rate = await ratePerSecond(SECONDS, () => {
    insert.run(`raw-${n}`, 'control-raw', n, JSON.stringify(payload));
    n += 1;
    return 1;
  });
  db.close();
  return rate;
}

/** Durable appends through the port: each awaited append is acknowledged after its commit. */
async function portAppends(dir: string, appenders: number): Promise<number> {
  const store = SqliteEventStore.open(join(dir, `port-${appenders}.db`), new SystemClock());
  const revisions = new Array<number>(appenders).fill(-1);
  let ids = 0;
  const appendNext = async (appender: number) => {
    const expected = revisions[appender] < 0 ? 'no_stream' : revisions[appender];
    const result = await store.append(
      `control-bench${appender}`,
      [{ id: `e-${(ids += 1)}`, type: 'ControlCheckRecorded', data: payload, actor: 'bench', correlationId: 'bench' }],
      expected,
    );
    revisions[appender] = result.revision;
  };
  const rate = await ratePerSecond(SECONDS, async () => {
    await Promise.all(Array.from({ length: appenders }, (_, appender) => appendNext(appender)));
    return appenders;
  });
  await store.close();
  return rate;
}

export async function benchAppend(): Promise<BenchRow[]> {
  return inScratchDir(async (dir) => {
    const raw = await rawInserts(dir);
    const rows: BenchRow[] = [];
    for (const appenders of [1, 16]) {
      rows.push({
        name: `append, ${appenders} concurrent appender${appenders > 1 ? 's' : ''}`,
        baseline: 'raw better-sqlite3 insert+fsync',
        baselineValue: raw,
        ours: await portAppends(dir, appenders),
        unit: 'events/s',
        higherIsBetter: true,
        // Group commit must beat one fsync per insert once appends run concurrently.
        target: appenders > 1 ? 1 : undefined,
      });
    }
    return rows;
  });
}

if (require.main === module) {
  benchAppend().then((rows) => printRows('Durable appends (WAL, synchronous=FULL)', rows));
}
