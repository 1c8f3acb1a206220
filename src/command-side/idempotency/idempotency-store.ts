import type Database from 'better-sqlite3';
import type { IdempotencyClaim, RecordedClaim } from '../../event-store/idempotency';

/**
 * Idempotency-Keys kept in the registry, for event stores that cannot record
 * them in the append's own transaction (EventStoreDB): written just after the
 * append, so a crash in between leaves the events without their key
 * (decision 0015). An adapter over the registry.
 */
export class IdempotencyStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      get: db.prepare('SELECT claim FROM idempotent_answers WHERE actor = ? AND key = ? AND expires_at > ?'),
      put: db.prepare(
        `INSERT INTO idempotent_answers (actor, key, claim, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (actor, key) DO UPDATE SET claim = excluded.claim, expires_at = excluded.expires_at WHERE idempotent_answers.expires_at <= ?`,
      ),
      prune: db.prepare('DELETE FROM idempotent_answers WHERE expires_at <= ?'),
    };
  }

  get(actor: string, key: string, now: string): RecordedClaim | null {
    const row = this.statements.get.get(actor, key, now) as { claim: string } | undefined;
    return row ? (JSON.parse(row.claim) as RecordedClaim) : null;
  }

  put(claim: IdempotencyClaim, recorded: RecordedClaim, now: string): void {
    this.statements.prune.run(now);
    this.statements.put.run(claim.actor, claim.key, JSON.stringify(recorded), claim.expiresAt, now);
  }
}
