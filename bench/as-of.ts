import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { DossierService } from '../src/dossier/dossier.service';
import { ProjectionRunner } from '../src/read-side/projection-runner';
import { ReadViews } from '../src/read-side/read-views';
import type { CertificationDoc } from '../projections/certifications';
import { generateFile } from './generate';
import { BENCH_EVENTS } from './replay';
import { inScratchDir, printRows, type BenchRow } from './support';

const POINTS = 5;

/** Fastest of a few runs, so that a busy moment of the shared machine does not decide alone. */
async function secondsOf(action: () => Promise<unknown>, runs = 3): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await action();
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return best;
}

/**
 * The dossier JSON of a certification as of past positions spread over a
 * large log, against the current dossier. Each past point is asked once and
 * for the first time (no cached view): the nearest snapshot plus the events
 * after it. The server catches up the generated log first, taking the
 * snapshots as it goes, as it would have while the log grew.
 */
export async function benchAsOf(events = BENCH_EVENTS): Promise<BenchRow[]> {
  return inScratchDir(async (dir) => {
    const generated = await generateFile(join(dir, 'events.db'), events);
    const started = performance.now();
    const app = await createApp(loadConfig({ DATA_DIR: dir, PORT: '0' }), { logger: false });
    await app.init();
    await app.get(ProjectionRunner).pull();
    const mb = (file: string) => (statSync(join(dir, file)).size / 1e6).toFixed(0);
    console.log(
      `as-of: ${generated.events.toLocaleString('en')} events caught up with snapshots in ${((performance.now() - started) / 1000).toFixed(1)} s;` +
        ` log ${mb('events.db')} MB, read models ${mb('read-models.db')} MB, snapshots ${mb('read-models-snapshots.db')} MB`,
    );
    const dossiers = app.get(DossierService);
    const certification = generated.certifications[0];
    const current = await secondsOf(() => dossiers.model(certification, undefined));
    const { filedAt } = (await app.get(ReadViews).resolve({})).view.get<CertificationDoc>('certifications', certification)!;
    const monthBefore = (recordedAt: string) => {
      const day = new Date(Date.parse(recordedAt) - 30 * 86_400_000).toISOString().slice(0, 10);
      return day > filedAt ? day : filedAt;
    };
    // The current state on a business date a month before the head: the live read models, no as-of view.
    const head = (await dossiers.model(certification, undefined)).cover.asOf.recordedAt;
    const currentOnDate = await secondsOf(() => dossiers.model(certification, undefined, monthBefore(head)));
    let worst = 0;
    const business = { plain: 0, validAt: 0 };
    for (let point = 1; point <= POINTS; point += 1) {
      // Just short of a snapshot interval's end: the most events to run after the snapshot.
      const position = String(Math.min(Math.floor((generated.events * point) / (POINTS + 1) / 10_000) * 10_000 + 9_999, generated.events));
      worst = Math.max(worst, await secondsOf(() => dossiers.model(certification, position), 1));
      // The same point on a business date a month before it was recorded: requirements checked since then are
      // worked out from their history, findings and incidents from their dates. Both on the view now cached.
      const validAt = monthBefore((await dossiers.model(certification, position)).cover.asOf.recordedAt);
      business.plain += await secondsOf(() => dossiers.model(certification, position));
      business.validAt += await secondsOf(() => dossiers.model(certification, position, validAt));
    }
    await app.close();
    const size = generated.events.toLocaleString('en');
    return [
      {
        name: `dossier JSON at the head on a business date a month before it, ${size} events`,
        baseline: 'current dossier JSON',
        baselineValue: current * 1000,
        ours: currentOnDate * 1000,
        unit: 'ms',
        higherIsBetter: false,
        target: 2,
      },
      { name: `dossier JSON as of a past position, ${size} events (worst of ${POINTS})`, baseline: 'current dossier JSON', baselineValue: current * 1000, ours: worst * 1000, unit: 'ms', higherIsBetter: false, target: 5 },
      {
        name: `dossier JSON as of a past position and on a business date a month before it, ${size} events (${POINTS} points)`,
        baseline: 'the same as-of dossier JSON',
        baselineValue: business.plain * 1000,
        ours: business.validAt * 1000,
        unit: 'ms',
        higherIsBetter: false,
        target: 2,
      },
    ];
  });
}

if (require.main === module) {
  benchAsOf().then((rows) => printRows('As-of dossier (targets: ratio ≤ 5; on a business date ≤ 2)', rows));
}
