import type { EventStore, Subscription } from '../event-store/event-store';
import type { AccessTables } from './access-tables';
import { accessChangeOf, type AccessChange } from './token-facts';

/**
 * Keeps this instance's access tables in step with the log, and erases its
 * copy of anyone the log says was erased (decision 0036):
 * at start-up it takes in every token event since the position it reached,
 * then follows the log (at once for this process's appends, within the
 * store's polling interval for other processes'). Authentication calls
 * `catchUp` before refusing an unknown token, so a token issued through
 * another instance works at its first request here.
 */
export class AccessFollower {
  private subscription: Subscription | null = null;
  private queued: Promise<void> | null = null;
  private last: Promise<void> = Promise.resolve();
  /** The log's head when last read: a wake with nothing new since reads nothing. */
  private readTo: string | null;

  constructor(
    private readonly store: EventStore,
    private readonly tables: AccessTables,
    private readonly onError: (error: unknown) => void = () => undefined,
    /** Removes this instance's copy of a person's details, if it holds one (decision 0036). */
    private readonly erasePerson: (subject: string) => void = () => undefined,
  ) {
    this.readTo = tables.position();
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  /** Before the registry and the store close. */
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  async start(): Promise<void> {
    await this.catchUp();
    this.subscription = this.store.watchAll(this.readTo, () => void this.catchUp().catch(this.onError), this.onError);
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    await this.last.catch(() => undefined);
  }

  /**
   * Resolves once every token event in the log when it was called has been
   * taken in. Reads run one at a time; calls made while one runs share the
   * next read.
   */
  catchUp(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.last.catch(() => undefined).then(() => {
      this.queued = null;
      return this.readNew();
    });
    this.queued = run;
    this.last = run;
    return run;
  }

  private async readNew(): Promise<void> {
    const head = await this.store.headPosition();
    if (head === null || head === this.readTo) return;
    const fromPosition = this.readTo === null ? undefined : String(BigInt(this.readTo) + 1n);
    const changes: AccessChange[] = [];
    const erased: string[] = [];
    for await (const event of this.store.readAll({ categories: ['token', 'person'], fromPosition, toPosition: head })) {
      if (event.type === 'PersonErased') erased.push(String(event.data.subject));
      const change = accessChangeOf({ type: event.type, data: event.data, recordedAt: event.metadata.recordedAt });
      if (change) changes.push(change);
    }
    // Erasures first: one that fails (a busy registry) leaves the position where it was, so it is tried again.
    for (const subject of erased) this.erasePerson(subject);
    // The position is written with the changes it covers; with none, it is kept in memory only (no write per wake).
    if (changes.length > 0) this.tables.apply(changes, head);
    this.readTo = head;
  }
}
