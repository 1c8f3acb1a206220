import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import request from 'supertest';

const MAIN = resolve(__dirname, '../../dist/src/main.js');

describe('the service process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start on invalid configuration, naming the variable', () => {
    const result = spawnSync(process.execPath, [MAIN], { env: { ...process.env, PORT: 'eighty', DATA_DIR: dataDir }, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration: PORT: must be an integer');
  });

  it('serves /health and closes the store cleanly on SIGTERM', async () => {
    const server = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', DATA_DIR: dataDir } });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    const url = await new Promise<string>((resolveUrl, reject) => {
      server.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+),/.exec(output);
        if (match) resolveUrl(match[1].replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1'));
      });
      server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
    const health = await request(url).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', store: 'sqlite' });
    server.kill('SIGTERM');
    const [code] = await once(server, 'exit');
    expect(code).toBe(0);
    // SQLite removes the write-ahead log only when the last connection closes cleanly.
    expect(existsSync(join(dataDir, 'events.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'events.db-wal'))).toBe(false);
  });
});
