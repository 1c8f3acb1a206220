import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { TokenStore } from '../src/auth/token-store';
import { rawInserts } from './append';
import { inScratchDir, printRows, type BenchRow } from './support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;
const milestone = JSON.stringify({ title: 'Operations start', kind: 'operational', plannedFor: '2023-01-15', source: 'bench' });

interface Load {
  rate: number;
  p99: number;
  errors: number;
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
  return { rate: result.requests.average, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
}

/** A bare Fastify route in the same process: what the framework alone costs. */
async function bareRoutes(): Promise<{ post: Load; get: Load }> {
  const bare = Fastify();
  bare.post('/bare', async (request) => ({ received: request.body !== undefined }));
  bare.get('/bare', async () => ({ items: [], next: null }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`;
  const post = await load(url, { method: 'POST', body: milestone });
  const get = await load(url);
  await bare.close();
  return { post, get };
}

export async function benchHttp(): Promise<BenchRow[]> {
  return inScratchDir(async (dir) => {
    const bare = await bareRoutes();
    const fsyncRate = await rawInserts(dir);
    const app = await createApp(loadConfig({ DATA_DIR: dir, PORT: '0', RATE_LIMIT_PER_MINUTE: '100000000' }), { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const token = app.get(TokenStore).create('compliance', 'bench', null, new Date()).token;
    const headers = { authorization: `Bearer ${token}` };
    const commands = await load(`${base}/milestones`, { method: 'POST', body: milestone, headers });
    const timeline = await load(`${base}/timeline?limit=20`, { headers });
    const events = await load(`${base}/events?limit=20`, { headers });
    await app.close();
    if (commands.errors + timeline.errors + events.errors > 0) throw new Error('some benchmark requests failed');
    const row = (name: string, baseline: string, baselineValue: number, ours: number, unit: string, higherIsBetter: boolean): BenchRow => ({
      name, baseline, baselineValue, ours, unit, higherIsBetter,
    });
    return [
      row(`durable commands, ${CONNECTIONS} connections`, 'bare Fastify POST', bare.post.rate, commands.rate, 'req/s', true),
      row(`durable commands, ${CONNECTIONS} connections`, 'raw insert+fsync', fsyncRate, commands.rate, 'req/s', true),
      row('p99 GET /timeline', 'bare Fastify GET p99', bare.get.p99, timeline.p99, 'ms', false),
      row('p99 GET /events', 'bare Fastify GET p99', bare.get.p99, events.p99, 'ms', false),
    ];
  });
}

if (require.main === module) {
  benchHttp().then((rows) => printRows('HTTP under load', rows));
}
