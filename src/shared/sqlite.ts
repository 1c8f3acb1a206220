import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const MAPPED_BYTES = 4 * 1024 ** 3;

/**
 * Opens a SQLite file the way every part of Confiance needs it: WAL so that
 * readers never block the writer, synchronous=FULL so that a commit is on disk
 * before it is acknowledged, and a busy timeout so that the CLI and the server
 * can write to the same DATA_DIR at once.
 */
export function openDatabase(file: string, options: { readonly?: boolean; synchronous?: 'FULL' | 'NORMAL'; mapped?: boolean } = {}): Database.Database {
  if (!options.readonly) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  }
  db.pragma('foreign_keys = ON');
  // Files read at random, document by document, are mapped into memory: a page read is then no system call
  // (a read-model document went from 15 to 8 µs). Writes still go through SQLite's journal as before.
  if (options.mapped) db.pragma(`mmap_size = ${MAPPED_BYTES}`);
  return db;
}

/**
 * Applies the migrations a SQLite file has not seen yet, tracked in PRAGMA
 * user_version. Migrations only ever add; an applied migration is never edited.
 */
export function migrateSchema(db: Database.Database, migrations: readonly string[], what: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`the ${what} has schema ${current}, newer than this build knows (${migrations.length})`);
  }
  if (current === migrations.length) return;
  db.transaction(() => {
    // Read again inside the write lock: another process may have migrated meanwhile.
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < migrations.length; v++) {
      db.exec(migrations[v]);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
