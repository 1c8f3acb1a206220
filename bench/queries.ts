import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { TokenStore } from '../src/auth/token-store';
import { ANSWER_REUSE_MS } from '../src/read-side/answer-cache';
import { Clock } from '../src/shared/clock';
import { generateFile } from './generate';
import { inScratchDir, printRows, type BenchRow } from './support';
import { printStages, profileStages } from './cpu-profile';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** The ledger the queries read: generated, 100,000 events by default (the size). */
const QUERY_EVENTS = Number(process.env.BENCH_QUERY_EVENTS ?? process.env.BENCH_HTTP_EVENTS ?? 100_000);
const CONNECTIONS = 50;

interface Load {
  p99: number;
  /** Answers other than 200 and 304. */
  errors: number;
  notModified: number;
  requests: number;
}

/**
 * `revalidate`: each connection sends If-None-Match with the last ETag it was
 * given, as a browser does: 304 while the page is the same, 200 with the new
 * tag once it changed.
 */
async function load(url: string, headers: Record<string, string>, revalidate = false): Promise<Load> {
  // Shared by the connections (they all read the same page); autocannon clears a connection's context at every round.
  let held: string | undefined;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    requests: revalidate
      ? [
          {
            setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...(held ? { 'if-none-match': held } : {}) } }),
            onResponse: (_status, _body, _context, responseHeaders) => {
              if (typeof responseHeaders?.etag === 'string') held = responseHeaders.etag;
            },
          },
        ]
      : undefined,
  });
  const notModified = result.statusCodeStats?.['304']?.count ?? 0;
  return { p99: result.latency.p99, errors: result.non2xx - notModified + result.errors + result.timeouts, notModified, requests: result.requests.total };
}

async function bareGet(): Promise<Load> {
  const bare = Fastify();
  bare.get('/bare', async () => ({ items: [], next: null }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const measured = await load(`http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`, {});
  await bare.close();
  return measured;
}

/**
 * A clock that moves one reuse window at each reading: every answer is then
 * computed anew, exactly as after a new event, without the cost of appending
 * one per request. What a page that changed costs.
 */
class EveryReadingChanges extends Clock {
  private readings = 0;
  private readonly start = Date.now();
  now(): Date {
    return new Date(this.start + (this.readings += 1) * ANSWER_REUSE_MS);
  }
}

async function serve(dir: string, clock?: Clock) {
  const app = await createApp(loadConfig({ DATA_DIR: dir, PORT: '0', RATE_LIMIT_PER_MINUTE: '100000000' }), { logger: false, clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const token = app.get(TokenStore).create('compliance', 'bench', null, new Date()).token;
  return { app, base, headers: { authorization: `Bearer ${token}` } };
}

export async function benchQueries(): Promise<BenchRow[]> {
  return inScratchDir(async (dir) => {
    const generated = await generateFile(join(dir, 'events.db'), QUERY_EVENTS);
    const pages: [string, string][] = [
      ['GET /events?limit=20', '/events?limit=20'],
      ['GET /certifications/:id/requirements?limit=50', `/certifications/${generated.certifications[0]}/requirements?limit=50`],
      ['GET /incidents?limit=20', '/incidents?limit=20'],
      ['GET /timeline?limit=20', '/timeline?limit=20'],
    ];
    const measured: { name: string; kind: string; target: number; load: Load }[] = [];
    // Repeated pages: the log stands still, the clock is the system's.
    const repeated = await serve(dir);
    for (const [name, path] of pages) {
      measured.push({ name, kind: 'repeated, with If-None-Match (304)', target: 2, load: await load(`${repeated.base}${path}`, repeated.headers, true) });
      measured.push({ name, kind: 'repeated, without If-None-Match', target: 2, load: await load(`${repeated.base}${path}`, repeated.headers) });
    }
    // Where a revalidated page's time goes: the same load again under the CPU profiler (slower, so not a measured run).
    let profiled: Load | undefined;
    const stages = await profileStages(async () => void (profiled = await load(`${repeated.base}${pages[1][1]}`, repeated.headers, true)));
    printStages(`Profile of ${pages[1][0]}, revalidated with If-None-Match`, stages, profiled!.requests);
    await repeated.app.close();
    const changing = await serve(dir, new EveryReadingChanges());
    for (const [name, path] of pages) {
      measured.push({ name, kind: 'changed at every request', target: 5, load: await load(`${changing.base}${path}`, changing.headers, true) });
    }
    await changing.app.close();
    const bare = await bareGet();
    const failed = measured.filter(({ load }) => load.errors > 0).map(({ name, kind }) => `${name} ${kind}`);
    if (failed.length > 0) throw new Error(`some benchmark requests failed: ${failed.join(', ')}`);
    for (const { name, kind, load } of measured) {
      if (kind.includes('304')) console.log(`${name} ${kind}: ${load.notModified.toLocaleString('en')} of ${load.requests.toLocaleString('en')} answers were 304`);
    }
    return measured.map(({ name, kind, target, load }) => ({
      name: `p99 ${name}, ${kind}, ${generated.events.toLocaleString('en')} events, ${CONNECTIONS} connections`,
      baseline: 'bare Fastify GET p99',
      // autocannon gives whole milliseconds; a bare route under 1 ms counts as 1 so that ratios stay finite.
      baselineValue: Math.max(1, bare.p99),
      ours: load.p99,
      unit: 'ms',
      higherIsBetter: false,
      target,
    }));
  });
}

if (require.main === module) {
  benchQueries().then((rows) => printRows('Queries at 50 connections (targets: repeated pages p99 ≤ 2 × bare, changed pages ≤ 5 × bare)', rows));
}
