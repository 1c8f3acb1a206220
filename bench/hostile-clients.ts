import { request as httpRequest } from 'node:http';

/**
 * The clients of the hostile-requests benchmark, in a child process so that
 * building and sending megabytes costs the server's process nothing.
 * `sequential`: `count` requests one after another, then reports their statuses.
 * `flood`: `clients` loops of requests from another address until told to stop.
 */
export interface ClientsJob {
  mode: 'sequential' | 'flood';
  url: string;
  body: string;
  headers: Record<string, string>;
  count?: number;
  clients?: number;
  localAddress?: string;
}

function send(job: ClientsJob): Promise<number> {
  return new Promise((resolve) => {
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(job.body)), ...job.headers };
    const call = httpRequest(job.url, { method: 'POST', localAddress: job.localAddress, headers }, (answer) => {
      answer.resume();
      answer.on('end', () => resolve(answer.statusCode ?? 0));
    });
    // The server may answer and close before reading a refused body: the answer is what counts.
    call.on('error', () => resolve(0));
    call.end(job.body);
  });
}

async function run(job: ClientsJob): Promise<void> {
  if (job.mode === 'sequential') {
    const statuses: number[] = [];
    for (let i = 0; i < (job.count ?? 1); i++) statuses.push(await send(job));
    process.send?.({ statuses });
    return;
  }
  let running = true;
  let sent = 0;
  process.once('message', () => (running = false));
  await Promise.all(
    Array.from({ length: job.clients ?? 1 }, async () => {
      while (running) {
        await send(job);
        sent++;
      }
    }),
  );
  process.send?.({ sent });
}

if (process.send) process.once('message', (job: ClientsJob) => void run(job));
