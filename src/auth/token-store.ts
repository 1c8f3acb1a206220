import type Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Principal, Role } from './roles';
import { conflict } from '../shared/errors';
import { expiryAfter, graceEnd, isValidAt, LAST_USE_RESOLUTION_MS, statusOf, type TokenRecord } from './token-life';
import type { TokenFact } from './token-facts';

export interface IssuedToken {
  id: string;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
  /** The SHA-256 the registry keeps, and TokenIssued records. */
  hash: string;
  expiresAt: string;
}

export interface TokenOptions {
  expiresInDays: number;
  engagementId?: string | null;
}

export interface Rotation {
  issued: IssuedToken;
  /** The old token, which stops working at `revokedAt`. */
  replaced: { id: string; revokedAt: string };
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const newSecret = () => `cfd_${randomBytes(32).toString('base64url')}`;

/** Tokens recently authenticated, so a request does not hash and look up its token again. */
const KNOWN_TOKENS = 1_000;

interface KnownToken {
  principal: Principal;
  expiresAt: string;
  revokedAt: string | null;
}

const COLUMNS = `id, name, subject, role, engagement_id AS engagementId, created_at AS createdAt, expires_at AS expiresAt,
  last_used_at AS lastUsedAt, revoked_at AS revokedAt, replaced_by AS replacedBy`;

/** Bearer tokens, stored as SHA-256 hashes in the registry (an adapter), with their life cycle (decision 0032). */
export class TokenStore {
  private readonly statements;
  /**
   * Tokens seen lately, with their principal and the instants that end them.
   * Emptied when this store revokes or rotates one, and whenever SQLite's
   * data_version says another connection (`confiance token revoke`) wrote to
   * the registry: a revocation still takes effect at the next request, and
   * expiry is checked at every request.
   */
  private readonly known = new Map<string, KnownToken>();
  private knownAtVersion = -1;
  /** When each token's last use was last written. */
  private readonly lastUseWritten = new Map<string, number>();

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insert: db.prepare(
        'INSERT INTO tokens (id, hash, subject, role, name, created_at, expires_at, engagement_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      byHash: db.prepare(`SELECT ${COLUMNS} FROM tokens WHERE hash = ?`),
      byId: db.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?`),
      all: db.prepare(`SELECT ${COLUMNS} FROM tokens ORDER BY created_at, id`),
      // A revocation never moves later: revoking a token inside its grace period ends it now.
      revoke: db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND (revoked_at IS NULL OR revoked_at > ?)'),
      replace: db.prepare('UPDATE tokens SET revoked_at = ?, replaced_by = ? WHERE id = ?'),
      touch: db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?'),
      restore: db.prepare(
        `INSERT INTO tokens (id, hash, subject, role, name, created_at, expires_at, engagement_id, revoked_at, replaced_by)
         VALUES (@id, @hash, @subject, @role, @name, @createdAt, @expiresAt, @engagementId, @revokedAt, @replacedBy)
         ON CONFLICT (id) DO UPDATE SET revoked_at = excluded.revoked_at, replaced_by = excluded.replaced_by`,
      ),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
    };
  }

  create(role: Role, subject: string, name: string | null, now: Date, options: TokenOptions = { expiresInDays: 90 }): IssuedToken {
    const id = randomUUID();
    // 256 random bits: guessing is hopeless, so a fast hash is enough to store it.
    const token = newSecret();
    const expiresAt = expiryAfter(now, options.expiresInDays).toISOString();
    const hash = hashOf(token);
    this.statements.insert.run(id, hash, subject, role, name, now.toISOString(), expiresAt, options.engagementId ?? null);
    return { id, token, hash, expiresAt };
  }

  /** The principal of a token valid at `now`, or null: unknown, expired and revoked tokens alike. */
  authenticate(token: string, now: Date = new Date()): Principal | null {
    const version = this.statements.dataVersion.get() as number;
    if (version !== this.knownAtVersion) {
      this.known.clear();
      this.knownAtVersion = version;
    }
    let known = this.known.get(token);
    if (!known) {
      const row = this.statements.byHash.get(hashOf(token)) as TokenRecord | undefined;
      if (!row) return null;
      known = { principal: { tokenId: row.id, subject: row.subject, role: row.role, engagementId: row.engagementId }, expiresAt: row.expiresAt, revokedAt: row.revokedAt };
      if (this.known.size >= KNOWN_TOKENS) this.known.clear();
      this.known.set(token, known);
    }
    if (!isValidAt(known.expiresAt, known.revokedAt, now)) return null;
    this.noteUse(known.principal.tokenId, now);
    return known.principal;
  }

  get(id: string): TokenRecord | null {
    return (this.statements.byId.get(id) as TokenRecord | undefined) ?? null;
  }

  list(): TokenRecord[] {
    return this.statements.all.all() as TokenRecord[];
  }

  /** Answers the token, or null when no such token exists; revoking twice is harmless. */
  revoke(id: string, now: Date): TokenRecord | null {
    const row = this.get(id);
    if (!row) return null;
    this.statements.revoke.run(now.toISOString(), id, now.toISOString());
    this.known.clear();
    return row;
  }

  /**
   * A new secret for the same subject, role, name and engagement; the old
   * token works on for `graceHours` (never longer than it would have). Null
   * when no such token exists; a token already refused cannot be rotated.
   */
  rotate(id: string, now: Date, graceHours: number, expiresInDays: number): Rotation | null {
    return this.db.transaction((): Rotation | null => {
      const old = this.get(id);
      if (!old) return null;
      const status = statusOf(old, now);
      if (status === 'revoked' || status === 'expired') throw conflict(`token ${id} is ${status}; create a new one instead`);
      if (old.replacedBy !== null) throw conflict(`token ${id} was already rotated into ${old.replacedBy}`);
      const issued = this.create(old.role, old.subject, old.name, now, { expiresInDays, engagementId: old.engagementId });
      const ends = [graceEnd(now, graceHours).toISOString(), old.expiresAt, ...(old.revokedAt ? [old.revokedAt] : [])].sort()[0];
      this.statements.replace.run(ends, issued.id, id);
      this.known.clear();
      return { issued, replaced: { id, revokedAt: ends } };
    }).immediate();
  }

  /** Puts back tokens rebuilt from the log; existing rows keep their last use and take the log's revocations. */
  restore(facts: readonly TokenFact[]): void {
    this.db.transaction(() => {
      for (const fact of facts) this.statements.restore.run(fact);
    }).immediate();
    this.known.clear();
  }

  /** Forgets the tokens seen lately: the access tables changed under this connection. */
  forget(): void {
    this.known.clear();
  }

  /** Records the token's last use, to the minute: a request costs at most one write a minute per token. */
  private noteUse(id: string, now: Date): void {
    const written = this.lastUseWritten.get(id);
    if (written !== undefined && now.getTime() - written < LAST_USE_RESOLUTION_MS) return;
    if (this.lastUseWritten.size >= KNOWN_TOKENS) this.lastUseWritten.clear();
    this.lastUseWritten.set(id, now.getTime());
    this.statements.touch.run(now.toISOString(), id);
  }
}
