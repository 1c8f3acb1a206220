import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Subscription } from '../event-store/event-store';
import { APP_CONFIG } from '../shared/core.module';
import type { AppConfig } from '../config';
import type { StoredCheckpoint } from './tree-store';
import { TransparencyLog } from './transparency-log';
import { TreeThread } from './tree-thread';

const RESUBSCRIBE_MS = 1000;
/**
 * Appends arriving within this window share one catch-up: the tree grows in
 * batches, beside the appends. Each commit of the tree rewrites its last
 * pages, so fewer, larger commits write less beside the log's own (at 20 ms
 * the tree wrote twice as many bytes). Proofs lag the log by this much.
 */
const COALESCE_MS = 100;

/**
 * Grows the tree as the log grows, whatever the backend: a subscription to
 * the global order wakes one catch-up per burst of appends, off the append
 * path. A checkpoint is signed once the tree grew and the interval passed.
 */
@Injectable()
export class TransparencyFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TransparencyLog');
  private subscription: Subscription | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private lastIssued = 0;
  private wake: NodeJS.Timeout | null = null;
  private stamping: Promise<void> | null = null;
  /** Where the log and the tree are files: the tree grows in its own thread. */
  private thread: TreeThread | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly log: TransparencyLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const treeFile = this.log.tree.file;
    if (this.store.file && treeFile) this.thread = TreeThread.forFiles(this.store.file, treeFile);
    await this.pull();
    this.follow();
    const every = Math.max(1, this.config.checkpointIntervalSeconds) * 1000;
    this.timer = setInterval(() => {
      this.issueIfDue();
      this.stampPending();
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake);
    await this.subscription?.stop();
    await this.running;
    await this.stamping;
    await this.thread?.stop();
    this.log.tree.close();
  }

  private follow(): void {
    if (this.stopping) return;
    const from = this.log.tree.lastLeaf()?.position ?? null;
    const wake = () => {
      this.wake ??= setTimeout(() => {
        this.wake = null;
        void this.pull();
      }, COALESCE_MS);
    };
    this.subscription = this.store.watchAll(from, wake, (error) => {
      this.logger.error(`following the log failed: ${String(error)}`);
      if (!this.stopping) setTimeout(() => this.follow(), RESUBSCRIBE_MS).unref();
    });
  }

  /** Catches the tree up with the log; calls meanwhile make it go round once more. */
  pull(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.grow();
          if (this.config.checkpointIntervalSeconds === 0) this.issueIfDue();
        } catch (error) {
          this.logger.error(`the transparency log cannot grow: ${error instanceof Error ? error.message : String(error)}`);
        }
      } while (this.again && !this.stopping);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async grow(): Promise<void> {
    if (!this.thread) {
      await this.log.catchUp(this.store);
      return;
    }
    const growth = await this.thread.grow();
    this.log.tree.refresh();
    await this.log.keepCosignatures(this.store, growth.cosigned);
  }

  private issueIfDue(): void {
    const now = Date.now();
    if (now - this.lastIssued < this.config.checkpointIntervalSeconds * 1000) return;
    const before = this.log.latest()?.treeSize;
    const issued = this.log.issueCheckpoint();
    if (issued && issued.treeSize !== before) {
      this.lastIssued = now;
      this.stampPending();
    }
  }

  /** Asks the TSA for the tokens checkpoints lack, one round at a time, beside everything else. */
  private stampPending(): void {
    const timestamper = this.log.timestamper;
    if (!timestamper || this.stamping || this.stopping || !timestamper.available) return;
    this.stamping = timestamper
      .stampPending()
      .then(() => {
        if (timestamper.problem) this.logger.warn(`checkpoints wait for a time-stamp from ${timestamper.url}: ${timestamper.problem}; retried later`);
      })
      .catch((error: unknown) => this.logger.error(`time-stamping checkpoints failed: ${String(error)}`))
      .finally(() => (this.stamping = null));
  }

  /** A checkpoint of the whole log as it is now: a dossier is drawn against it. */
  async checkpointNow(): Promise<StoredCheckpoint | undefined> {
    await this.pull();
    return this.log.issueCheckpoint();
  }
}
