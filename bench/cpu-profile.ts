import { Session } from 'node:inspector';

/**
 * Stages, highest priority first. A sample is charged to the first of the
 * work stages that any frame of its stack matches (`function@url`), so that,
 * say, a JSON.parse in a query handler called by Nest's router counts as the
 * query's. Work done by the frameworks themselves (the last two stages) goes
 * to the innermost one, so that Fastify's serialising of a reply that Nest
 * sends counts as Fastify's.
 */
const STAGES: [stage: string, pattern: RegExp][] = [
  ['load generator (autocannon, same thread)', /node_modules\/(autocannon|hdr-histogram|reinterval|retimer|http-parser-js)\//],
  ['event store: seal, insert, commit, fsync', /dist\/src\/event-store\/(sqlite\/(group-commit|sqlite-append)|envelope|hash-chain)\.js/],
  ['read models: live projection, snapshots', /dist\/src\/read-side\/(projection-runner|catch-up|snapshots)\.js|dist\/src\/event-store\/sqlite\/sqlite-subscription\.js|^apply@.*read-model-store\.js|dist\/projections\//],
  ['command: load stream, decide', /dist\/src\/command-side\/command-runner\.js|\.handlers\.js|\.decider\.js/],
  ['answer cache and ETag', /dist\/src\/read-side\/(answer-cache|cached-answers\.interceptor)\.js|node_modules\/lru-cache\//],
  ['query: handler, read-model and log reads', /\.queries\.js|dist\/src\/read-side\/|dist\/src\/event-store\/|dist\/src\/controls\//],
  ['validation (class-validator, class-transformer)', /node_modules\/(class-validator|class-transformer)\/|validation\.pipe\.js|dist\/src\/shared\/validat/],
  ['authentication, rate limit', /dist\/src\/auth\/|node_modules\/@nestjs\/throttler\//],
  ['security headers (helmet)', /node_modules\/helmet\//],
  ['logging, metrics', /node_modules\/(pino|sonic-boom|prom-client|@pinojs)|dist\/src\/observability\//],
  ['NestJS pipeline (router, guards, interceptors, rxjs, cqrs)', /node_modules\/(@nestjs|rxjs)\/|dist\/src\/command-side\//],
  ['Fastify, HTTP parsing and sockets', /node_modules\/(fastify|find-my-way|@fastify|light-my-request|avvio|fast-json-stringify|secure-json-parse)|node:(_http|net|stream|internal\/stream|internal\/http)/],
];
const GC = 'garbage collection';
const OTHER = 'other';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface StageShare {
  stage: string;
  share: number;
}

/** CPU profile of this thread while `action` runs, charged to stages; idle time is left out. */
export async function profileStages(action: () => Promise<void>): Promise<{ busyMs: number; stages: StageShare[] }> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    await action();
    return chargeStages((await post<{ profile: Profile }>('Profiler.stop')).profile);
  } finally {
    session.disconnect();
  }
}

function chargeStages(profile: Profile): { busyMs: number; stages: StageShare[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const FRAMEWORKS = STAGES.length - 2;
  const ownRank = (id: number) => {
    const { functionName, url } = byId.get(id)!.callFrame;
    const rank = STAGES.findIndex(([, pattern]) => pattern.test(`${functionName}@${url}`));
    return rank === -1 ? STAGES.length : rank;
  };
  // For each node: the best work stage on its path from the root, else the innermost framework stage.
  const rankOfNode = new Map<number, number>();
  const rankOf = (id: number): number => {
    const known = rankOfNode.get(id);
    if (known !== undefined) return known;
    const own = ownRank(id);
    const parent = parentOf.get(id);
    const inherited = parent === undefined ? STAGES.length : rankOf(parent);
    const rank = inherited < FRAMEWORKS ? inherited : own < STAGES.length ? own : inherited;
    rankOfNode.set(id, rank);
    return rank;
  };
  const stageOf = (id: number) => STAGES[rankOf(id)]?.[0] ?? null;
  const micros = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') return;
    const delta = profile.timeDeltas[i] ?? 0;
    const stage = name === '(garbage collector)' ? GC : (stageOf(id) ?? OTHER);
    micros.set(stage, (micros.get(stage) ?? 0) + delta);
    busy += delta;
  });
  const stages = [...micros].map(([stage, us]) => ({ stage, share: us / busy })).sort((a, b) => b.share - a.share);
  return { busyMs: busy / 1000, stages };
}

/** Prints the stages of the server's share of the CPU, with the time per request each costs. */
export function printStages(title: string, { busyMs, stages }: { busyMs: number; stages: StageShare[] }, requests: number): void {
  const generator = stages.find((s) => s.stage.startsWith('load generator'));
  const serverMs = busyMs * (1 - (generator?.share ?? 0));
  console.log(`\n${title}: ${requests.toLocaleString('en')} requests, ${((serverMs * 1000) / requests).toFixed(0)} µs of server CPU each`);
  console.table(
    stages
      .filter((s) => s !== generator)
      .map((s) => ({ stage: s.stage, 'share of server CPU': `${((s.share * busyMs * 100) / serverMs).toFixed(1)} %`, 'µs per request': ((s.share * busyMs * 1000) / requests).toFixed(0) })),
  );
}
