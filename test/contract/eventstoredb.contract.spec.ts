import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { SystemClock } from '../../src/shared/clock';
import { eventStoreContract, type ContractHarness } from './event-store.contract';
import { appendContract } from './append.contract';
import { readContract } from './read.contract';
import { subscribeContract } from './subscribe.contract';
import { durabilityContract } from './durability.contract';

/**
 * The same contract as SQLite, against a real EventStoreDB/KurrentDB server
 * when EVENTSTOREDB_URL names one (e.g. `docker compose up eventstore`, then
 * EVENTSTOREDB_URL=esdb://localhost:2113?tls=false). A server cannot be wiped,
 * so every test works in categories of its own (the contract draws a random
 * one per test); use a throw-away server: each run adds about 100 MB.
 */
const URL = process.env.EVENTSTOREDB_URL;

const run = promisify(execFile);
// Built by `npm test` before jest runs: the other process is plain Node, like the CLI.
const ADAPTER = resolve(__dirname, '../../dist/src/event-store/eventstoredb/eventstoredb-event-store.js');
const CLOCK = resolve(__dirname, '../../dist/src/shared/clock.js');
const APPEND_FROM_ANOTHER_PROCESS = `
const { EventStoreDbEventStore } = require(${JSON.stringify(ADAPTER)});
const { SystemClock } = require(${JSON.stringify(CLOCK)});
const [url, stream, events] = process.argv.slice(1);
const store = EventStoreDbEventStore.connect(url, new SystemClock());
store.append(stream, JSON.parse(events), 'any')
  .then(() => store.close())
  .catch((error) => { console.error(error); process.exit(1); });
`;

async function eventStoreDbHarness(url: string): Promise<ContractHarness> {
  return {
    open: async () => EventStoreDbEventStore.connect(url, new SystemClock()),
    reopen: async (store) => {
      await store.close();
      return EventStoreDbEventStore.connect(url, new SystemClock());
    },
    appendFromAnotherProcess: async (stream, events) => {
      await run(process.execPath, ['-e', APPEND_FROM_ANOTHER_PROCESS, url, stream, JSON.stringify(events)]);
    },
    dispose: async () => undefined, // nothing to remove: the server keeps every test's own categories
    uniqueIdsAcrossStreams: false,
  };
}

if (URL) {
  eventStoreContract('eventstoredb', () => eventStoreDbHarness(URL), [appendContract, readContract, subscribeContract, durabilityContract]);
} else {
  describe('event store contract: eventstoredb', () => {
    it('runs only against a real server', () => {
      console.log('EventStoreDB contract suite skipped: set EVENTSTOREDB_URL=esdb://localhost:2113?tls=false to run it');
      expect(URL ?? '').toBe('');
    });
  });
}
