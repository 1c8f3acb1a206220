import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { TokenStore } from '../src/auth/token-store';
import { join } from 'node:path';
import { rawInserts } from './append';
import { generateFile } from './generate';
import { inScratchDir, printRows, type BenchRow } from './support';
import { printStages, profileStages } from './cpu-profile';
import { startNestFloor } from './nest-floor';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** The ledger the queries run on: generated, realistic, not the command benchmark's own milestones. */
const HTTP_EVENTS = Number(process.env.BENCH_HTTP_EVENTS ?? 100_000);
const CONNECTIONS = 50;
const milestone = JSON.stringify({ title: 'Operations start', kind: 'operational', plannedFor: '2023-01-15', source: 'bench' });

interface Load {
  rate: number;
  p99: number;
  errors: number;
  requests: number;
}

async function load(url: string, options: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } = {}): Promise<Load> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: options.method ?? 'GET',
    body: options.body,
    headers: { 'content-type': 'application/json', ...options.headers },
  });
  return { rate: result.requests.average, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts, requests: result.requests.total };
}

/** The baselines in the same process: bare Fastify routes, and the same routes in an empty Nest application. */
async function baselineRoutes(): Promise<{ post: Load; get: Load; nestPost: Load; nestGet: Load }> {
  const bare = Fastify();
  bare.post('/bare', async (request) => ({ received: request.body !== undefined }));
  bare.get('/bare', async () => ({ items: [], next: null }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`;
  const post = await load(url, { method: 'POST', body: milestone });
  const get = await load(url);
  await bare.close();
  const floor = await startNestFloor();
  const nestPost = await load(floor.url, { method: 'POST', body: milestone });
  const nestGet = await load(floor.url);
  await floor.close();
  return { post, get, nestPost, nestGet };
}

export async function benchHttp(): Promise<BenchRow[]> {
  return inScratchDir(async (dir) => {
    const bare = await baselineRoutes();
    const fsyncRate = await rawInserts(dir);
    const generated = await generateFile(join(dir, 'events.db'), HTTP_EVENTS);
    const app = await createApp(loadConfig({ DATA_DIR: dir, PORT: '0', RATE_LIMIT_PER_MINUTE: '100000000' }), { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const token = app.get(TokenStore).create('compliance', 'bench', null, new Date()).token;
    const headers = { authorization: `Bearer ${token}` };
    const certification = generated.certifications[0];
    // Queries first, on the generated ledger alone; then the commands.
    const queries: [string, string][] = [
      ['GET /certifications/:id/requirements', `/certifications/${certification}/requirements?limit=50`],
      ['GET /incidents', '/incidents?limit=20'],
      ['GET /timeline', '/timeline?limit=20'],
      ['GET /events', '/events?limit=20'],
    ];
    const loads: [string, Load][] = [];
    for (const [name, path] of queries) loads.push([name, await load(`${base}${path}`, { headers })]);
    // Our whole request pipeline (guards, pipes, hooks) around a route that reads two small things from the stores.
    const health = await load(`${base}/health`, { headers });
    const commands = await load(`${base}/milestones`, { method: 'POST', body: milestone, headers });
    // Where the time goes: the same loads again under the CPU profiler (slower, so not the measured runs).
    for (const [title, url, options] of [
      ['Profile of POST /milestones', `${base}/milestones`, { method: 'POST' as const, body: milestone, headers }],
      [`Profile of ${queries[0][0]}`, `${base}${queries[0][1]}`, { headers }],
    ] as const) {
      let profiled: Load | undefined;
      const stages = await profileStages(async () => void (profiled = await load(url, options)));
      printStages(title, stages, profiled!.requests);
    }
    await app.close();
    const failed = [...loads, ['commands', commands] as const].filter(([, l]) => l.errors > 0).map(([name]) => name);
    if (failed.length > 0) throw new Error(`some benchmark requests failed: ${failed.join(', ')}`);
    const row = (name: string, baseline: string, baselineValue: number, ours: number, unit: string, higherIsBetter: boolean, target?: number): BenchRow => ({
      name, baseline, baselineValue, ours, unit, higherIsBetter, target,
    });
    return [
      row(`durable commands, ${CONNECTIONS} connections`, 'bare Fastify POST', bare.post.rate, commands.rate, 'req/s', true, 0.5),
      row(`durable commands, ${CONNECTIONS} connections`, 'raw insert+fsync', fsyncRate, commands.rate, 'req/s', true, 1),
      row(`(diagnostic) empty Nest POST route, ${CONNECTIONS} connections`, 'bare Fastify POST', bare.post.rate, bare.nestPost.rate, 'req/s', true),
      row(`(diagnostic) empty Nest GET route, ${CONNECTIONS} connections`, 'bare Fastify GET', bare.get.rate, bare.nestGet.rate, 'req/s', true),
      row(`(diagnostic) our GET /health, ${CONNECTIONS} connections`, 'bare Fastify GET', bare.get.rate, health.rate, 'req/s', true),
      ...loads.map(([name, l]) => row(`p99 ${name}, ${generated.events.toLocaleString('en')} events`, 'bare Fastify GET p99', bare.get.p99, l.p99, 'ms', false, 2)),
    ];
  });
}

if (require.main === module) {
  benchHttp().then((rows) => printRows('HTTP under load', rows));
}
