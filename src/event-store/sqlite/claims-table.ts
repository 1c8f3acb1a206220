import type Database from 'better-sqlite3';
import type { AppendResult } from '../event-store';
import { CLAIM_TAKEN, recordedClaimOf, type IdempotencyClaim, type RecordedClaim } from '../idempotency';
import { conflict } from '../../shared/errors';

interface ClaimRow {
  fingerprint: string;
  answer: string;
  stream: string;
  revision: number;
  position: number;
  event_ids: string;
}

/** The `idempotency` table of events.db: claims written inside the append's own savepoint. */
export class ClaimsTable {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      get: db.prepare('SELECT fingerprint, answer, stream, revision, position, event_ids FROM idempotency WHERE actor = ? AND key = ? AND expires_at > ?'),
      forgetExpired: db.prepare('DELETE FROM idempotency WHERE actor = ? AND key = ? AND expires_at <= ?'),
      insert: db.prepare(
        `INSERT INTO idempotency (actor, key, fingerprint, answer, stream, revision, position, event_ids, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (actor, key) DO NOTHING`,
      ),
      prune: db.prepare('DELETE FROM idempotency WHERE expires_at <= ?'),
    };
  }

  get(actor: string, key: string, now: string): RecordedClaim | null {
    const row = this.statements.get.get(actor, key, now) as ClaimRow | undefined;
    if (!row) return null;
    const { fingerprint, stream, revision } = row;
    return { fingerprint, answer: JSON.parse(row.answer), stream, revision, position: String(row.position), eventIds: JSON.parse(row.event_ids) };
  }

  /** Records the claim with the append's events; a live claim of the same key makes the whole append fail. */
  record(claim: IdempotencyClaim, appended: AppendResult, now: string): void {
    const { actor, key } = claim;
    this.statements.forgetExpired.run(actor, key, now);
    const recorded = recordedClaimOf(claim, appended);
    const info = this.statements.insert.run(
      actor,
      key,
      recorded.fingerprint,
      JSON.stringify(recorded.answer),
      recorded.stream,
      recorded.revision,
      Number(recorded.position),
      JSON.stringify(recorded.eventIds),
      claim.expiresAt,
    );
    if (info.changes === 0) throw conflict(`Idempotency-Key ${key} already answered another request of ${actor}`, { reason: CLAIM_TAKEN });
  }

  /** Forgets every claim whose period is over; answers how many. */
  prune(now: string): number {
    return this.statements.prune.run(now).changes;
  }
}
