import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { migrateSchema, openDatabase } from '../shared/sqlite';
import { Frontier, leafHash, type NodeFetcher } from './merkle';
import { StoredNodes } from './tree-nodes';
import { MIGRATIONS, type CheckpointRow, type LeafRecord, type StoredCheckpoint } from './tree-schema';

export type { LeafRecord, StoredCheckpoint } from './tree-schema';

/** A leaf refused because its event already is a leaf: the log under the tree was altered. */
export class LeafConflictError extends Error {
  constructor(readonly leaf: Omit<LeafRecord, 'leafIndex'>, readonly existing: LeafRecord) {
    super(`event ${leaf.eventId} (position ${leaf.position}) is already leaf ${existing.leafIndex} (position ${existing.position}): the log was altered under the tree`);
    this.name = 'LeafConflictError';
  }
}

/**
 * The transparency log's own SQLite file (transparency.db in DATA_DIR): the
 * leaves in global order with the event each one stands for, the nodes of
 * the tree's upper levels (a proof reads most from memory, two from disk
 * and derives the lowest two from a block of 4 leaves), and every checkpoint ever issued with its cosignatures. Only this adapter touches the file.
 */
export class TreeStore {
  private readonly statements;
  private frontier: Frontier;
  private readonly nodes: StoredNodes;

  constructor(private readonly db: Database.Database) {
    migrateSchema(db, MIGRATIONS, 'transparency log');
    this.statements = {
      // The last leaf's index, read from the primary key: COUNT(*) would scan every leaf.
      size: db.prepare('SELECT COALESCE(MAX(leaf_index) + 1, 0) AS size FROM leaves'),
      last: db.prepare('SELECT leaf_index AS leafIndex, position, event_id AS eventId, stream, event_hash AS eventHash FROM leaves ORDER BY leaf_index DESC LIMIT 1'),
      insertLeaf: db.prepare('INSERT INTO leaves (leaf_index, position, event_id, stream, event_hash) VALUES (?, ?, ?, ?, ?)'),
      insertNode: db.prepare('INSERT OR REPLACE INTO nodes (level, node_index, hash) VALUES (?, ?, ?)'),
      leafOf: db.prepare('SELECT leaf_index AS leafIndex, position, event_id AS eventId, stream, event_hash AS eventHash FROM leaves WHERE event_id = ?'),
      leavesFrom: db.prepare(
        'SELECT leaf_index AS leafIndex, position, event_id AS eventId, stream, event_hash AS eventHash FROM leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?',
      ),
      insertCheckpoint: db.prepare('INSERT OR IGNORE INTO checkpoints (tree_size, root_hash, note, issued_at, tsa_token) VALUES (?, ?, ?, ?, ?)'),
      latest: db.prepare('SELECT * FROM checkpoints ORDER BY tree_size DESC LIMIT 1'),
      checkpointAt: db.prepare('SELECT * FROM checkpoints WHERE tree_size = ?'),
      checkpointsBefore: db.prepare('SELECT * FROM checkpoints WHERE tree_size < ? ORDER BY tree_size DESC LIMIT ?'),
      allCheckpoints: db.prepare('SELECT * FROM checkpoints ORDER BY tree_size'),
      cosignatures: db.prepare('SELECT line FROM cosignatures WHERE tree_size = ? ORDER BY witness').pluck(),
      recordTimestamp: db.prepare('UPDATE checkpoints SET tsa_token = ? WHERE tree_size = ? AND tsa_token IS NULL'),
      unstamped: db.prepare('SELECT tree_size FROM checkpoints WHERE tsa_token IS NULL ORDER BY tree_size DESC LIMIT ?').pluck(),
      insertCosignature: db.prepare('INSERT OR REPLACE INTO cosignatures (tree_size, witness, line) VALUES (?, ?, ?)'),
    };
    this.nodes = new StoredNodes(db);
    this.frontier = Frontier.of(this.size(), this.fetch);
  }

  static open(file: string): TreeStore {
    // The tree is rebuilt from the log at will and a checkpoint re-signed gives the same bytes, so a commit
    // lost at power failure costs nothing: no fsync per commit that would compete with the log's own.
    // Mapped: a proof reads a leaf, two nodes and a block of leaves at random, and a mapped page read is no system call.
    return new TreeStore(openDatabase(file, { synchronous: 'NORMAL', mapped: true }));
  }

  /** The tree of a DATA_DIR, or null where none was ever kept: checking never creates one. */
  static openExisting(file: string): TreeStore | null {
    return existsSync(file) ? TreeStore.open(file) : null;
  }

  /** The file, for the tree's own thread; null in memory. */
  get file(): string | null {
    return this.db.memory ? null : this.db.name;
  }

  /** Takes in the nodes another connection (the tree's thread) wrote: the cache and the frontier catch up. */
  refresh(): void {
    const size = this.size();
    if (size < this.frontier.size) this.nodes.forgetFrom(size);
    this.nodes.takeInNew(size);
    if (size !== this.frontier.size) this.frontier = Frontier.of(size, this.fetch);
  }

