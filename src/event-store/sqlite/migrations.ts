import type Database from 'better-sqlite3';

/**
 * Versioned schema of the embedded event store, tracked in PRAGMA user_version.
 * Migrations only ever add; an applied migration is never edited.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position       INTEGER PRIMARY KEY AUTOINCREMENT,
     id             TEXT    NOT NULL UNIQUE,
     stream         TEXT    NOT NULL,
     category       TEXT    NOT NULL,
     revision       INTEGER NOT NULL,
     type           TEXT    NOT NULL,
     schema_version INTEGER NOT NULL,
     data           TEXT    NOT NULL,
     recorded_at    TEXT    NOT NULL,
     actor          TEXT    NOT NULL,
     correlation_id TEXT    NOT NULL,
     causation_id   TEXT,
     prev_hash      TEXT    NOT NULL,
     hash           TEXT    NOT NULL,
     UNIQUE (stream, revision)
   );
   CREATE INDEX events_by_type ON events (type, position);
   CREATE INDEX events_by_category ON events (category, position);
   CREATE INDEX events_by_correlation ON events (correlation_id, position);
   CREATE INDEX events_by_recorded_at ON events (recorded_at, position);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`the event store has schema ${current}, newer than this build knows (${SCHEMA_VERSION})`);
  }
  const apply = db.transaction(() => {
    // Read again inside the write lock: another process may have migrated meanwhile.
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  if (current < SCHEMA_VERSION) apply.immediate();
}
