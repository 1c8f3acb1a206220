import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import type { AppConfig } from '../config';
import { migrateSchema, openDatabase } from '../shared/sqlite';

/**
 * The registry holds what must not live in the immutable log: token hashes,
 * people's personal data (erasable), and Idempotency-Keys for stores that
 * cannot keep them with the events. It is a SQLite
 * file beside the log, shared by the server and the CLI.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE tokens (
     id         TEXT PRIMARY KEY,
     hash       TEXT NOT NULL UNIQUE,
     subject    TEXT NOT NULL,
     role       TEXT NOT NULL,
     name       TEXT,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE TABLE people (
     subject      TEXT PRIMARY KEY,
     display_name TEXT NOT NULL,
     email        TEXT,
     organisation TEXT,
     updated_at   TEXT NOT NULL
   );
   CREATE TABLE idempotency (
     actor       TEXT NOT NULL,
     key         TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     status      INTEGER NOT NULL,
     headers     TEXT NOT NULL,
     body        TEXT NOT NULL,
     created_at  TEXT NOT NULL,
     PRIMARY KEY (actor, key)
   );`,
  // Idempotency-Keys live with the events on SQLite; this table serves only stores that cannot do that (decision 0015).
  `DROP TABLE idempotency;
   CREATE TABLE idempotent_answers (
     actor      TEXT NOT NULL,
     key        TEXT NOT NULL,
     claim      TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     PRIMARY KEY (actor, key)
   );`,
  // Token life cycle (decision 0032): tokens issued before it expire 90 days after the upgrade.
  `ALTER TABLE tokens ADD COLUMN expires_at TEXT;
   ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
   ALTER TABLE tokens ADD COLUMN replaced_by TEXT;
   ALTER TABLE tokens ADD COLUMN engagement_id TEXT;
   UPDATE tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days');`,
  // What auditors read, for admins to show who saw what: subject ids and paths, no personal data.
  `CREATE TABLE auditor_reads (
     id            INTEGER PRIMARY KEY,
     at            TEXT NOT NULL,
     subject       TEXT NOT NULL,
     engagement_id TEXT,
     path          TEXT NOT NULL
   );`,
  // How far the access tables have followed the log (decision 0036).
  `CREATE TABLE access_follower (
     id       INTEGER PRIMARY KEY CHECK (id = 1),
     position TEXT NOT NULL
   );`,
];

/**
 * The access tables are a read model of the log (decision 0036): deleted,
 * they are created again empty and followed from the log's start, which
 * brings back every token whose hash the log records.
 */
const ACCESS_TABLES = `
  CREATE TABLE IF NOT EXISTS tokens (
    id            TEXT PRIMARY KEY,
    hash          TEXT NOT NULL UNIQUE,
    subject       TEXT NOT NULL,
    role          TEXT NOT NULL,
    name          TEXT,
    created_at    TEXT NOT NULL,
    revoked_at    TEXT,
    expires_at    TEXT,
    last_used_at  TEXT,
    replaced_by   TEXT,
    engagement_id TEXT
  );
  CREATE TABLE IF NOT EXISTS access_follower (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    position TEXT NOT NULL
  );`;

function ensureAccessTables(db: Database.Database): void {
  const tokensLost = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tokens'").get() === undefined;
  db.exec(ACCESS_TABLES);
  if (tokensLost) db.exec('DELETE FROM access_follower');
}

export const REGISTRY_DATABASE = Symbol('REGISTRY_DATABASE');

export const registryFile = (config: AppConfig) => resolve(config.dataDir, 'registry.db');

export function openRegistry(config: AppConfig): Database.Database {
  const db = openDatabase(registryFile(config));
  // Deleted personal data is overwritten with zeros, not left in free space (decision 0014).
  db.pragma('secure_delete = ON');
  migrateSchema(db, MIGRATIONS, 'registry');
  ensureAccessTables(db);
  return db;
}
