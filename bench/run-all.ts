import { cpus } from 'node:os';
import { benchAppend } from './append';
import { benchAsOf } from './as-of';
import { benchDossier } from './dossier';
import { benchHttp } from './http';
import { benchReplay } from './replay';
import { printRows } from './support';

/**
 * `npm run bench`: every benchmark, each printing its baseline, our figure
 * and the ratio. Default sizes keep the whole run to a few minutes;
 * BENCH_EVENTS=1000000 gives the figures the README reports.
 */
async function main(): Promise<void> {
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
  printRows('Durable appends (WAL, synchronous=FULL)', await benchAppend());
  printRows('Replay: rebuild every read model (target: ratio ≥ 0.5)', await benchReplay());
  printRows('As-of dossier from snapshots (targets: ratio ≤ 5; on a business date ≤ 2)', await benchAsOf());
  printRows('HTTP, 50 connections (targets: commands ≥ 0.5 × bare and ≥ 1 × raw fsync; p99 ≤ 2 × bare)', await benchHttp());
  printRows('Dossier PDF rendering (target: ratio ≤ 2.2)', await benchDossier());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
