/**
 * Idempotency-Keys recorded with the append they answered (decision 0015).
 * A store that `ClaimsAtomically` writes the claim in the same transaction as
 * the events, so a command is either recorded with its key or not at all: a
 * retry after a crash finds the key exactly when the events are there.
 */
import type { AppendResult, EventStore, IdempotencyClaim, Position } from './event-store';

export type { IdempotencyClaim };

/** A claim as recorded: enough to give a retry the first answer again. */
export interface RecordedClaim {
  fingerprint: string;
  answer: Record<string, unknown>;
  stream: string;
  revision: number;
  position: Position;
  eventIds: string[];
}

export interface ClaimsAtomically {
  /** The claim recorded for this actor and key that is still live at `now`, or null. */
  recordedClaim(actor: string, key: string, now: string): Promise<RecordedClaim | null>;
}

export const claimsAtomically = (store: EventStore): store is EventStore & ClaimsAtomically =>
  typeof (store as Partial<ClaimsAtomically>).recordedClaim === 'function';

export const recordedClaimOf = (claim: IdempotencyClaim, appended: AppendResult): RecordedClaim => ({
  fingerprint: claim.fingerprint,
  answer: claim.answer,
  stream: appended.stream,
  revision: appended.revision,
  position: appended.position,
  eventIds: appended.events.map((event) => event.id),
});

/** The conflict a store raises when the key of a claim is already recorded (a concurrent first request won). */
export const CLAIM_TAKEN = 'idempotency_key_taken';
