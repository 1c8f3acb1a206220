import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store';
import type { AppOptions } from '../../src/app.module';
import { TokenStore } from '../../src/auth/token-store';
import type { Role } from '../../src/auth/roles';
import type { RecordedEvent } from '../../src/event-store/event-store';

const execFileAsync = promisify(execFile);
const CLI = resolve(__dirname, '../../bin/confiance.js');

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataDir: string;
  store: EventStore;
  /** The raw HTTP server, for supertest. */
  http: NestFastifyApplication['getHttpServer'] extends () => infer S ? S : never;
  /** Authorization header values for a user of each role (subjects admin-1, compliance-1, auditor-1, metrics-1). */
  tokens: Record<Role, string>;
  /** Every event in the log, in order: tests check that a rejected command appended nothing. */
  events(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/** A real app on a real SQLite file in a fresh temp DATA_DIR. */
export async function startTestApp(options: AppOptions = {}, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ...env });
  const app = await createApp(config, { ...options, logger: false });
  const tokenStore = app.get(TokenStore);
  const tokens = Object.fromEntries(
    (['admin', 'compliance', 'auditor', 'metrics'] as const).map((role) => [role, `Bearer ${tokenStore.create(role, `${role}-1`, null, new Date()).token}`]),
  ) as Record<Role, string>;
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    tokens,
    events: async () => {
      const all: RecordedEvent[] = [];
      for await (const event of store.readAll()) all.push(event);
      return all;
    },
    config,
    dataDir,
    store,
    http: app.getHttpServer(),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** What the CLI said on stderr, one message a line: the `msg` of each JSON log line (other lines as they are). */
  messages: string;
}

export const messagesOf = (stderr: string): string =>
  stderr
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return String((JSON.parse(line) as { msg?: unknown }).msg ?? line);
      } catch {
        return line;
      }
    })
    .join('\n');

/** Runs the built `confiance` CLI as users do, on the given DATA_DIR. */
export async function runCli(dataDir: string, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr, messages: messagesOf(stderr) };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', messages: messagesOf(failed.stderr ?? '') };
  }
}

/** Uploads `content` as evidence through POST /evidence and answers its SHA-256, for commands that cite evidence. */
export async function storeEvidence(t: TestApp, content: string, name = 'evidence.txt'): Promise<string> {
  const { default: request } = await import('supertest');
  const answer = await request(t.http).post('/evidence').set('authorization', t.tokens.compliance).attach('file', Buffer.from(content), name);
  if (answer.status !== 201 && answer.status !== 200) throw new Error(`evidence upload failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.sha256 as string;
}
