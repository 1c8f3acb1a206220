import type { EventStoreDBClient } from '@eventstore/db-client';
import type { AppendResult, ExpectedRevision, IdempotencyClaim, NewEvent, RecordedEvent } from '../event-store';
import { checkExpectedRevision, sealAfter } from '../envelope';
import type { Clock } from '../../shared/clock';
import { isWrongExpectedVersion, toDomainError } from './esdb-connection';
import { toEsdbEvent } from './esdb-mapping';
import { judgeRetry, retryWindow, toEsdbExpectedRevision } from './esdb-retries';
import type { EsdbStreamReads } from './esdb-stream-reads';
import type { EsdbClaimLedger } from './esdb-claim-ledger';

/** How often an `any`/`stream_exists` append is tried when another process keeps winning the race. */
const MAX_ATTEMPTS = 10;

/**
 * Appends continue the stream's hash chain: read the last event, seal the new
 * events after its hash, append at exactly that revision. A writer in another
 * process that got there first makes ESDB refuse the append rather than fork
 * the chain; the append is then judged again against what that writer left.
 */
export class EsdbAppends {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly clock: Clock,
    private readonly streams: EsdbStreamReads,
    private readonly claims: EsdbClaimLedger,
  ) {}

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision, claim?: IdempotencyClaim): Promise<AppendResult> {
    // An exact expectation gets one more look after losing a race: the winner may have been a retry of this very append.
    const attempts = expected === 'any' || expected === 'stream_exists' ? MAX_ATTEMPTS : 2;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.appendOnce(stream, events, expected, claim);
      } catch (error) {
        if (!isWrongExpectedVersion(error) || attempt >= attempts) throw toDomainError(error, `appending to ${stream}`);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  /** With a claim, the claim is recorded first, holding the sealed events (decision 0026). */
  private async appendOnce(stream: string, events: readonly NewEvent[], expected: ExpectedRevision, claim?: IdempotencyClaim): Promise<AppendResult> {
    const head = await this.streams.head(stream);
    const current = head ? head.revision : -1;
    const window = retryWindow(expected, current, events.length);
    if (window) {
      const recorded = await collect(this.streams.range(stream, window.fromRevision, window.maxCount, true));
      const retried = judgeRetry(stream, expected, events, recorded);
      if (retried) return resultOf(stream, retried);
    }
    checkExpectedRevision(stream, expected, current);
    const now = this.clock.now().toISOString();
    const sealed = sealAfter(stream, head ?? undefined, now, events);
    const claimRevision = claim ? await this.claims.claim(claim, stream, sealed, now) : null;
    try {
      await this.client.appendToStream(stream, sealed.map(toEsdbEvent), { expectedRevision: toEsdbExpectedRevision(current) });
    } catch (error) {
      if (claim && claimRevision !== null && isWrongExpectedVersion(error)) {
        // The claim's events either landed meanwhile (another process finished them: a success) or never can.
        const landed = await collect(this.streams.range(stream, current + 1, sealed.length, true));
        if (landed.length === sealed.length && landed.every((event, i) => event.id === sealed[i].id)) return resultOf(stream, landed);
        await this.claims.release(claim, claimRevision, stream);
      }
      throw error;
    }
    // Positions are only known once written; reading back also returns what the server holds
    // (ESDB acknowledges an exact-revision retry of the same event ids without writing).
    const written = await collect(this.streams.range(stream, current + 1, sealed.length, true));
    if (written.length !== sealed.length || written.some((event, i) => event.id !== sealed[i].id)) {
      throw new Error(`append to ${stream} at revision ${current + 1} was acknowledged but reads back differently`);
    }
    return resultOf(stream, written);
  }
}

function resultOf(stream: string, events: RecordedEvent[]): AppendResult {
  const last = events[events.length - 1];
  return { stream, revision: last.revision, position: last.position, events };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
