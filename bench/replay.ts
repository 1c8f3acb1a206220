import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_COLUMNS } from '../src/event-store/sqlite/event-rows';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { ReadModelStore } from '../src/read-side/read-model-store';
import { replay } from '../src/read-side/replay';
import { PROJECTIONS } from '../projections';
import { SystemClock } from '../src/shared/clock';
import { generateFile } from './generate';
import { inScratchDir, median, printRows, printVerdicts, verdict, type BenchRow } from './support';

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

/** The bounds of #21: a rebuild at least this fraction of the raw scan's rate (median of the runs), in at most this much memory. */
export const REPLAY_TARGET = 0.6;
export const REPLAY_PEAK_RSS_MB = 600;
const RUNS = Number(process.env.BENCH_REPLAY_RUNS ?? 3);

interface Run {
  raw: number;
  rebuilt: Rebuilt;
  ratio: number;
}

/**
 * The log generated once, then `RUNS` runs of the raw scan followed by a
 * rebuild of every read model into a fresh file: each run's ratio compares
 * figures taken a moment apart, whatever else the machine does meanwhile.
 * The row is the run of median ratio; the peak RSS is the highest of all.
 */
export async function benchReplay(events = BENCH_EVENTS): Promise<BenchRow[]> {
  return inScratchDir(async (dir) => {
    const file = join(dir, 'events.db');
    const generated = await generateFile(file, events);
    console.log(`generated ${generated.events.toLocaleString('en')} events in ${generated.seconds.toFixed(1)} s`);
    const runs: Run[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const raw = rawScan(file);
      const runDir = join(dir, `run-${i}`);
      mkdirSync(runDir);
      const rebuilt = await rebuildInChild(runDir, file);
      rmSync(runDir, { recursive: true, force: true });
      runs.push({ raw, rebuilt, ratio: rebuilt.rate / raw });
      console.log(
        `replay run ${i} of ${RUNS}: raw scan ${fmt(raw)} events/s, replay ${fmt(rebuilt.rate)} events/s, ratio ${(rebuilt.rate / raw).toFixed(2)}, peak RSS ${rebuilt.peakRssMb.toFixed(0)} MB`,
      );
    }
    const ratio = median(runs.map((r) => r.ratio));
    const chosen = runs.find((r) => r.ratio === ratio) as Run;
    const worst = Math.min(...runs.map((r) => r.ratio));
    const peak = Math.max(...runs.map((r) => r.rebuilt.peakRssMb));
    console.log(
      `replay: median ratio ${ratio.toFixed(2)} (runs: ${runs.map((r) => r.ratio.toFixed(2)).join(', ')}; target ≥ ${REPLAY_TARGET} ${ratio >= REPLAY_TARGET ? 'met' : 'MISSED'}, ` +
        `every run ${worst >= REPLAY_TARGET ? 'met' : 'did not'}), peak RSS ${peak.toFixed(0)} MB (target ≤ ${REPLAY_PEAK_RSS_MB} MB ${peak <= REPLAY_PEAK_RSS_MB ? 'met' : 'MISSED'})`,
    );
    verdict(`replay peak RSS, ${chosen.rebuilt.events.toLocaleString('en')} events (highest of ${RUNS} runs)`, `${peak.toFixed(0)} MB`, `≤ ${REPLAY_PEAK_RSS_MB} MB`, peak <= REPLAY_PEAK_RSS_MB);
    return [
      {
        name: `replay every read model, ${chosen.rebuilt.events.toLocaleString('en')} events (median of ${RUNS} runs; worst ${worst.toFixed(2)})`,
        baseline: 'raw SELECT + JSON.parse, same run',
        baselineValue: chosen.raw,
        ours: chosen.rebuilt.rate,
        unit: 'events/s',
        higherIsBetter: true,
        target: REPLAY_TARGET,
      },
    ];
  });
}

const fmt = (rate: number) => Math.round(rate).toLocaleString('en');

if (require.main === module && process.argv[2] === 'rebuild') {
  rebuild(process.argv[3], process.argv[4]).then((result) => process.send?.(result, () => process.exit(0)));
} else if (require.main === module) {
  benchReplay().then((rows) => {
    printRows('Replay (rebuild every read model)', rows);
    printVerdicts();
  });
}
