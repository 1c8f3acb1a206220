import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { resolve, sep } from 'node:path';

// From test/support under jest, or from dist/test/support when a benchmark uses it compiled.
const MAIN = resolve(__dirname, __dirname.includes(`${sep}dist${sep}`) ? '../../src/main.js' : '../../dist/src/main.js');

export interface ServerProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything the process wrote to stdout and stderr so far: its logs. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** The built server as a child process on a free port, as operators run it. */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ...env } });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+),/.exec(output);
      if (match) resolveUrl(match[1].replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1'));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {
    url,
    child,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}
