import type Database from 'better-sqlite3';
import type { AccessChange } from './token-facts';
import type { TokenStore } from './token-store';

/**
 * The registry's access tables as a read model of the log (an adapter):
 * token events applied in log order with the position reached, in one
 * transaction. Applying an event twice changes nothing: an issued token
 * already there is kept (with its last use), a revocation never moves later.
 */
export class AccessTables {
  private readonly statements;
  private readonly applyAll;

  constructor(
    db: Database.Database,
    private readonly tokens: TokenStore,
  ) {
    this.statements = {
      position: db.prepare('SELECT position FROM access_follower WHERE id = 1').pluck(),
      reached: db.prepare('INSERT INTO access_follower (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position'),
      issue: db.prepare(
        `INSERT INTO tokens (id, hash, subject, role, name, created_at, expires_at, engagement_id, revoked_at, replaced_by)
         VALUES (@id, @hash, @subject, @role, @name, @createdAt, @expiresAt, @engagementId, @revokedAt, @replacedBy)
         ON CONFLICT DO NOTHING`,
      ),
      revoke: db.prepare(
        `UPDATE tokens SET revoked_at = CASE WHEN revoked_at IS NULL OR revoked_at > @effectiveAt THEN @effectiveAt ELSE revoked_at END,
           replaced_by = COALESCE(@replacedBy, replaced_by) WHERE id = @id`,
      ),
    };
    this.applyAll = db.transaction((changes: readonly AccessChange[], position: string) => {
      for (const change of changes) {
        if (change.kind === 'issued') this.statements.issue.run(change.token);
        else this.statements.revoke.run(change);
      }
      this.statements.reached.run(position);
    });
  }

  /** The position of the last event the tables took in; null: follow the log from its start. */
  position(): string | null {
    return (this.statements.position.get() as string | undefined) ?? null;
  }

  apply(changes: readonly AccessChange[], position: string): void {
    this.applyAll.immediate(changes, position);
    // This connection's own writes do not move data_version: the store's cache of tokens is told directly.
    if (changes.length > 0) this.tokens.forget();
  }
}
