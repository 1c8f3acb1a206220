import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { EventStoreDBClient, NO_STREAM } from '@eventstore/db-client';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { CLAIM_CATEGORY, claimEvent, claimStreamOf, RELEASED } from '../../src/event-store/eventstoredb/esdb-claims';
import { sealAfter } from '../../src/event-store/envelope';
import type { IdempotencyClaim } from '../../src/event-store/event-store';
import { SystemClock } from '../../src/shared/clock';
import { collect, eventStoreContract, newEvent, streamOf, type ContractContext, type ContractHarness } from './event-store.contract';
import { claimsContract } from './claims.contract';
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

/**
 * What a process that died between a claim and its events leaves on the
 * server (decision 0026), written with the client itself: the next lookup of
 * the key must finish that append, or free the key if it can no longer happen.
 */
function interruptedClaims(url: string) {
  return (ctx: ContractContext) => {
    describe('Idempotency-Key claims interrupted by a crash', () => {
      let client: EventStoreDBClient;
      beforeEach(() => (client = EventStoreDBClient.connectionString(url)));
      afterEach(() => client.dispose());
      const claimOf = (key: string): IdempotencyClaim => ({
        actor: `actor-${ctx.category()}`,
        key,
        fingerprint: 'f1',
        answer: { id: 'm1' },
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      /** The claim a crashed process wrote for events it never appended. */
      const leaveClaim = async (claim: IdempotencyClaim, stream: string) => {
        const events = sealAfter(stream, undefined, new Date().toISOString(), [newEvent('Opened', { n: 1 }), newEvent('Noted', { n: 2 })]);
        await client.appendToStream(claimStreamOf(claim.actor, claim.key), claimEvent({ claim, stream, fromRevision: 0, events }), { expectedRevision: NO_STREAM });
        return events;
      };

      it('finishes the append of a claim whose events were never written, once, and answers it', async () => {
        const stream = `${ctx.category()}-a`;
        const claim = claimOf('k1');
        const sealed = await leaveClaim(claim, stream);
        const first = await ctx.store().recordedClaim(claim.actor, claim.key, new Date().toISOString());
        const again = await ctx.store().recordedClaim(claim.actor, claim.key, new Date().toISOString());
        const events = await streamOf(ctx.store(), stream);
        expect(events.map((e) => [e.id, e.revision, e.metadata.hash])).toEqual(sealed.map((e) => [e.id, e.revision, e.metadata.hash]));
        expect(first).toEqual({ fingerprint: 'f1', answer: { id: 'm1' }, stream, revision: 1, position: events[1].position, eventIds: sealed.map((e) => e.id) });
        expect(again).toEqual(first);
        const retried = await ctx.store().append(`${ctx.category()}-b`, [newEvent('Opened')], 'no_stream', { claim }).catch((e: unknown) => e);
        expect((retried as { kind?: string }).kind).toBe('conflict');
      });

      it('frees the key of a claim whose stream moved on before its events were written', async () => {
        const stream = `${ctx.category()}-a`;
        const claim = claimOf('k1');
        await leaveClaim(claim, stream);
        await ctx.store().append(stream, [newEvent('SomethingElse')], 'no_stream');
        expect(await ctx.store().recordedClaim(claim.actor, claim.key, new Date().toISOString())).toBeNull();
        const keyEvents = await collect(client.readStream(claimStreamOf(claim.actor, claim.key)));
        expect(keyEvents.map((e) => e.event?.type)).toEqual(['IdempotencyKeyClaimed', RELEASED]);
        expect((await streamOf(ctx.store(), stream)).map((e) => e.type)).toEqual(['SomethingElse']);
        await ctx.store().append(stream, [newEvent('Noted')], 0, { claim });
        expect(await ctx.store().recordedClaim(claim.actor, claim.key, new Date().toISOString())).toMatchObject({ stream, revision: 1 });
      });

      it('never shows a claim as an event of the ledger', async () => {
        const before = await ctx.store().headPosition();
        const appended = await ctx.store().append(`${ctx.category()}-a`, [newEvent('Opened')], 'no_stream', { claim: claimOf('k1') });
        const after = await collect(ctx.store().readAll(before === null ? {} : { fromPosition: before }));
        expect(after.some((e) => e.stream.startsWith(CLAIM_CATEGORY))).toBe(false);
        expect(after.map((e) => e.id)).toContain(appended.events[0].id);
        await expect(ctx.store().append(claimStreamOf('someone', 'k'), [newEvent('Forged')], 'any')).rejects.toMatchObject({ kind: 'validation' });
      });
    });
  };
}

if (URL) {
  eventStoreContract('eventstoredb', () => eventStoreDbHarness(URL), [
    appendContract,
    readContract,
    subscribeContract,
    durabilityContract,
    claimsContract,
    interruptedClaims(URL),
  ]);
} else {
  describe('event store contract: eventstoredb', () => {
    it('runs only against a real server', () => {
      console.log(
        'EventStoreDB contract suite (appends, reads, subscriptions, durability, Idempotency-Key claims and claims interrupted by a crash) ' +
          'skipped: no server configured; set EVENTSTOREDB_URL=esdb://localhost:2113?tls=false to run it against a real one',
      );
      expect(URL ?? '').toBe('');
    });
  });
}
