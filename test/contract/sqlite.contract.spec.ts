import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { SystemClock } from '../../src/shared/clock';
import { eventStoreContract, type ContractHarness } from './event-store.contract';
import { appendContract } from './append.contract';
import { readContract } from './read.contract';
import { subscribeContract } from './subscribe.contract';
import { durabilityContract } from './durability.contract';
import { claimsContract } from './claims.contract';

const run = promisify(execFile);
// Built by `npm test` before jest runs: the other process is plain Node, like the CLI.
const CHILD = resolve(__dirname, '../../dist/test/contract/support/append-from-another-process.js');

async function sqliteHarness(): Promise<ContractHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-contract-'));
  const file = join(dir, 'events.db');
  return {
    open: async () => SqliteEventStore.open(file, new SystemClock(), 50),
    reopen: async (store) => {
      await store.close();
      return SqliteEventStore.open(file, new SystemClock(), 50);
    },
    appendFromAnotherProcess: async (stream, events) => {
      await run(process.execPath, [CHILD, file, stream, JSON.stringify(events)]);
    },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
    uniqueIdsAcrossStreams: true,
  };
}

eventStoreContract('sqlite', sqliteHarness, [appendContract, readContract, subscribeContract, durabilityContract, claimsContract]);
