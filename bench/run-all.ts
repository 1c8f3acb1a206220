import { cpus } from 'node:os';
import { benchAppend } from './append';
import { benchAsOf } from './as-of';
import { benchDossier } from './dossier';
import { benchHttp } from './http';
import { benchQueries } from './queries';
import { benchPeer, PEER_INSTALL_HINT } from './peer';
import { benchHostile } from './hostile';
import { benchReplay, REPLAY_PEAK_RSS_MB, REPLAY_TARGET } from './replay';
import { printRows, printVerdicts } from './support';
import { benchWebSoa } from './web-soa';
import { chromiumInstalled, INSTALL_HINT } from '../test/support/browser';
import { benchTransparency } from './transparency';

/**
 * `npm run bench`: every benchmark, each printing its baseline, our figure
 * and the ratio, then one table of every target with its verdict. Default
 * sizes keep the whole run to a few minutes; BENCH_EVENTS=1000000 gives the
 * figures the README reports.
 */
async function main(): Promise<void> {
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
  printRows('Durable appends (WAL, synchronous=FULL)', await benchAppend());
  const peer = await benchPeer();
  if (peer === null) console.log(`\n${PEER_INSTALL_HINT}`);
  else printRows('Against a peer: Emmett on SQLite (target: ratio ≥ 1 on every row)', peer);
  printRows(`Replay: rebuild every read model (targets: median ratio ≥ ${REPLAY_TARGET}, peak RSS ≤ ${REPLAY_PEAK_RSS_MB} MB)`, await benchReplay());
  printRows('As-of dossier from snapshots (targets: ratio ≤ 5; on a business date ≤ 2)', await benchAsOf());
  printRows('HTTP, 50 connections (targets: commands ≥ 0.5 × bare and ≥ 1 × raw fsync; p99 ≤ 2 × bare)', await benchHttp());
  printRows('Queries, 50 connections (targets: repeated pages p99 ≤ 2 × bare, changed pages ≤ 5 × bare)', await benchQueries());
  printRows('Hostile requests (targets: refusal ≤ 5 ms of server CPU; p99 under a tokenless flood ≤ 2 × quiet)', await benchHostile());
  printRows('Dossier PDF rendering (target: ratio ≤ 2.2)', await benchDossier());
  if (chromiumInstalled()) printRows('Web app in Chromium (statement of applicability of the demo)', await benchWebSoa());
  else console.log(`\n${INSTALL_HINT.replace('Browser suite', 'Web app benchmark')}`);
  printRows('Transparency log (targets: appends ≥ 0.9 × without the tree; proof p50 ≤ 2 × bare)', await benchTransparency());
  // Every target of every benchmark above, with its verdict, in one table.
  printVerdicts();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
