import type { EventEmitter } from 'node:events';
import type { Subscription } from '../event-store';
import { logs } from '../../observability/logger';

const BATCH = 500;

/**
 * Catch-up then live delivery. Local appends wake the loop at once; appends by
 * another process on the same file (the CLI, say) are found by polling.
 */
export class SqliteSubscription<T extends { position: number | string }> implements Subscription {
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly loop: Promise<void>;
  private readonly onAppended = () => this.wake?.();

  constructor(
    private readonly readAfter: (after: number, limit: number) => T[],
    private last: number,
    private readonly handler: (event: T) => void | Promise<void>,
    private readonly appended: EventEmitter,
    private readonly pollIntervalMs: number,
    private readonly onError: ((error: unknown) => void) | undefined,
    private readonly onStopped: () => void,
  ) {
    appended.on('appended', this.onAppended);
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped) {
        const batch = this.readAfter(this.last, BATCH);
        for (const event of batch) {
          if (this.stopped) return;
          await this.handler(event);
          this.last = Number(event.position);
        }
        if (batch.length < BATCH) await this.idle();
      }
    } catch (error) {
      if (this.onError) this.onError(error);
      else logs().error({ err: error }, 'subscription stopped');
    } finally {
      this.detach();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private detach(): void {
    this.stopped = true;
    this.appended.off('appended', this.onAppended);
    this.onStopped();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }
}
