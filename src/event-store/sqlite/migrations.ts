import type Database from 'better-sqlite3';
import { migrateSchema } from '../../shared/sqlite';

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
  // Idempotency-Keys, written in the transaction of the append they answered (decision 0015).
  `CREATE TABLE idempotency (
     actor       TEXT    NOT NULL,
     key         TEXT    NOT NULL,
     fingerprint TEXT    NOT NULL,
     answer      TEXT    NOT NULL,
     stream      TEXT    NOT NULL,
     revision    INTEGER NOT NULL,
     position    INTEGER NOT NULL,
     event_ids   TEXT    NOT NULL,
     expires_at  TEXT    NOT NULL,
     PRIMARY KEY (actor, key)
   );
   CREATE INDEX idempotency_by_expiry ON idempotency (expires_at);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export const migrate = (db: Database.Database): void => migrateSchema(db, MIGRATIONS, 'event store');
