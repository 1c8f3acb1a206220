import type Database from 'better-sqlite3';

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** First answers to requests sent with an Idempotency-Key, per actor (an adapter over the registry). */
export class IdempotencyStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      get: db.prepare('SELECT fingerprint, status, headers, body FROM idempotency WHERE actor = ? AND key = ?'),
      put: db.prepare(
        'INSERT OR IGNORE INTO idempotency (actor, key, fingerprint, status, headers, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  get(actor: string, key: string): StoredAnswer | null {
    const row = this.statements.get.get(actor, key) as { fingerprint: string; status: number; headers: string; body: string } | undefined;
    return row ? { fingerprint: row.fingerprint, status: row.status, headers: JSON.parse(row.headers), body: JSON.parse(row.body) } : null;
  }

  put(actor: string, key: string, answer: StoredAnswer, now: Date): void {
    this.statements.put.run(actor, key, answer.fingerprint, answer.status, JSON.stringify(answer.headers), JSON.stringify(answer.body ?? null), now.toISOString());
  }
}
