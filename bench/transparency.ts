import autocannon from 'autocannon';
import Fastify from 'fastify';
import { execSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { SystemClock } from '../src/shared/clock';
import { loadLogKey } from '../src/transparency/log-key';
import { TransparencyLog } from '../src/transparency/transparency-log';
import { TreeStore } from '../src/transparency/tree-store';
import { TransparencyFollower } from '../src/transparency/transparency-follower';
import { loadConfig } from '../src/config';
import { inScratchDir, printRows, ratePerSecond, type BenchRow } from './support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Leaves of the tree the inclusion proofs are drawn from; BENCH_EVENTS=1000000 for the README's figures. */
const LEAVES = Number(process.env.BENCH_EVENTS ?? 100_000);
const APPENDERS = 16;
const payload = { requirement: '12.6.c', result: 'passed', method: 'automated', performedAt: '2022-06-30T09:00:00Z', notes: 'x'.repeat(200) };

/** Durable appends from 16 concurrent appenders, with or without the tree following the log as the server does (its own follower), on files of their own. */
async function appends(dir: string, withTree: boolean, round: number): Promise<number> {
  // Whatever an earlier run left dirty in the page cache is written now, not during this run.
  execSync('sync');
  const store = SqliteEventStore.open(join(dir, `events-${withTree}-${round}.db`), new SystemClock());
  const log = withTree ? new TransparencyLog(TreeStore.open(join(dir, `tree-${round}.db`)), loadLogKey(join(dir, 'key.pem'), 'bench/log', true)!, new SystemClock()) : null;
  const follower = log ? new TransparencyFollower(store, log, loadConfig({ DATA_DIR: dir })) : null;
  await follower?.onApplicationBootstrap();
  const revisions = new Array<number>(APPENDERS).fill(-1);
  let ids = 0;
  const rate = await ratePerSecond(SECONDS, async () => {
    await Promise.all(
      revisions.map(async (revision, appender) => {
        const event = { id: `e-${(ids += 1)}`, type: 'ControlCheckRecorded', data: payload, actor: 'bench', correlationId: 'bench' };
        revisions[appender] = (await store.append(`control-bench${appender}`, [event], revision < 0 ? 'no_stream' : revision)).revision;
      }),
    );
    return APPENDERS;
  });
  await follower?.pull();
  const kept = log?.tree.size();
  if (log && kept !== ids) throw new Error(`the tree holds ${kept} leaves for ${ids} events`);
  await follower?.onApplicationShutdown();
  await store.close();
  return rate;
}

/** A tree of LEAVES leaves written in batches, as the follower writes them. */
function buildTree(tree: TreeStore): void {
  const BATCH = 10_000;
  for (let size = 0; size < LEAVES; size += BATCH) {
    const leaves = Array.from({ length: Math.min(BATCH, LEAVES - size) }, (_, i) => {
      const n = size + i;
      return { position: String(n + 1), eventId: `event-${n}`, stream: `s-${n % 100}`, eventHash: n.toString(16).padStart(64, '0') };
    });
    tree.append(size, leaves);
  }
}

async function p50(url: string, path: () => string): Promise<number> {
  const result = await autocannon({ url, connections: 10, duration: SECONDS, requests: [{ setupRequest: (request) => ({ ...request, path: path() }) }] });
  if (result.non2xx + result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.latency.p50;
}

/** GET of an inclusion proof at the tree's full size against a bare route of the same server. */
async function inclusionLatency(dir: string): Promise<{ bare: number; proof: number }> {
  const tree = TreeStore.open(join(dir, 'proofs.db'));
  buildTree(tree);
  const log = new TransparencyLog(tree, loadLogKey(join(dir, 'proof-key.pem'), 'bench/log', true)!, new SystemClock());
  const server = Fastify();
  server.get('/bare', async () => ({ items: [], next: null }));
  server.get<{ Querystring: { eventId: string } }>('/proof', async (request) => log.inclusion(request.query.eventId, LEAVES));
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  try {
    const bare = await p50(`${base}/bare`, () => '/bare');
    const proof = await p50(`${base}/proof`, () => `/proof?eventId=event-${Math.floor(Math.random() * LEAVES)}`);
    return { bare, proof };
  } finally {
    await server.close();
    tree.close();
  }
}

export async function benchTransparency(): Promise<BenchRow[]> {
  return inScratchDir(async (dir) => {
    // Two rounds in mirrored order (without, with, with, without): a drift of the disk over the run weighs on both alike.
    const rates = { without: 0, withTree: 0 };
    for (const [round, order] of [[false, true], [true, false]].entries()) {
      for (const tree of order) rates[tree ? 'withTree' : 'without'] += (await appends(dir, tree, round)) / 2;
    }
    const { without, withTree } = rates;
    const latency = await inclusionLatency(dir);
    return [
      { name: `append, ${APPENDERS} appenders, tree maintained`, baseline: 'same appends without the tree (mean of 2 mirrored rounds)', baselineValue: without, ours: withTree, unit: 'events/s', higherIsBetter: true, target: 0.9 },
      {
        name: `p50 inclusion proof, ${LEAVES.toLocaleString('en')} leaves`,
        baseline: 'bare Fastify GET p50',
        // autocannon reports whole milliseconds; a floor of 1 ms keeps the ratio meaningful on fast machines.
        baselineValue: Math.max(latency.bare, 1),
        ours: Math.max(latency.proof, 1),
        unit: 'ms',
        higherIsBetter: false,
        target: 2,
      },
    ];
  });
}

if (require.main === module) {
  benchTransparency().then((rows) => printRows('Transparency log (targets: appends ≥ 0.9 × without the tree; proof p50 ≤ 2 × bare)', rows));
}
