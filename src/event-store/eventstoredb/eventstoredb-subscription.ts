import { excludeSystemEvents, START, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { EventHandler, Position, Subscription } from '../event-store';
import { toDomainError } from './esdb-connection';
import { decodeRecordedEvent, isSystemRecord } from './esdb-mapping';
import { decodePosition, encodeAllPosition } from './esdb-positions';
import { logs } from '../../observability/logger';

/**
 * A catch-up subscription to `$all`: the server replays from the position and
 * then goes live on the same call. System events are filtered out on the
 * server. The start is exclusive on ESDB already; events at or before it are
 * skipped here too, so the port's contract does not rest on a server detail.
 *
 * When the connection drops, the subscription ends with `onError` (mapped to
 * DomainError 'unavailable'); it does not resubscribe by itself. Its owner
 * (the projection runner) subscribes again from its own checkpoint, which is
 * the only position that knows what was durably handled.
 */
export class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private readonly subscription: AllStreamSubscription;
  private readonly loop: Promise<void>;
  private last: bigint | null;

  constructor(
    client: EventStoreDBClient,
    fromPosition: Position | null,
    private readonly handler: EventHandler,
    private readonly onError: ((error: unknown) => void) | undefined,
    private readonly onStopped: () => void,
  ) {
    this.last = fromPosition === null ? null : decodePosition(fromPosition).prepare;
    this.subscription = client.subscribeToAll({
      fromPosition: fromPosition === null ? START : decodePosition(fromPosition),
      filter: excludeSystemEvents(),
    });
    // Errors reach the loop through iteration; this listener only keeps a late one (after stop) from crashing the process.
    this.subscription.on('error', () => undefined);
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    try {
      for await (const resolved of this.subscription) {
        if (this.stopped) return;
        const record = resolved.event;
        if (!record || isSystemRecord(record)) continue;
        const position = encodeAllPosition(record.position, `event ${record.streamId}@${record.revision}`);
        const at = BigInt(position);
        if (this.last !== null && at <= this.last) continue;
        await this.handler(decodeRecordedEvent(record, position));
        this.last = at;
      }
      if (!this.stopped) throw new Error('the EventStoreDB subscription ended unexpectedly');
    } catch (error) {
      if (this.stopped) return; // cancelling the call ends the iteration with an error: that is the stop
      const mapped = toDomainError(error, 'following $all');
      if (this.onError) this.onError(mapped);
      else logs().error({ err: mapped }, 'subscription stopped');
    } finally {
      this.stopped = true;
      this.onStopped();
    }
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      await this.subscription.unsubscribe().catch(() => undefined);
      // unsubscribe cancels the gRPC call; destroying the readable ends a pending iteration at once.
      this.subscription.destroy();
    }
    await this.loop;
  }
}