  /** The size this process last wrote or read: the tree is at least this large, with no query. */
  get knownSize(): number {
    return this.frontier.size;
  }

  size(): number {
    return (this.statements.size.get() as { size: number }).size;
  }

  /** The newest leaf, or undefined for an empty tree. */
  lastLeaf(): LeafRecord | undefined {
    return this.statements.last.get() as LeafRecord | undefined;
  }

  readonly fetch: NodeFetcher = (keys) => this.nodes.fetch(keys);

  /**
   * Appends leaves after `afterSize` leaves in one transaction; another
   * process that grew the tree meanwhile wins and this call appends nothing.
   * Answers the tree size after the call.
   */
  append(afterSize: number, leaves: readonly Omit<LeafRecord, 'leafIndex'>[]): number {
    try {
      return this.appendInTransaction(afterSize, leaves);
    } catch (error) {
      // The transaction rolled back: the frontier and the cache in memory must too.
      this.nodes.forgetFrom(this.size());
      this.frontier = Frontier.of(this.size(), this.fetch);
      throw error;
    }
  }

  private appendInTransaction(afterSize: number, leaves: readonly Omit<LeafRecord, 'leafIndex'>[]): number {
    return this.db
      .transaction(() => {
        const size = this.size();
        if (size !== afterSize) return size;
        if (this.frontier.size !== size) {
          this.nodes.forgetFrom(size);
          this.frontier = Frontier.of(size, this.fetch);
        }
        for (const leaf of leaves) {
          this.insertLeaf(leaf);
          for (const node of this.frontier.append(leafHash(Buffer.from(leaf.eventHash, 'hex')))) {
            if (!this.nodes.stores(node.level)) continue;
            this.statements.insertNode.run(node.level, node.index, node.hash);
            this.nodes.remember(node);
          }
        }
        return this.frontier.size;
      })
      .immediate();
  }

  /** The unique index on event_id refuses an event that already is a leaf: no lookup per leaf. */
  private insertLeaf(leaf: Omit<LeafRecord, 'leafIndex'>): void {
    try {
      this.statements.insertLeaf.run(this.frontier.size, leaf.position, leaf.eventId, leaf.stream, leaf.eventHash);
    } catch (error) {
      const existing = (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ? this.leafOf(leaf.eventId) : undefined;
      throw existing ? new LeafConflictError(leaf, existing) : error;
    }
  }

  leafOf(eventId: string): LeafRecord | undefined {
    return this.statements.leafOf.get(eventId) as LeafRecord | undefined;
  }

  leaves(fromIndex: number, limit: number): LeafRecord[] {
    return this.statements.leavesFrom.all(fromIndex, limit) as LeafRecord[];
  }

  /** Forgets leaves and nodes, keeping checkpoints: a rebuilt tree is still held to what was signed. */
  clearTree(): void {
    this.db.transaction(() => this.db.exec('DELETE FROM leaves; DELETE FROM nodes;')).immediate();
    this.nodes.forgetFrom(0);
    this.frontier = new Frontier();
  }

  recordCheckpoint(checkpoint: Omit<StoredCheckpoint, 'cosignatures'>): void {
    this.statements.insertCheckpoint.run(checkpoint.treeSize, checkpoint.rootHash, checkpoint.note, checkpoint.issuedAt, checkpoint.tsaToken);
  }

  /** Keeps the first RFC 3161 token of a checkpoint: a token, once given out, never changes. */
  recordTimestamp(treeSize: number, token: Buffer): void {
    this.statements.recordTimestamp.run(token, treeSize);
  }

  /** Sizes of the checkpoints without a time-stamp token, newest first. */
  unstampedCheckpoints(limit: number): number[] {
    return this.statements.unstamped.all(limit) as number[];
  }

  recordCosignature(treeSize: number, witness: string, line: string): void {
    this.statements.insertCosignature.run(treeSize, witness, line);
  }

  latestCheckpoint(): StoredCheckpoint | undefined {
    return this.withCosignatures(this.statements.latest.get() as CheckpointRow | undefined);
  }

  checkpointAt(treeSize: number): StoredCheckpoint | undefined {
    return this.withCosignatures(this.statements.checkpointAt.get(treeSize) as CheckpointRow | undefined);
  }

  /** Newest first, strictly below `beforeSize`. */
  checkpoints(beforeSize: number, limit: number): StoredCheckpoint[] {
    return (this.statements.checkpointsBefore.all(beforeSize, limit) as CheckpointRow[]).map((row) => this.withCosignatures(row) as StoredCheckpoint);
  }

  allCheckpoints(): StoredCheckpoint[] {
    return (this.statements.allCheckpoints.all() as CheckpointRow[]).map((row) => this.withCosignatures(row) as StoredCheckpoint);
  }

  private withCosignatures(row: CheckpointRow | undefined): StoredCheckpoint | undefined {
    if (!row) return undefined;
    const cosignatures = this.statements.cosignatures.all(row.tree_size) as string[];
    return { treeSize: row.tree_size, rootHash: row.root_hash, note: row.note, issuedAt: row.issued_at, tsaToken: row.tsa_token, cosignatures };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
