import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventHandler, EventStore, Position, Subscription } from '../../../src/event-store/event-store';
import { Logger } from '@nestjs/common';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { Metrics } from '../../../src/observability/metrics';
import { Backoff } from '../../../src/read-side/backoff';
import { ProjectionRunner } from '../../../src/read-side/projection-runner';
import { ReadModelStore } from '../../../src/read-side/read-model-store';
import { SnapshotStore } from '../../../src/read-side/snapshots';
import { FixedClock } from '../../../src/shared/clock';
import { PROJECTIONS } from '../../../projections';

/** The real store, except that its first `failures` subscriptions end with an error, as a dropped connection does. */
function flaky(store: EventStore, failures: number): { store: EventStore; subscribedFrom: (Position | null)[] } {
  const subscribedFrom: (Position | null)[] = [];
  const subscribeToAll = (from: Position | null, handler: EventHandler, onError?: (error: unknown) => void): Subscription => {
    subscribedFrom.push(from);
    if (subscribedFrom.length > failures) return store.subscribeToAll(from, handler, onError);
    setImmediate(() => onError?.(new Error('connection to the store dropped')));
    return { stop: async () => undefined };
  };
  const wrapper = new Proxy(store, {
    get: (target, property) => {
      if (property === 'subscribeToAll') return subscribeToAll;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: wrapper, subscribedFrom };
}

/** Polls until `check` holds: the runner works in the background. */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never happened: ${what}`);
}

describe('projection runner: live subscription', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readModels: ReadModelStore;
  let snapshots: SnapshotStore;
  let metrics: Metrics;
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['error', 'warn', 'log']));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'confiance-runner-'));
    store = SqliteEventStore.open(join(dir, 'events.db'), new FixedClock(new Date('2024-03-01T08:00:00Z')));
    readModels = new ReadModelStore(join(dir, 'read-models.db'));
    snapshots = new SnapshotStore(join(dir, 'snapshots.db'), join(dir, 'read-models.db'), PROJECTIONS);
    metrics = new Metrics();
  });

  afterEach(async () => {
    snapshots.close();
    readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const recordMilestone = (id: string) =>
    store.append(
      `milestone-${id}`,
      [{ id: `event-${id}`, type: 'MilestoneRecorded', data: { milestoneId: id, title: id, kind: 'corporate', plannedFor: '2024-06-30', occurredOn: null, source: null }, actor: 'compliance-1', correlationId: `c-${id}` }],
      'no_stream',
    );
  const failures = async () => (await metrics.liveSubscriptionFailures.get()).values[0]?.value ?? 0;
  const projected = (id: string) => readModels.get('timeline', `milestone:${id}`) !== null;

  it('follows the log again from its checkpoint after the subscription fails, so read models catch up without a query', async () => {
    await recordMilestone('before-start');
    const flakyStore = flaky(store, 1);
    const runner = new ProjectionRunner(flakyStore.store, readModels, snapshots, metrics);
    await runner.onApplicationBootstrap();
    expect(projected('before-start')).toBe(true);

    await eventually(async () => (await failures()) === 1, 'the failure is counted');
    // Appended while nothing follows the log: the new subscription starts at the checkpoint, so it is not missed.
    await recordMilestone('during-the-gap');
    await eventually(() => projected('during-the-gap'), 'the event appended during the gap is projected');
    await recordMilestone('after-resubscribing');
    await eventually(() => projected('after-resubscribing'), 'the next event is projected live');

    // Both from position 1, where the read models stood: the second subscription delivered the gap's event.
    expect(flakyStore.subscribedFrom).toEqual(['1', '1']);
    expect(await failures()).toBe(1);
    await runner.onApplicationShutdown();
  });

  it('stops cleanly on shutdown while it waits to subscribe again', async () => {
    const flakyStore = flaky(store, Number.POSITIVE_INFINITY);
    const runner = new ProjectionRunner(flakyStore.store, readModels, snapshots, metrics);
    runner.backoff = new Backoff(10, 40);
    await runner.onApplicationBootstrap();
    await eventually(async () => (await failures()) >= 3, 'it keeps trying while the store fails');
    await runner.onApplicationShutdown();
    const attempts = flakyStore.subscribedFrom.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(flakyStore.subscribedFrom.length).toBe(attempts);
  });
});

describe('resubscription backoff', () => {
  it('doubles from half a second up to 30 s, and starts again once a subscription works', () => {
    const backoff = new Backoff(500, 30_000);
    expect(Array.from({ length: 8 }, () => backoff.next())).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30_000, 30_000]);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });
});
