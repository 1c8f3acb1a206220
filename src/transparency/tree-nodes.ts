import type Database from 'better-sqlite3';
import type { NodeFetcher, NodeKey, StoredNode } from './merkle';
import { NodeCache } from './node-cache';

/** Node lookups per statement; a larger read (a frontier, a consistency proof on a cold cache) takes several. */
const MAX_LOOKUPS = 32;

/**
 * The nodes table of transparency.db as proofs read it (part of the tree's
 * adapter, with tree-store.ts): the upper levels from memory, read once at
 * open and grown as the tree grows, the few low nodes of a proof from disk.
 */
export class StoredNodes {
  private readonly cache = new NodeCache();
  private readonly nodesFrom: Database.Statement;

  constructor(private readonly db: Database.Database) {
    const upper = db.prepare('SELECT level, node_index AS idx, hash FROM nodes WHERE level >= ? ORDER BY level, node_index');
    for (const row of upper.iterate(this.cache.fromLevel) as Iterable<{ level: number; idx: number; hash: Buffer }>) {
      this.cache.put({ level: row.level, index: row.idx }, row.hash);
    }
    this.nodesFrom = db.prepare('SELECT node_index AS idx, hash FROM nodes WHERE level = ? AND node_index >= ? ORDER BY node_index');
  }

  /** A node just written by this connection. */
  remember(node: StoredNode): void {
    this.cache.put(node, node.hash);
  }

  /** The tree was cut back to `size` leaves. */
  forgetFrom(size: number): void {
    this.cache.truncate(size);
  }

  /** Takes in the upper nodes another connection (the tree's thread) wrote for a tree of `size` leaves. */
  takeInNew(size: number): void {
    for (let level = this.cache.fromLevel; 2 ** level <= size; level += 1) {
      // Only the levels that gained a node are read: a round of a few hundred leaves touches the lowest few.
      if (this.cache.countAt(level) === Math.floor(size / 2 ** level)) continue;
      const rows = this.nodesFrom.all(level, this.cache.countAt(level)) as { idx: number; hash: Buffer }[];
      for (const row of rows) this.cache.put({ level, index: row.idx }, row.hash);
    }
  }

  /** Nodes the cache holds come from memory; the few others from disk, in one statement. */
  readonly fetch: NodeFetcher = (keys: readonly NodeKey[]) => {
    const hashes = keys.map((key) => this.cache.get(key));
    const missing = keys.filter((_, i) => !hashes[i]);
    if (missing.length === 0) return hashes as Buffer[];
    const read = this.nodesOnDisk(missing);
    let next = 0;
    return hashes.map((hash) => hash ?? read[next++]);
  };

  /** One statement per read, whatever the count: each statement costs more than the lookups in it. */
  private nodesOnDisk(keys: readonly NodeKey[]): Buffer[] {
    const read: Buffer[] = [];
    for (let at = 0; at < keys.length; at += MAX_LOOKUPS) {
      const chunk = keys.slice(at, at + MAX_LOOKUPS);
      const row = this.lookups(chunk.length).get(...chunk.flatMap((key) => [key.level, key.index])) as (Buffer | null)[];
      chunk.forEach((key, i) => {
        const hash = row[i];
        if (!hash) throw new Error(`the transparency log has no node at level ${key.level}, index ${key.index}`);
        // Another process may have grown the tree: its nodes join the cache as they are read.
        this.cache.put(key, hash);
        read.push(hash);
      });
    }
    return read;
  }

  private readonly lookupStatements = new Map<number, Database.Statement>();

  /** SELECT (lookup 1), (lookup 2), …: one row whose columns are the nodes asked, in order. */
  private lookups(count: number): Database.Statement {
    let statement = this.lookupStatements.get(count);
    if (!statement) {
      const columns = Array.from({ length: count }, () => '(SELECT hash FROM nodes WHERE level = ? AND node_index = ?)');
      this.lookupStatements.set(count, (statement = this.db.prepare(`SELECT ${columns.join(', ')}`).raw()));
    }
    return statement;
  }
}
