import type { AppendResult, EventStore } from '../../event-store/event-store';
import { claimsAtomically, recordedClaimOf, type IdempotencyClaim, type RecordedClaim } from '../../event-store/idempotency';
import type { Clock } from '../../shared/clock';
import type { IdempotencyStore } from './idempotency-store';

/** An Idempotency-Key as a command carries it; `replayed` tells the HTTP layer the answer is a first answer given again. */
export interface IdempotencyKey {
  key: string;
  fingerprint: string;
  replayed: boolean;
}

export const DEFAULT_IDEMPOTENCY_TTL_HOURS = 24;

/**
 * Where a command's Idempotency-Key is recorded: with the events, in the
 * append's transaction, on a store that can; otherwise in the registry just
 * after the append (decision 0015). Keys are forgotten after their period.
 */
export class AnswerBook {
  private readonly ttlMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly fallback: IdempotencyStore | null,
    private readonly clock: Clock,
    ttlHours = DEFAULT_IDEMPOTENCY_TTL_HOURS,
  ) {
    this.ttlMs = ttlHours * 3600 * 1000;
  }

  async find(actor: string, key: string): Promise<RecordedClaim | null> {
    const now = this.clock.now().toISOString();
    if (claimsAtomically(this.store)) return this.store.recordedClaim(actor, key, now);
    return this.fallback?.get(actor, key, now) ?? null;
  }

  claimFor(actor: string, { key, fingerprint }: IdempotencyKey, answer: Record<string, unknown>): IdempotencyClaim {
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs).toISOString();
    return { actor, key, fingerprint, answer, expiresAt };
  }

  /** After an append whose store ignored the claim: the key is kept in the registry instead. */
  afterAppend(claim: IdempotencyClaim, appended: AppendResult): void {
    if (claimsAtomically(this.store)) return;
    this.fallback?.put(claim, recordedClaimOf(claim, appended), this.clock.now().toISOString());
  }
}
