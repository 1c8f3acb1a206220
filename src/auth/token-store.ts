import type Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Principal, Role } from './roles';

export interface IssuedToken {
  id: string;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Bearer tokens, stored as SHA-256 hashes in the registry (an adapter). */
export class TokenStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      insert: db.prepare('INSERT INTO tokens (id, hash, subject, role, name, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      byHash: db.prepare('SELECT id, subject, role FROM tokens WHERE hash = ? AND revoked_at IS NULL'),
      revoke: db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      byId: db.prepare('SELECT id, subject, role, revoked_at AS revokedAt FROM tokens WHERE id = ?'),
    };
  }

  create(role: Role, subject: string, name: string | null, now: Date): IssuedToken {
    const id = randomUUID();
    // 256 random bits: guessing is hopeless, so a fast hash is enough to store it.
    const token = `cfd_${randomBytes(32).toString('base64url')}`;
    this.statements.insert.run(id, hashOf(token), subject, role, name, now.toISOString());
    return { id, token };
  }

  authenticate(token: string): Principal | null {
    const row = this.statements.byHash.get(hashOf(token)) as { id: string; subject: string; role: Role } | undefined;
    return row ? { tokenId: row.id, subject: row.subject, role: row.role } : null;
  }

  /** Answers the token's subject and role, or null when no such token exists; revoking twice is harmless. */
  revoke(id: string, now: Date): { subject: string; role: Role } | null {
    const row = this.statements.byId.get(id) as { subject: string; role: Role } | undefined;
    if (!row) return null;
    this.statements.revoke.run(now.toISOString(), id);
    return row;
  }
}
