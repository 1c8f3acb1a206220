import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Subscription } from '../event-store/event-store';
import { DomainError } from '../shared/errors';
import { Metrics } from '../observability/metrics';
import { PROJECTIONS } from '../../projections';
import { Backoff } from './backoff';
import { catchUp } from './catch-up';
import { ReadModelStore, type Lane } from './read-model-store';
import { SnapshotStore } from './snapshots';

const MIN_POSITION_WAIT_MS = 5000;
const RESUBSCRIBE_FIRST_MS = 500;
const RESUBSCRIBE_MAX_MS = 30_000;

/**
 * Keeps the read models up to date: catches up from each lane's position,
 * then follows the log live. A projection whose version changed gets a new
 * lane that is promoted once it reaches the head; until then the old
 * generation keeps answering.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProjectionRunner');
  private subscription: Subscription | null = null;
  private resubscribe: NodeJS.Timeout | null = null;
  private stopping = false;
  /** Waits before following the log again after the live subscription failed. */
  backoff = new Backoff(RESUBSCRIBE_FIRST_MS, RESUBSCRIBE_MAX_MS);
  private running: Promise<void> | null = null;
  private again = false;
  private waiters: { position: number; resolve: () => void }[] = [];
  private readonly live = (lane: Lane) =>
    (lane.state === 'active' || lane.state === 'building') && PROJECTIONS.some((p) => p.name === lane.name && p.version === lane.version);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly snapshots: SnapshotStore,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.readModels.ensureLanes(PROJECTIONS);
    await this.pull();
    this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.resubscribe) clearTimeout(this.resubscribe);
    await this.subscription?.stop();
    await this.running;
  }

  /**
   * Follows the log from the read models' checkpoint. The subscription only
   * wakes the runner: one catch-up per burst of appends, not one awaited per
   * event. A failed subscription is replaced after a growing wait, so read
   * models keep up without waiting for a query or a restart.
   */
  private follow(): void {
    if (this.stopping) return;
    let delivered = false;
    const wake = () => {
      if (!delivered) this.backoff.reset();
      delivered = true;
      void this.pull().catch((error: unknown) => this.logger.error(`catch-up failed: ${String(error)}`));
    };
    try {
      // The checkpoint is where the answering read models stand: whatever came after it wakes the runner.
      this.subscription = this.store.subscribeToAll(this.readModels.position, wake, (error) => this.failed(error));
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    this.metrics.liveSubscriptionFailures.inc();
    if (this.stopping) return;
    const wait = this.backoff.next();
    this.logger.error(`live subscription failed: ${String(error)}; following again from the checkpoint in ${wait} ms`);
    this.resubscribe = setTimeout(() => {
      this.resubscribe = null;
      this.follow();
    }, wait);
    this.resubscribe.unref();
  }

  /** Catches up; calls arriving meanwhile make it go round once more instead of running twice. */
  pull(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        // Snapshots are taken between batches, so a long catch-up leaves them at every interval too.
        await catchUp(this.store, this.readModels, PROJECTIONS, this.live, (lanes, _events, batch) => {
          this.snapshots.track(batch);
          this.snapshots.takeIfDue(Math.max(0, ...lanes.map((l) => l.position ?? 0)));
        });
        await this.promoteCaughtUp();
        this.release();
      } while (this.again);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async promoteCaughtUp(): Promise<void> {
    const head = Number((await this.store.headPosition()) ?? 0);
    for (const lane of this.readModels.lanes().filter((l) => l.state === 'building' && this.live(l))) {
      if ((lane.position ?? 0) >= head) {
        this.readModels.promote(lane);
        this.logger.log(`read model ${lane.name} v${lane.version} rebuilt and promoted`);
      }
    }
  }

  /** Position and lag (events behind the head) of each read model that answers queries. */
  async status(): Promise<Record<string, { position: string | null; lag: number }>> {
    const head = Number((await this.store.headPosition()) ?? 0);
    const active = this.readModels.lanes().filter((l) => l.state === 'active');
    return Object.fromEntries(active.map((l) => [l.name, { position: l.position === null ? null : String(l.position), lag: head - (l.position ?? 0) }]));
  }

  /** Whether every read model that answers queries has reached `position`. */
  hasReached(position: string): boolean {
    return this.reached(Number(position));
  }

  /** Resolves once every read model has reached `position`, or fails after a bounded wait. */
  async waitFor(position: string): Promise<void> {
    const target = Number(position);
    if (this.reached(target)) return;
    void this.pull();
    await new Promise<void>((resolve, reject) => {
      const waiter = { position: target, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new DomainError('unavailable', `read models did not reach position ${position} within ${MIN_POSITION_WAIT_MS} ms`));
      }, MIN_POSITION_WAIT_MS);
      this.waiters.push(waiter);
    });
  }

  private reached(target: number): boolean {
    return this.readModels.lanes().filter((l) => l.state === 'active').every((l) => (l.position ?? 0) >= target);
  }

  private release(): void {
    const ready = this.waiters.filter((w) => this.reached(w.position));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve();
  }
}
