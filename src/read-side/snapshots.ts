import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { migrateSchema, openDatabase } from '../shared/sqlite';
import type { RecordedEvent } from '../event-store/event-store';
import type { Projection } from '../../projections/projection';
import type { DocumentView, ListOptions, OrderedListOptions, Scalar } from './document-view';
import { DocumentOrders } from './document-order';

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
  // Documents deflated, with a digest to compare them: requirement documents carry their history and change at every interval.
  `DROP TABLE snapshot_docs;
   DELETE FROM snapshots;
   CREATE TABLE snapshot_docs (
     projection TEXT NOT NULL,
     key        TEXT NOT NULL,
     position   INTEGER NOT NULL,
     doc        BLOB,
     digest     TEXT,
     PRIMARY KEY (projection, key, position)
   );`,
];

const digest = (text: string) => createHash('sha1').update(text).digest('base64');
const pack = (text: string) => deflateRawSync(text, { level: 1 });
const unpack = (blob: Buffer) => inflateRawSync(blob).toString('utf8');

/** Read models are snapshotted every this many events of the log. */
export const SNAPSHOT_INTERVAL = 10_000;

/** Which reducers made the documents: snapshots made by other versions are dropped. */
const signatureOf = (projections: readonly Projection[]) => projections.map((p) => `${p.name}@${p.version}`).sort().join(',');

/**
 * Projection snapshots at intervals of the log, so that an as-of answer is
 * the nearest snapshot plus the few events after it rather than a replay
 * from the start. Documents are stored as versions: a snapshot writes only
 * the documents that changed since the previous one (a null doc: deleted),
 * deflated, so the file grows with the changes, not with snapshots ×
 * documents. Lives in its own file beside the read models, which it reads
 * through ATTACH (docs/decisions/0007-as-of-snapshots.md).
 */
export class SnapshotStore {
  private readonly db: Database.Database;
  private readonly signature: string;
  private readonly statements;
  private last: number;
  /**
   * Keys of the documents events touched since the last snapshot, by
   * projection; null until this process has taken one (what happened before
   * it started is unknown, so its first snapshot compares every document).
   */
  private touched: Map<string, Set<string>> | null = null;

  constructor(file: string, readModelsFile: string, private readonly projections: readonly Projection[], private readonly interval = SNAPSHOT_INTERVAL) {
    this.db = openDatabase(file, { synchronous: 'NORMAL', mapped: true });
    migrateSchema(this.db, MIGRATIONS, 'snapshot store');
    this.db.function('digest', { deterministic: true }, (text) => digest(text as string));
    this.db.function('pack', { deterministic: true }, (text) => pack(text as string));
    this.db.function('unpack', { deterministic: true }, (blob) => (blob === null ? null : unpack(blob as Buffer)));
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
        `INSERT INTO snapshot_docs (projection, key, position, doc, digest)
         SELECT @projection, key, @position, pack(doc), digest FROM (
           SELECT d.key, d.doc, digest(d.doc) AS digest FROM rm.documents d WHERE d.generation = @generation
         ) d
         WHERE (SELECT s.digest FROM snapshot_docs s WHERE s.projection = @projection AND s.key = d.key ORDER BY s.position DESC LIMIT 1) IS NOT d.digest`,
      ),
      deleted: this.db.prepare(
        `INSERT INTO snapshot_docs (projection, key, position, doc, digest)
         SELECT @projection, s.key, @position, NULL, NULL FROM snapshot_docs s
         WHERE s.projection = @projection AND s.digest IS NOT NULL
           AND s.position = (SELECT MAX(position) FROM snapshot_docs WHERE projection = s.projection AND key = s.key)
           AND NOT EXISTS (SELECT 1 FROM rm.documents d WHERE d.generation = @generation AND d.key = s.key)`,
      ),
      get: this.db.prepare('SELECT doc FROM snapshot_docs WHERE projection = ? AND key = ? AND position <= ? ORDER BY position DESC LIMIT 1'),
      latest: this.db.prepare('SELECT digest FROM snapshot_docs WHERE projection = ? AND key = ? ORDER BY position DESC LIMIT 1'),
      current: this.db.prepare('SELECT doc FROM rm.documents WHERE generation = ? AND key = ?'),
      version: this.db.prepare('INSERT INTO snapshot_docs (projection, key, position, doc, digest) VALUES (?, ?, ?, ?, ?)'),
    };
    this.last = (this.statements.last.get() as { position: number | null }).position ?? 0;
  }

  /** Notes the documents a batch the live read models just applied touched. */
  track(events: readonly RecordedEvent[]): void {
    if (this.touched === null) return;
    for (const projection of this.projections) {
      let keys = this.touched.get(projection.name);
      if (!keys) this.touched.set(projection.name, (keys = new Set()));
      for (const event of events) if (projection.handles.includes(event.type)) for (const key of projection.keys(event)) keys.add(key);
    }
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
        const keys = this.touched?.get(lane!.name);
        if (this.touched === null) this.compareAll(lane!.name, lane!.generation, position);
        else for (const key of keys ?? []) this.compareOne(lane!.name, lane!.generation, key, position);
      }
      this.statements.insert.run(position, this.signature);
      this.last = position;
      this.touched = new Map();
      return position;
    })();
  }

  /** A version for every document that differs from its latest one, and for every one deleted since. */
  private compareAll(projection: string, generation: number, position: number): void {
    const params = { projection, generation, position };
    this.statements.deleted.run(params);
    this.statements.changed.run(params);
  }

  private compareOne(projection: string, generation: number, key: string, position: number): void {
    const doc = (this.statements.current.get(generation, key) as { doc: string } | undefined)?.doc ?? null;
    const latest = (this.statements.latest.get(projection, key) as { digest: string | null } | undefined)?.digest ?? null;
    const now = doc === null ? null : digest(doc);
    if (now !== latest) this.statements.version.run(projection, key, position, doc === null ? null : pack(doc), now);
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
  // A snapshot never changes: its orders are built once.
  private readonly orders = new DocumentOrders(this);

  constructor(private readonly db: Database.Database, private readonly getDoc: Database.Statement, private readonly at: number) {}

  get position(): string {
    return String(this.at);
  }

  get<T>(projection: string, key: string): T | null {
    const row = this.getDoc.get(projection, key, this.at) as { doc: Buffer | null } | undefined;
    return row?.doc ? (JSON.parse(unpack(row.doc)) as T) : null;
  }

  /** The same filters, order and SQL as the live read models, over the versions in force at the snapshot. */
  list<T>(projection: string, options: ListOptions = {}): { key: string; doc: T }[] {
    const where = Object.entries(options.where ?? {}).filter((entry): entry is [string, Scalar] => entry[1] !== undefined);
    const sql = [
      'SELECT key, unpack(doc) AS doc FROM snapshot_docs s WHERE projection = ?',
      'AND position = (SELECT MAX(position) FROM snapshot_docs WHERE projection = s.projection AND key = s.key AND position <= ?)',
      'AND doc IS NOT NULL',
      options.after !== undefined ? 'AND key > ?' : '',
      options.keyPrefix !== undefined ? 'AND key >= ? AND key < ?' : '',
      ...where.map(([field]) => `AND json_extract(unpack(doc), '$.${field.replace(/[^\w]/g, '')}') IS ?`),
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

  listOrdered<T>(projection: string, options: OrderedListOptions): { key: string; doc: T }[] {
    return this.orders.page<T>(projection, options);
  }
}
