import { createServer } from 'node:net';
import { EventStoreDbEventStore } from '../../../src/event-store/eventstoredb/eventstoredb-event-store';
import { openEventStore } from '../../../src/event-store/open-event-store';
import { loadConfig, ConfigError } from '../../../src/config';
import { FixedClock } from '../../../src/shared/clock';
import { isDomainError } from '../../../src/shared/errors';

/** A loopback port that nothing listens on: the real client meets a refused connection, no server involved. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const clock = new FixedClock(new Date('2025-03-01T10:00:00Z'));

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable) void _;
}

describe('EventStoreDB adapter without a reachable server', () => {
  let store: EventStoreDbEventStore;
  beforeEach(async () => {
    store = EventStoreDbEventStore.connect(`esdb://127.0.0.1:${await closedPort()}?tls=false`, clock);
  });
  afterEach(() => store.close());

  it('is built by openEventStore for EVENT_STORE=eventstoredb, lazily, with its kind', () => {
    const config = loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: 'kurrentdb://127.0.0.1:1?tls=false', DATA_DIR: '/tmp/unused' });
    const opened = openEventStore(config, clock);
    expect(opened).toBeInstanceOf(EventStoreDbEventStore);
    expect(opened.kind).toBe('eventstoredb');
    return opened.close();
  });

  it('refuses a connection string the client cannot parse, naming the variable', () => {
    expect(() => EventStoreDbEventStore.connect('esdb://', clock)).toThrow(ConfigError);
    expect(() => EventStoreDbEventStore.connect('esdb://', clock)).toThrow(/EVENTSTOREDB_URL/);
  });

  it('answers every call with DomainError unavailable', async () => {
    const newEvent = { id: 'e1', type: 'Opened', data: {}, actor: 'subject-alice', correlationId: 'corr-1' };
    const outcomes = await Promise.all([
      failure(store.append('audit-1', [newEvent], 'no_stream')),
      failure(drain(store.readStream('audit-1'))),
      failure(drain(store.readAll({ categories: ['audit'] }))),
      failure(store.headPosition()),
    ]);
    for (const outcome of outcomes) {
      expect(isDomainError(outcome, 'unavailable')).toBe(true);
      expect((outcome as Error).message).toMatch(/EventStoreDB is unavailable/);
    }
  });

  it('validates appends before calling the server', async () => {
    const outcome = await failure(store.append('audit-1', [], 'any'));
    expect(isDomainError(outcome, 'validation')).toBe(true);
  });

  it('ends a subscription through onError, and stop() still resolves', async () => {
    const handled: unknown[] = [];
    const error = await new Promise<unknown>((resolve) => {
      const subscription = store.subscribeToAll(null, (event) => void handled.push(event), resolve);
      void subscription;
    });
    expect(isDomainError(error, 'unavailable')).toBe(true);
    expect(handled).toEqual([]);
  });

  it('refuses calls once closed', async () => {
    await store.close();
    expect(isDomainError(await failure(store.headPosition()), 'unavailable')).toBe(true);
    expect(isDomainError(await failure(store.append('audit-1', [], 'any')), 'unavailable')).toBe(true);
  });
});
