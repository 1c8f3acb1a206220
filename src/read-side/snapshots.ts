import type Database from 'better-sqlite3';
import { migrateSchema, openDatabase } from '../event-store/sqlite/open-database';
import type { Projection } from '../../projections/projection';
import type { DocumentView, ListOptions, Scalar } from './document-view';

const MIGRATIONS = [
  `CREATE TABLE snapshots (
     position  INTEGER PRIMARY KEY,
     signature TEXT NOT NULL
   );
   CREATE TABLE snapshot_docs (
     projection TEXT NOT NULL,
     key        TEXT NOT NULL,
     position   INTEGER NOT NULL,
     doc        TEXT,
     PRIMARY KEY (projection, key, position)
   );`,
];

/** Read models are snapshotted every this many events of the log. */
export const SNAPSHOT_INTERVAL = 10_000;

/** Which reducers made the documents: snapshots made by other versions are dropped. */
const signatureOf = (projections: readonly Projection[]) => projections.map((p) => `${p.name}@${p.version}`).sort().join(',');

/**
 * Projection snapshots at intervals of the log, so that an as-of answer is
 * the nearest snapshot plus the few events after it rather than a replay
 * from the start. Documents are stored as versions: a snapshot writes only
 * the documents that changed since the previous one (a null doc: deleted), so
 * the file grows with the changes, not with snapshots × documents. Lives in
 * its own file beside the read models, which it reads through ATTACH.
 */
export class SnapshotStore {
  private readonly db: Database.Database;
  private readonly signature: string;
  private readonly statements;
  private last: number;

  constructor(file: string, readModelsFile: string, private readonly projections: readonly Projection[], private readonly interval = SNAPSHOT_INTERVAL) {
    this.db = openDatabase(file, { synchronous: 'NORMAL' });
    migrateSchema(this.db, MIGRATIONS, 'snapshot store');
    this.db.prepare('ATTACH DATABASE ? AS rm').run(readModelsFile);
    this.signature = signatureOf(projections);
    this.db.transaction(() => {
      const stale = this.db.prepare('SELECT 1 FROM snapshots WHERE signature <> ? LIMIT 1').get(this.signature);
      if (stale) this.db.exec('DELETE FROM snapshot_docs; DELETE FROM snapshots;');
    }).immediate();
    this.statements = {
      lanes: this.db.prepare(`SELECT generation, name, version, position FROM rm.lanes WHERE state = 'active'`),
      last: this.db.prepare('SELECT MAX(position) AS position FROM snapshots'),
      nearest: this.db.prepare('SELECT MAX(position) AS position FROM snapshots WHERE position <= ?'),
      insert: this.db.prepare('INSERT INTO snapshots (position, signature) VALUES (?, ?)'),
      changed: this.db.prepare(
        `INSERT INTO snapshot_docs (projection, key, position, doc)
         SELECT @projection, d.key, @position, d.doc FROM rm.documents d
         WHERE d.generation = @generation
           AND (SELECT s.doc FROM snapshot_docs s WHERE s.projection = @projection AND s.key = d.key ORDER BY s.position DESC LIMIT 1) IS NOT d.doc`,
      ),
      deleted: this.db.prepare(
        `INSERT INTO snapshot_docs (projection, key, position, doc)
         SELECT @projection, s.key, @position, NULL FROM snapshot_docs s
         WHERE s.projection = @projection AND s.doc IS NOT NULL
           AND s.position = (SELECT MAX(position) FROM snapshot_docs WHERE projection = s.projection AND key = s.key)
           AND NOT EXISTS (SELECT 1 FROM rm.documents d WHERE d.generation = @generation AND d.key = s.key)`,
      ),
      get: this.db.prepare('SELECT doc FROM snapshot_docs WHERE projection = ? AND key = ? AND position <= ? ORDER BY position DESC LIMIT 1'),
    };
    this.last = (this.statements.last.get() as { position: number | null }).position ?? 0;
  }

  /**
   * Takes a snapshot when the live read models stand together at least one
   * interval past the last one: every projection active at its code version,
   * all at the same position (read in one transaction, so consistent).
   * `reached`, the furthest position the caller saw a lane reach, lets most
   * calls answer without touching SQLite.
   */
  takeIfDue(reached = Number.MAX_SAFE_INTEGER): number | null {
    if (reached < this.last + this.interval) return null;
    return this.db.transaction(() => {
      const lanes = this.statements.lanes.all() as { generation: number; name: string; version: number; position: number | null }[];
      const current = this.projections.map((p) => lanes.find((l) => l.name === p.name && l.version === p.version));
      if (current.some((l) => !l || l.position === null)) return null;
      const position = current[0]!.position as number;
      if (current.some((l) => l!.position !== position) || position < this.last + this.interval) return null;
      for (const lane of current) {
        const params = { projection: lane!.name, generation: lane!.generation, position };
        this.statements.deleted.run(params);
        this.statements.changed.run(params);
      }
      this.statements.insert.run(position, this.signature);
      this.last = position;
      return position;
    })();
  }

  /** The position of the latest snapshot at or before `position`, or null. */
  nearest(position: number): number | null {
    return (this.statements.nearest.get(position) as { position: number | null }).position;
  }

  /** The documents as they stood at snapshot `position` (must be a snapshot's position). */
  at(position: number): DocumentView {
    return new SnapshotDocuments(this.db, this.statements.get, position);
  }

  close(): void {
    this.db.close();
  }
}

/** Read access to one snapshot: each key's latest version at or before it. */
class SnapshotDocuments implements DocumentView {
  private readonly filtered = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database, private readonly getDoc: Database.Statement, private readonly at: number) {}

  get position(): string {
    return String(this.at);
  }

  get<T>(projection: string, key: string): T | null {
    const row = this.getDoc.get(projection, key, this.at) as { doc: string | null } | undefined;
    return row?.doc ? (JSON.parse(row.doc) as T) : null;
  }

  /** The same filters, order and SQL as the live read models, over the versions in force at the snapshot. */
  list<T>(projection: string, options: ListOptions = {}): { key: string; doc: T }[] {
    const where = Object.entries(options.where ?? {}).filter((entry): entry is [string, Scalar] => entry[1] !== undefined);
    const sql = [
      'SELECT key, doc FROM snapshot_docs s WHERE projection = ?',
      'AND position = (SELECT MAX(position) FROM snapshot_docs WHERE projection = s.projection AND key = s.key AND position <= ?)',
      'AND doc IS NOT NULL',
      options.after !== undefined ? 'AND key > ?' : '',
      options.keyPrefix !== undefined ? 'AND key >= ? AND key < ?' : '',
      ...where.map(([field]) => `AND json_extract(doc, '$.${field.replace(/[^\w]/g, '')}') IS ?`),
      'ORDER BY key',
      options.limit !== undefined ? 'LIMIT ?' : '',
    ].join(' ');
    let statement = this.filtered.get(sql);
    if (!statement) this.filtered.set(sql, (statement = this.db.prepare(sql)));
    const params: unknown[] = [projection, this.at];
    if (options.after !== undefined) params.push(options.after);
    if (options.keyPrefix !== undefined) params.push(options.keyPrefix, `${options.keyPrefix}\uffff`);
    for (const [, value] of where) params.push(typeof value === 'boolean' ? Number(value) : value);
    if (options.limit !== undefined) params.push(options.limit);
    return (statement.all(...params) as { key: string; doc: string }[]).map((row) => ({ key: row.key, doc: JSON.parse(row.doc) as T }));
  }
}
