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
/** Tokens recently authenticated, so a request does not hash and look up its token again. */
const KNOWN_TOKENS = 1_000;

export class TokenStore {
  private readonly statements;
  /**
   * Valid tokens seen lately, with their principal. Emptied when this store
   * revokes one, and whenever SQLite's data_version says another connection
   * (`confiance token revoke`) wrote to the registry: a revocation still
   * takes effect at the next request.
   */
  private readonly known = new Map<string, Principal>();
  private knownAtVersion = -1;

  constructor(db: Database.Database) {
    this.statements = {
      insert: db.prepare('INSERT INTO tokens (id, hash, subject, role, name, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      byHash: db.prepare('SELECT id, subject, role FROM tokens WHERE hash = ? AND revoked_at IS NULL'),
      revoke: db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      byId: db.prepare('SELECT id, subject, role, revoked_at AS revokedAt FROM tokens WHERE id = ?'),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
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
    const version = this.statements.dataVersion.get() as number;
    if (version !== this.knownAtVersion) {
      this.known.clear();
      this.knownAtVersion = version;
    }
    const known = this.known.get(token);
    if (known) return known;
    const row = this.statements.byHash.get(hashOf(token)) as { id: string; subject: string; role: Role } | undefined;
    if (!row) return null;
    const principal = { tokenId: row.id, subject: row.subject, role: row.role };
    if (this.known.size >= KNOWN_TOKENS) this.known.clear();
    this.known.set(token, principal);
    return principal;
  }

  /** Answers the token's subject and role, or null when no such token exists; revoking twice is harmless. */
  revoke(id: string, now: Date): { subject: string; role: Role } | null {
    const row = this.statements.byId.get(id) as { subject: string; role: Role } | undefined;
    if (!row) return null;
    this.statements.revoke.run(now.toISOString(), id);
    this.known.clear();
    return row;
  }
}
