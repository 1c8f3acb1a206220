import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** A small project with the repository's layout; each file breaks (or keeps) one boundary rule. */
const FIXTURE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2022', strict: true, esModuleInterop: true } }),
  // A cycle between two read-side files.
  'src/read-side/first.ts': "import { second } from './second';\nexport const first = () => second;\n",
  'src/read-side/second.ts': "import { first } from './first';\nexport const second = () => first;\n",
  // Pure code importing a framework or a database.
  'projections/with-nest.ts': "import { Injectable } from '@nestjs/common';\nexport const p = Injectable;\n",
  'templates/with-sqlite.ts': "import Database from 'better-sqlite3';\nexport const t = Database;\n",
  'src/audits/audits.decider.ts': "import type { EventStoreDBClient } from '@eventstore/db-client';\nimport { stream } from './audits.events';\nexport type D = EventStoreDBClient | typeof stream;\n",
  'src/audits/audits.events.ts': "export const stream = 'audit';\n",
  // A concrete adapter named outside the event store; the port's wiring may name it.
  'src/event-store/sqlite/sqlite-event-store.ts': 'export class SqliteEventStore {}\n',
  'src/event-store/open-event-store.ts': "import { SqliteEventStore } from './sqlite/sqlite-event-store';\nexport const open = () => new SqliteEventStore();\n",
  'src/read-side/replay.ts': "import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';\nexport const isSqlite = (s: unknown) => s instanceof SqliteEventStore;\n",
  // One area reaching into another's decider; its events and lookup are fine.
  'src/incidents/incidents.decider.ts': "export const rules = 'incident rules';\n",
  'src/incidents/incidents.events.ts': "export const incidentStream = (id: string) => `incident-${id}`;\n",
  'src/incidents/incident-lookup.ts': "export const lookup = 'incident';\n",
  'src/audits/audits.handlers.ts':
    "import { rules } from '../incidents/incidents.decider';\nimport { incidentStream } from '../incidents/incidents.events';\nimport { lookup } from '../incidents/incident-lookup';\nexport const h = [rules, incidentStream, lookup];\n",
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

describe('architecture boundaries (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-boundaries-'));
  let violations: Violation[] = [];

  beforeAll(() => {
    for (const [file, text] of Object.entries(FIXTURE)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json', 'src', 'projections', 'templates'],
      { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.stderr).toBe('');
    violations = (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const broken = (rule: string) =>
    violations
      .filter((v) => v.rule.name === rule)
      .map((v) => `${v.from} → ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`)
      .sort();

  it('reports an import cycle', () => {
    // One report per cycle, from where the cruise entered it.
    expect(broken('no-circular')).toEqual(['src/read-side/first.ts → src/read-side/second.ts']);
  });

  it('reports projections, templates and deciders that import NestJS, better-sqlite3 or the EventStoreDB client', () => {
    expect(broken('pure-code-imports-no-framework-or-database')).toEqual([
      expect.stringMatching(/^projections\/with-nest\.ts → node_modules\/@nestjs\/common\//),
      expect.stringMatching(/^src\/audits\/audits\.decider\.ts → node_modules\/@eventstore\/db-client\//),
      expect.stringMatching(/^templates\/with-sqlite\.ts → node_modules\/(@types\/)?better-sqlite3\//),
    ]);
  });

  it('reports a concrete event store named outside the event store, not in its wiring', () => {
    expect(broken('only-the-wiring-knows-a-concrete-event-store')).toEqual(['src/read-side/replay.ts → src/event-store/sqlite/sqlite-event-store.ts']);
  });

  it("reports an area importing another's decider, not its events or lookup, nor its own files", () => {
    expect(broken('areas-meet-through-events-and-lookups')).toEqual(['src/audits/audits.handlers.ts → src/incidents/incidents.decider.ts']);
  });
});
