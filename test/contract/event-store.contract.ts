import { randomUUID } from 'node:crypto';
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../../src/event-store/event-store';
import { comparePositions } from '../../src/event-store/event-store';
import { GENESIS_HASH, ChainVerifier } from '../../src/event-store/hash-chain';
import { isDomainError } from '../../src/shared/errors';

/** What an adapter provides to run the contract. Every adapter runs the same tests unchanged. */
export interface ContractHarness {
  open(): Promise<EventStore>;
  /** Closes the store and opens the same storage again. */
  reopen(store: EventStore): Promise<EventStore>;
  /** Appends through a separate operating-system process, as the CLI does. */
  appendFromAnotherProcess(stream: string, events: NewEvent[]): Promise<void>;
  dispose(): Promise<void>;
  /**
   * Whether an id already recorded in another stream is refused. SQLite has a
   * unique index on ids; EventStoreDB has no index by id, so it can only
   * recognise ids within the stream appended to (docs/decisions/0004).
   */
  readonly uniqueIdsAcrossStreams: boolean;
}

export const newEvent = (type: string, data: Record<string, unknown> = {}, id = randomUUID()): NewEvent => ({
  id,
  type,
  data,
  actor: 'subject-alice',
  correlationId: 'corr-1',
  causationId: null,
});

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export const expectConflict = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isDomainError(error, 'conflict')).toBe(true);
};

/** Waits until `predicate` holds, polling; fails after `ms`. */
export async function eventually(predicate: () => boolean, ms = 10000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface ContractContext {
  harness: ContractHarness;
  store: () => EventStore;
  setStore: (store: EventStore) => void;
  /** A category no other test uses, so tests hold on a shared server too. */
  category: () => string;
}

export function eventStoreContract(
  name: string,
  makeHarness: () => Promise<ContractHarness>,
  suites: ((ctx: ContractContext) => void)[],
): void {
  describe(`event store contract: ${name}`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    let category: string;
    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open();
      category = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });
    afterEach(async () => {
      await store.close();
      await harness.dispose();
    });
    const ctx: ContractContext = {
      get harness() {
        return harness;
      },
      store: () => store,
      setStore: (s) => (store = s),
      category: () => category,
    };
    for (const suite of suites) suite(ctx);
  });
}

export const readAllOf = (store: EventStore, category: string) => collect(store.readAll({ categories: [category] }));

export const streamOf = (store: EventStore, stream: string) => collect(store.readStream(stream));

export async function appendExpecting(
  store: EventStore,
  stream: string,
  expected: ExpectedRevision,
  ...types: string[]
): Promise<RecordedEvent[]> {
  const result = await store.append(
    stream,
    types.map((t) => newEvent(t)),
    expected,
  );
  return result.events;
}

export { comparePositions, GENESIS_HASH, ChainVerifier };
