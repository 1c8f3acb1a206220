import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store/event-store';
import { migrateSchema, openDatabase } from '../shared/sqlite';
import type { Projection } from '../../projections/projection';
import type { DocumentView, ListOptions, OrderedListOptions } from './document-view';
import { orderValueOf, withinBounds } from './document-order';
import { keyOrderQuery, orderIndexQuery, type DocumentQuery } from './document-queries';
import { LaneCache } from './lane-cache';
import type { Lane } from './lane';
import { invalid } from '../shared/errors';

export type { Lane } from './lane';

const MIGRATIONS = [
  `CREATE TABLE lanes (
     generation INTEGER PRIMARY KEY AUTOINCREMENT,
     name       TEXT NOT NULL,
     version    INTEGER NOT NULL,
     position   INTEGER,
     state      TEXT NOT NULL
   );
   CREATE TABLE documents (
     generation INTEGER NOT NULL,
     key        TEXT NOT NULL,
     doc        TEXT NOT NULL,
     PRIMARY KEY (generation, key)
   ) WITHOUT ROWID;`,
  // The value of the projection's orderBy field, so that an ordered page is read from an index (timeline).
  `ALTER TABLE documents ADD COLUMN sort_key TEXT;
   CREATE INDEX documents_in_order ON documents (generation, sort_key, key) WHERE sort_key IS NOT NULL;`,
];

const WAL_KEPT_BYTES = 64 * 1024 ** 2;

/** Read models in their own SQLite file: they can always be rebuilt from the log, so commits need not fsync. */
export class ReadModelStore implements DocumentView {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly filtered = new Map<string, Database.Statement>();
  private readonly laneCache: LaneCache;

  /**
   * A rebuild's own connection (`rebuild`) is not mapped: it mostly writes
   * pages, and a mapped page costs a page fault when first read. Nor does it
   * checkpoint: its commits only append to the write-ahead log, without the
   * two fsyncs of a checkpoint after each save, and the next commit of any
   * other connection (the rebuild's promotion, the live runner) copies the
   * log into the file once. Commits stay as durable as before (a commit in
   * WAL mode with synchronous=NORMAL never waited for the disk).
   */
  constructor(file: string, options: { rebuild?: boolean } = {}) {
    this.db = openDatabase(file, { synchronous: 'NORMAL', mapped: !options.rebuild });
    if (options.rebuild) this.db.pragma('wal_autocheckpoint = 0');
    // Once copied into the file, a log grown large by a rebuild is cut back to this size.
    this.db.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
    migrateSchema(this.db, MIGRATIONS, 'read-model store');
    this.statements = {
      lanes: this.db.prepare(`SELECT generation, name, version, position, state FROM lanes`),
      dataVersion: this.db.prepare('PRAGMA data_version').pluck(),
      insertLane: this.db.prepare(`INSERT INTO lanes (name, version, position, state) VALUES (?, ?, ?, ?)`),
      setPosition: this.db.prepare(`UPDATE lanes SET position = ? WHERE generation = ?`),
      setState: this.db.prepare(`UPDATE lanes SET state = ? WHERE generation = ?`),
      dropLane: this.db.prepare(`DELETE FROM lanes WHERE generation = ?`),
      dropDocs: this.db.prepare(`DELETE FROM documents WHERE generation = ?`),
      getDoc: this.db.prepare(`SELECT doc FROM documents WHERE generation = ? AND key = ?`),
      putDoc: this.db.prepare(
        `INSERT INTO documents (generation, key, doc, sort_key) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET doc = excluded.doc, sort_key = excluded.sort_key`,
      ),
      deleteDoc: this.db.prepare(`DELETE FROM documents WHERE generation = ? AND key = ?`),
    };
    this.laneCache = new LaneCache(() => this.lanes(), () => this.statements.dataVersion.get() as number);
  }

  lanes(): Lane[] {
    return this.statements.lanes.all() as Lane[];
  }

  /** Makes sure every projection has a lane at its code version; answers the lanes to feed live. */
  ensureLanes(projections: readonly Projection[]): Lane[] {
    this.laneCache.drop();
    return this.db
      .transaction(() => {
        const lanes = this.lanes();
        for (const p of projections) {
          const own = lanes.filter((l) => l.name === p.name);
          if (own.some((l) => l.version === p.version && l.state !== 'replay')) continue;
          this.statements.insertLane.run(p.name, p.version, null, own.some((l) => l.state === 'active') ? 'building' : 'active');
        }
        return this.lanes();
      })
      .immediate();
  }

  createReplayLane(projection: Projection): Lane {
    this.laneCache.drop();
    const generation = Number(this.statements.insertLane.run(projection.name, projection.version, null, 'replay').lastInsertRowid);
    return { generation, name: projection.name, version: projection.version, position: null, state: 'replay' };
  }

