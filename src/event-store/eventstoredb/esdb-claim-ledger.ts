import { BACKWARDS, END, NO_STREAM, type EventStoreDBClient } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store';
import { CLAIM_TAKEN, type IdempotencyClaim, type RecordedClaim } from '../idempotency';
import { conflict } from '../../shared/errors';
import { logs } from '../../observability/logger';
import { isStreamNotFound, isWrongExpectedVersion, toDomainError } from './esdb-connection';
import { toEsdbEvent } from './esdb-mapping';
import { toEsdbExpectedRevision } from './esdb-retries';
import { guarded, type EsdbStreamReads } from './esdb-stream-reads';
import {
  claimEvent,
  claimMaxAgeSeconds,
  claimStreamOf,
  decodeKeyRecord,
  isLive,
  judgeClaim,
  recordedClaimOfIntent,
  releaseEvent,
  type ClaimIntent,
  type KeyRecord,
  type SealedEvent,
} from './esdb-claims';

/** How often a key is looked at again while other writers keep changing it. */
const MAX_ROUNDS = 10;

type Settled = { answered: RecordedClaim } | { free: number };

/**
 * The key streams of EventStoreDB (decision 0026): a claim is written to its
 * key's stream with the key stream's exact revision (`no_stream` for a new
 * key) before the command's events, and whoever meets a live claim settles
 * it: finishes its append, or records that its append can never happen.
 */
export class EsdbClaimLedger {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly streams: EsdbStreamReads,
  ) {}

  /** The first answer of this actor's key, finishing its append if a crash interrupted it; null when the key is free. */
  async lookup(actor: string, key: string, now: string): Promise<RecordedClaim | null> {
    const settled = await this.settle(claimStreamOf(actor, key), now);
    return 'answered' in settled ? settled.answered : null;
  }

  /**
   * Records the claim of an append about to be written at `fromRevision`.
   * Answers the claim's revision in its key stream; a live claim of the same
   * key that has answered is a conflict (CLAIM_TAKEN): the caller then looks it up.
   */
  async claim(claim: IdempotencyClaim, stream: string, events: SealedEvent[], now: string): Promise<number> {
    const keyStream = claimStreamOf(claim.actor, claim.key);
    const intent: ClaimIntent = { claim, stream, fromRevision: events[0].revision, events };
    let expected: number = -1;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      try {
        await this.client.appendToStream(keyStream, claimEvent(intent), { expectedRevision: toEsdbExpectedRevision(expected) });
        if (expected < 0) await this.expireWithClaims(keyStream, claim, now);
        return expected + 1;
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw toDomainError(error, `recording Idempotency-Key ${claim.key}`);
        const settled = await this.settle(keyStream, now, actualRevision(error));
        if ('answered' in settled) throw conflict(`Idempotency-Key ${claim.key} already answered another request of ${claim.actor}`, { reason: CLAIM_TAKEN });
        expected = settled.free;
      }
    }
    throw conflict(`Idempotency-Key ${claim.key} keeps being claimed by other requests`, { reason: CLAIM_TAKEN });
  }

  /** After the append of a claim failed: its events can no longer land, so the key is free again. */
  async release(claim: IdempotencyClaim, claimRevision: number, stream: string): Promise<void> {
    const keyStream = claimStreamOf(claim.actor, claim.key);
    try {
      await this.client.appendToStream(keyStream, releaseEvent(claimRevision, stream), { expectedRevision: BigInt(claimRevision) });
    } catch (error) {
      // Someone settled the claim first; a release that did not happen is made by the next lookup of the key.
      if (!isWrongExpectedVersion(error)) throw toDomainError(error, `releasing Idempotency-Key ${claim.key}`);
    }
  }

  /**
   * Brings a key stream to a settled state: the live claim whose events
   * landed (answered), or the revision a new claim goes after (free).
   * `knownRevision` is the stream's revision when its events are hidden by
   * `maxAge` (a wrong expected version says it).
   */
  private async settle(keyStream: string, now: string, knownRevision = -1): Promise<Settled> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const last = await this.lastRecord(keyStream);
      if (!last) return { free: knownRevision };
      if (last.kind === 'released' || !isLive(last.intent, now)) return { free: last.revision };
      const { intent } = last;
      // Not under this process's lock of the stream: the append holding it may be the one settling; ESDB's exact revision decides.
      const landed = await this.land(intent);
      if (landed) return { answered: recordedClaimOfIntent(intent, landed) };
      try {
        await this.client.appendToStream(keyStream, releaseEvent(last.revision, intent.stream), { expectedRevision: BigInt(last.revision) });
        return { free: last.revision + 1 };
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw toDomainError(error, `releasing a claim of ${keyStream}`);
      }
    }
    throw conflict(`the claims of ${keyStream} keep changing`, { reason: CLAIM_TAKEN });
  }

  /** The claim's events as recorded, written now if the stream still waits for them; null if they can never land. */
  private async land(intent: ClaimIntent): Promise<RecordedEvent[] | null> {
    for (;;) {
      const recorded = await collect(this.streams.range(intent.stream, intent.fromRevision, intent.events.length, true));
      const head = recorded.length > 0 ? recorded[recorded.length - 1].revision : ((await this.streams.head(intent.stream))?.revision ?? -1);
      const verdict = judgeClaim(intent, recorded, head);
      if (verdict === 'landed') return recorded;
      if (verdict === 'void') return null;
      try {
        const expectedRevision = toEsdbExpectedRevision(intent.fromRevision - 1);
        await this.client.appendToStream(intent.stream, intent.events.map(toEsdbEvent), { expectedRevision });
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw toDomainError(error, `finishing the append of a claim on ${intent.stream}`);
      }
    }
  }

  private async lastRecord(keyStream: string): Promise<KeyRecord | null> {
    const read = guarded(this.client.readStream(keyStream, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true }));
    try {
      for await (const resolved of read) if (resolved.event) return decodeKeyRecord(resolved.event);
    } catch (error) {
      if (isStreamNotFound(error)) return null;
      throw toDomainError(error, `reading ${keyStream}`);
    }
    return null;
  }

  /** A new key stream forgets its claims after their period (ESDB hides them, then scavenging deletes them). */
  private async expireWithClaims(keyStream: string, claim: IdempotencyClaim, now: string): Promise<void> {
    try {
      await this.client.setStreamMetadata(keyStream, { maxAge: claimMaxAgeSeconds(claim, now) });
    } catch (error) {
      // The claim holds without it; the key stream is then only kept longer than needed.
      logs().warn({ err: toDomainError(error, `setting maxAge of ${keyStream}`) }, 'idempotency key stream kept without maxAge');
    }
  }
}

/** The revision a wrong expected version reports (-1: no stream). */
function actualRevision(error: unknown): number {
  const actual = (error as { actualVersion?: unknown }).actualVersion;
  return typeof actual === 'bigint' ? Number(actual) : actual === NO_STREAM ? -1 : -1;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
