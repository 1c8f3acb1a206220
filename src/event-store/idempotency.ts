/**
 * Idempotency-Keys recorded with the append they answered (decisions 0015,
 * 0026). Every store records the claim so that a command is either recorded
 * with its key or not at all: SQLite in the append's transaction,
 * EventStoreDB in a key stream written first, which holds the sealed events
 * (see eventstoredb/esdb-claims.ts). A retry after a crash finds the key
 * exactly when the events are there.
 */
import type { AppendResult, IdempotencyClaim, RecordedClaim } from './event-store';

export type { IdempotencyClaim, RecordedClaim };

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