  /**
   * Applies a batch of events read strictly after `batchFrom` (null: from the
   * start) to the lanes `feeds` selects, saving documents and positions in one
   * transaction. Lanes are re-read inside it, so a replay promoted meanwhile
   * by another process is seen; a lane behind the batch start is left for the
   * next batch, so no lane ever skips an event.
   */
  apply(events: readonly RecordedEvent[], batchFrom: number | null, projections: readonly Projection[], feeds: (lane: Lane) => boolean): Lane[] {
    this.laneCache.drop();
    return this.db
      .transaction(() => {
        const lanes = this.lanes().filter(feeds);
        for (const lane of lanes) {
          if (batchFrom !== null && (lane.position === null || lane.position < batchFrom)) continue;
          const projection = projections.find((p) => p.name === lane.name && p.version === lane.version);
          if (!projection) continue;
          const cache = new Map<string, unknown>();
          let position = lane.position;
          for (const event of events) {
            const at = Number(event.position);
            if (position !== null && at <= position) continue;
            position = at;
            if (!projection.handles.includes(event.type)) continue;
            for (const key of projection.keys(event)) {
              const current = cache.has(key) ? cache.get(key) : this.readDoc(lane.generation, key);
              cache.set(key, projection.evolve(current as never, event));
            }
          }
          for (const [key, doc] of cache) this.writeDoc(lane.generation, key, doc, projection.orderBy);
          if (position !== lane.position) this.statements.setPosition.run(position, lane.generation);
          lane.position = position;
        }
        return lanes;
      })
      .immediate();
  }

  /**
   * Saves documents a rebuild ran in memory, with each lane's position, in one
   * transaction (null: deleted). A rebuild writes each document once per
   * flush rather than once per batch of events.
   */
  save(writes: readonly { generation: number; docs: Iterable<[string, unknown | null]>; position: number; orderBy?: string }[]): void {
    this.laneCache.drop();
    this.db
      .transaction(() => {
        for (const { generation, docs, position, orderBy } of writes) {
          for (const [key, doc] of docs) this.writeDoc(generation, key, doc, orderBy);
          this.statements.setPosition.run(position, generation);
        }
      })
      .immediate();
  }

  /** The file, for a rebuild thread's own connection; null in memory. */
  get file(): string | null {
    return this.db.memory ? null : this.db.name;
  }

  /** One document of one generation, whatever its state. */
  documentOf(generation: number, key: string): unknown | null {
    return this.readDoc(generation, key);
  }

  /** The lane answers queries from now on; older generations of the same read model are dropped. */
  promote(lane: Lane): void {
    this.laneCache.drop();
    this.db
      .transaction(() => {
        for (const old of this.lanes().filter((l) => l.name === lane.name && l.generation !== lane.generation && l.state === 'active')) {
          this.statements.dropDocs.run(old.generation);
          this.statements.dropLane.run(old.generation);
        }
        this.statements.setState.run('active', lane.generation);
      })
      .immediate();
  }

  discard(lane: Lane): void {
    this.laneCache.drop();
    this.db.transaction(() => {
      this.statements.dropDocs.run(lane.generation);
      this.statements.dropLane.run(lane.generation);
    })();
  }

  /** Saves a document (null: deletes it), with its order value when the projection declares one. */
  private writeDoc(generation: number, key: string, doc: unknown | null, orderBy: string | undefined): void {
    if (doc === null) this.statements.deleteDoc.run(generation, key);
    else this.statements.putDoc.run(generation, key, JSON.stringify(doc), orderBy === undefined ? null : orderValueOf(doc, orderBy));
  }

  private readDoc(generation: number, key: string): unknown | null {
    const row = this.statements.getDoc.get(generation, key) as { doc: string } | undefined;
    return row ? JSON.parse(row.doc) : null;
  }

  // DocumentView over the active lanes.
  get position(): string | null {
    const positions = this.laneCache.current().filter((l) => l.state === 'active').map((l) => l.position ?? 0);
    return positions.length ? String(Math.min(...positions)) : null;
  }

  /** Which generations answer and where each stands: changes with every projected event, promotion or replay elsewhere. */
  get answeringState(): string {
    return this.laneCache.current().filter((l) => l.state === 'active').map((l) => `${l.generation}:${l.position ?? ''}`).join(',');
  }

  private active(name: string): number | null {
    return this.laneCache.current().find((l) => l.name === name && l.state === 'active')?.generation ?? null;
  }

  get<T>(projection: string, key: string): T | null {
    const generation = this.active(projection);
    return generation === null ? null : (this.readDoc(generation, key) as T | null);
  }

  list<T>(projection: string, options: ListOptions = {}): { key: string; doc: T }[] {
    const generation = this.active(projection);
    return generation === null ? [] : this.documents<T>(keyOrderQuery(generation, options));
  }

  /** One page from the order index: as long as the page, however long the list. */
  listOrdered<T>(projection: string, options: OrderedListOptions): { key: string; doc: T }[] {
    const generation = this.active(projection);
    if (generation === null) return [];
    const after = options.after === undefined ? null : this.orderValueAt(generation, options.after);
    if (options.after !== undefined && (after === null || !withinBounds(after, options))) throw invalid('after', 'is not a cursor of this list');
    return this.documents<T>(orderIndexQuery(generation, options, after));
  }

  private documents<T>({ sql, params }: DocumentQuery): { key: string; doc: T }[] {
    return (this.statement(sql).all(...params) as { key: string; doc: string }[]).map((row) => ({ key: row.key, doc: JSON.parse(row.doc) as T }));
  }

  /** The stored order value of a document (null: no such document, or its projection declares no order). */
  private orderValueAt(generation: number, key: string): string | null {
    const row = this.statement('SELECT sort_key FROM documents WHERE generation = ? AND key = ?').get(generation, key) as { sort_key: string | null } | undefined;
    return row?.sort_key ?? null;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.filtered.get(sql);
    if (!statement) this.filtered.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  close(): void {
    this.db.close();
  }
}
