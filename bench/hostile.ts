import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { TokenStore } from '../src/auth/token-store';
import { inScratchDir, printRows, type BenchRow } from './support';
import type { ClientsJob } from './hostile-clients';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REFUSALS = Number(process.env.BENCH_REFUSALS ?? 40);
const FLOOD_CLIENTS = 4;
/** The budget for refusing one hostile body, in milliseconds of the server's thread. */
const REFUSAL_BUDGET_MS = 5;
const MIB = 1024 * 1024;
/** 1 MiB of nested arrays in a milestone's title: what made one request cost 425 ms of the only thread. */
const NESTED = `{"title":${'['.repeat(MIB / 2 - 40)}${']'.repeat(MIB / 2 - 40)}}`;
/** The same size, flat: what merely receiving a megabyte costs. */
const FLAT = JSON.stringify({ title: 'x'.repeat(MIB - 20) });
const CLIENTS = join(__dirname, 'hostile-clients.js');

/** The clients' process, started and given its job. */
async function clients(job: ClientsJob): Promise<ChildProcess> {
  const child = fork(CLIENTS);
  await once(child, 'spawn');
  child.send(job);
  return child;
}

/**
 * CPU milliseconds of this (the server's) process per request while another
 * process sends REFUSALS bodies one after another: CPU time, not wall time,
 * so that other work on the machine does not count. The statuses say what was answered.
 */
async function serverMsPerRequest(url: string, body: string, headers: Record<string, string> = {}): Promise<{ ms: number; statuses: number[] }> {
  const child = await clients({ mode: 'sequential', url, body, headers, count: REFUSALS });
  const before = process.cpuUsage();
  const [{ statuses }] = (await once(child, 'message')) as [{ statuses: number[] }];
  const used = process.cpuUsage(before);
  child.kill();
  return { ms: (used.user + used.system) / 1000 / REFUSALS, statuses };
}

async function p99(url: string, headers: Record<string, string>): Promise<number> {
  const result = await autocannon({ url, connections: 10, duration: SECONDS, headers });
  if (result.non2xx + result.errors > 0) throw new Error(`the measured reads failed: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.latency.p99;
}

export async function benchHostile(): Promise<BenchRow[]> {
  const bare = Fastify({ bodyLimit: 2 * MIB });
  bare.post('/bare', async () => ({ received: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const received = await serverMsPerRequest(`http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`, FLAT);
  await bare.close();
  return inScratchDir(async (dir) => {
    const config = loadConfig({ DATA_DIR: dir, PORT: '0', RATE_LIMIT_PER_MINUTE: '100000000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000000' });
    const app = await createApp(config, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const auth = { authorization: `Bearer ${app.get(TokenStore).create('compliance', 'bench', null, new Date()).token}` };
    const withToken = await serverMsPerRequest(`${base}/milestones`, NESTED, auth);
    const tokenless = await serverMsPerRequest(`${base}/milestones`, NESTED);
    // The same refusal of a 2-byte body: what answering 401 and closing costs, whatever the body.
    const tiny = await serverMsPerRequest(`${base}/milestones`, '{}');
    for (const [name, { statuses }, expected] of [['with a token', withToken, 400], ['without a token', tokenless, 401], ['of 2 bytes without a token', tiny, 401]] as const) {
      if (statuses.some((s) => s !== expected)) throw new Error(`nested bodies ${name} were answered ${[...new Set(statuses)].join(', ')}, not ${expected}`);
    }
    const reads = `${base}/timeline?limit=20`;
    const quiet = await p99(reads, auth);
    // The flood comes from another address, as an attacker's would: the per-address allowance is not what protects the reader here.
    const floodJob: ClientsJob = { mode: 'flood', url: `${base}/milestones`, body: NESTED, headers: {}, clients: FLOOD_CLIENTS, localAddress: '127.0.0.2' };
    const flood = await clients(floodJob);
    const loaded = await p99(reads, auth);
    flood.send('stop');
    const [{ sent }] = (await once(flood, 'message')) as [{ sent: number }];
    flood.kill();
    await app.close();
    console.log(`flood: ${FLOOD_CLIENTS} tokenless clients sent ${sent} nested 1 MiB bodies in ${SECONDS} s`);
    const row = (name: string, baseline: string, baselineValue: number, ours: number, unit: string, target?: number): BenchRow => ({
      name, baseline, baselineValue, ours, unit, higherIsBetter: false, target,
    });
    return [
      row('server CPU refusing a 1 MiB nested body with a token (400, depth)', 'budget', REFUSAL_BUDGET_MS, withToken.ms, 'ms', 1),
      row('server CPU refusing a 1 MiB nested body without a token (401)', 'budget', REFUSAL_BUDGET_MS, tokenless.ms, 'ms', 1),
      row('(diagnostic) server CPU refusing a 1 MiB nested body with a token', 'bare Fastify receiving 1 MiB', received.ms, withToken.ms, 'ms'),
      row('(diagnostic) server CPU refusing a 1 MiB nested body without a token', 'bare Fastify receiving 1 MiB', received.ms, tokenless.ms, 'ms'),
      row('(diagnostic) server CPU refusing a 1 MiB nested body without a token', 'same refusal of a 2-byte body', tiny.ms, tokenless.ms, 'ms'),
      row(`p99 GET /timeline under a tokenless flood (${FLOOD_CLIENTS} clients)`, 'same, quiet', quiet, loaded, 'ms', 2),
    ];
  });
}

if (require.main === module) {
  benchHostile().then((rows) => printRows('Hostile requests (targets: refusal ≤ 5 ms of server CPU; p99 under flood ≤ 2 × quiet)', rows));
}
