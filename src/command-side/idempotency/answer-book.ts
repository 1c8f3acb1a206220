import type { EventStore } from '../../event-store/event-store';
import type { IdempotencyClaim, RecordedClaim } from '../../event-store/idempotency';
import type { Clock } from '../../shared/clock';

/** An Idempotency-Key as a command carries it; `replayed` tells the HTTP layer the answer is a first answer given again. */
export interface IdempotencyKey {
  key: string;
  fingerprint: string;
  replayed: boolean;
}

export const DEFAULT_IDEMPOTENCY_TTL_HOURS = 24;

/**
 * A command's Idempotency-Key: recorded by the event store with the events
 * it answered, whatever the store (decisions 0015, 0026), and forgotten
 * after its period.
 */
export class AnswerBook {
  private readonly ttlMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    ttlHours = DEFAULT_IDEMPOTENCY_TTL_HOURS,
  ) {
    this.ttlMs = ttlHours * 3600 * 1000;
  }

  find(actor: string, key: string): Promise<RecordedClaim | null> {
    return this.store.recordedClaim(actor, key, this.clock.now().toISOString());
  }

  claimFor(actor: string, { key, fingerprint }: IdempotencyKey, answer: Record<string, unknown>): IdempotencyClaim {
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs).toISOString();
    return { actor, key, fingerprint, answer, expiresAt };
  }
}
