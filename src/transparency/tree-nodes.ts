import type Database from 'better-sqlite3';
import { leafHash, nodeHash, type NodeFetcher, type NodeKey, type StoredNode } from './merkle';
import { NodeCache } from './node-cache';

/** Node lookups per statement; a larger read (a frontier, a consistency proof on a cold cache) takes several. */
const MAX_LOOKUPS = 32;

/**
 * Nodes below this level are never stored: storing every level wrote a page
 * per level at each commit of the tree, beside the log's own commits. A node
 * of levels 0–1 is hashed up from its block of 4 leaves (at most 4 hashes
 * for a proof); deriving more levels costs a proof more than the read it saves.
 */
const STORED_FROM_LEVEL = 2;

/**
 * The nodes of transparency.db as proofs read them (part of the tree's
 * adapter, with tree-store.ts): the upper levels from memory, read once at
 * open and grown as the tree grows; the stored levels below them from disk,
 * in one statement; the lowest two from the leaves of their block.
 */
export class StoredNodes {
  private readonly cache = new NodeCache();
  private readonly nodesFrom: Database.Statement;
  private readonly leafHashes: Database.Statement;

  constructor(private readonly db: Database.Database) {
    const upper = db.prepare('SELECT level, node_index AS idx, hash FROM nodes WHERE level >= ? ORDER BY level, node_index');
    for (const row of upper.iterate(this.cache.fromLevel) as Iterable<{ level: number; idx: number; hash: Buffer }>) {
      this.cache.put({ level: row.level, index: row.idx }, row.hash);
    }
    this.nodesFrom = db.prepare('SELECT node_index AS idx, hash FROM nodes WHERE level = ? AND node_index >= ? ORDER BY node_index');
    this.leafHashes = db.prepare('SELECT event_hash FROM leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index').pluck();
  }

  /** Whether a node of this level is written to the nodes table; lower ones are derived from leaves. */
  stores(level: number): boolean {
    return level >= STORED_FROM_LEVEL;
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

  /** Upper nodes the cache holds come from memory, low ones from their block's leaves, the few others from disk. */
  readonly fetch: NodeFetcher = (keys: readonly NodeKey[]) => {
    const blocks = new Map<number, Buffer[][]>();
    const hashes = keys.map((key) => (this.stores(key.level) ? this.cache.get(key) : this.derive(key, blocks)));
    const missing = keys.filter((_, i) => !hashes[i]);
    if (missing.length === 0) return hashes as Buffer[];
    const read = this.nodesOnDisk(missing);
    let next = 0;
    return hashes.map((hash) => hash ?? read[next++]);
  };

  /** A low node, hashed up from the leaves of its block (read once per fetch, however many of its nodes are asked). */
  private derive({ level, index }: NodeKey, blocks: Map<number, Buffer[][]>): Buffer {
    const width = 2 ** STORED_FROM_LEVEL;
    const first = index * 2 ** level;
    const block = Math.floor(first / width);
    let levels = blocks.get(block);
    if (!levels) blocks.set(block, (levels = this.blockLevels(block * width, width)));
    const hash = levels[level]?.[(first % width) / 2 ** level];
    if (!hash) throw new Error(`the transparency log has no leaves for the node at level ${level}, index ${index}`);
    return hash;
  }

  /** Every perfect subtree of the leaves read from `start`: levels[l][i] covers 2^l leaves. */
  private blockLevels(start: number, width: number): Buffer[][] {
    const levels = [(this.leafHashes.all(start, start + width) as string[]).map((hex) => leafHash(Buffer.from(hex, 'hex')))];
    for (let below = levels[0]; below.length >= 2; below = levels[levels.length - 1]) {
      levels.push(Array.from({ length: below.length >> 1 }, (_, i) => nodeHash(below[2 * i], below[2 * i + 1])));
    }
    return levels;
  }

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
