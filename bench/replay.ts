import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { EVENT_COLUMNS } from '../src/event-store/sqlite/event-rows';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { ReadModelStore } from '../src/read-side/read-model-store';
import { replay } from '../src/read-side/replay';
import { PROJECTIONS } from '../projections';
import { SystemClock } from '../src/shared/clock';
import { generateFile } from './generate';
import { inScratchDir, printRows, type BenchRow } from './support';

export const BENCH_EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);

/** The floor any rebuild pays: every row (the same columns) read in order, its data parsed, nothing kept. */
function rawScan(file: string): number {
  const db = new Database(file, { readonly: true });
  const select = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT 1000`);
  const start = performance.now();
  let after = 0;
  let parsed = 0;
  for (;;) {
    const rows = select.all(after) as { position: number; data: string }[];
    for (const row of rows) parsed += JSON.parse(row.data) ? 1 : 0;
    if (rows.length < 1000) break;
    after = rows[rows.length - 1].position;
  }
  db.close();
  return parsed / ((performance.now() - start) / 1000);
}

interface Rebuilt {
  rate: number;
  peakRssMb: number;
  events: number;
}

/** The rebuild in a process of its own, so that its peak RSS is the rebuild's alone. */
function rebuildInChild(dir: string, file: string): Promise<Rebuilt> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['rebuild', dir, file]);
    child.once('message', (result) => resolve(result as Rebuilt));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the rebuild exited with ${code}`))));
  });
}

/** Every read model rebuilt from the whole log into fresh generations, as `confiance replay` does. */
async function rebuild(dir: string, file: string): Promise<Rebuilt> {
  const store = SqliteEventStore.open(file, new SystemClock());
  const readModels = new ReadModelStore(join(dir, 'read-models.db'));
  const report = await replay(store, readModels, [...PROJECTIONS]);
  readModels.close();
  await store.close();
  return { rate: report.events / (report.durationMs / 1000), peakRssMb: process.resourceUsage().maxRSS / 1024, events: report.events };
}

export async function benchReplay(events = BENCH_EVENTS): Promise<BenchRow[]> {
  return inScratchDir(async (dir) => {
    const file = join(dir, 'events.db');
    const generated = await generateFile(file, events);
    console.log(`generated ${generated.events.toLocaleString('en')} events in ${generated.seconds.toFixed(1)} s`);
    const raw = rawScan(file);
    const ours = await rebuildInChild(dir, file);
    console.log(`replay: peak RSS of the rebuilding process ${ours.peakRssMb.toFixed(0)} MB`);
    return [
      { name: `replay every read model, ${ours.events.toLocaleString('en')} events`, baseline: 'raw SELECT + JSON.parse', baselineValue: raw, ours: ours.rate, unit: 'events/s', higherIsBetter: true, target: 0.5 },
    ];
  });
}

if (require.main === module && process.argv[2] === 'rebuild') {
  rebuild(process.argv[3], process.argv[4]).then((result) => process.send?.(result, () => process.exit(0)));
} else if (require.main === module) {
  benchReplay().then((rows) => printRows('Replay (rebuild every read model)', rows));
}
