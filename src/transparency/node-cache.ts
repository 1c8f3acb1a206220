import { HASH_SIZE, type NodeKey } from './merkle';

/**
 * Levels below this one stay on disk (or are derived from leaves): at
 * 1,000,000 leaves the cache holds 125,000 nodes (4 MB, 4 bytes per leaf),
 * and a proof reads 2 stored nodes and 4 leaves.
 */
export const CACHED_FROM_LEVEL = 4;

/**
 * The upper levels of the tree in memory, one contiguous buffer per level.
 * A stored node is a perfect subtree, so it never changes once written: the
 * cache only grows at the right edge, and only forgets when the tree itself
 * shrinks (a rebuild, a rolled-back append). Pure: no storage.
 */
export class NodeCache {
  private readonly levels: { bytes: Buffer; count: number }[] = [];

  constructor(readonly fromLevel = CACHED_FROM_LEVEL) {}

  holds(level: number): boolean {
    return level >= this.fromLevel;
  }

  /** The hash of a node, or undefined when the cache does not hold it. */
  get({ level, index }: NodeKey): Buffer | undefined {
    const row = this.levels[level - this.fromLevel];
    if (!row || level < this.fromLevel || index >= row.count || index < 0) return undefined;
    return row.bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  /**
   * Records a node of a cached level. Nodes of one level arrive left to right;
   * one that would leave a hole is ignored (it is read from disk instead).
   */
  put({ level, index }: NodeKey, hash: Uint8Array): void {
    if (level < this.fromLevel || hash.length !== HASH_SIZE) return;
    const at = level - this.fromLevel;
    while (this.levels.length <= at) this.levels.push({ bytes: Buffer.alloc(HASH_SIZE * 64), count: 0 });
    const row = this.levels[at];
    if (index !== row.count) return;
    if ((index + 1) * HASH_SIZE > row.bytes.length) {
      // Views handed out earlier keep the old buffer, whose bytes never change.
      const grown = Buffer.alloc(row.bytes.length * 2);
      row.bytes.copy(grown, 0, 0, row.count * HASH_SIZE);
      row.bytes = grown;
    }
    Buffer.from(hash.buffer, hash.byteOffset, HASH_SIZE).copy(row.bytes, index * HASH_SIZE);
    row.count += 1;
  }

  /** Forgets every node that covers a leaf at or beyond `size`: the tree was cut back to `size` leaves. */
  truncate(size: number): void {
    for (const [at, row] of this.levels.entries()) {
      const kept = Math.min(row.count, Math.floor(size / 2 ** (at + this.fromLevel)));
      if (kept === row.count) continue;
      // A fresh buffer: views handed out earlier must never see the bytes of the nodes that replace these.
      row.bytes = Buffer.from(row.bytes.subarray(0, Math.max(kept, 64) * HASH_SIZE));
      row.count = kept;
    }
  }

  /** How many nodes of `level` the cache holds: the next one it takes is at this index. */
  countAt(level: number): number {
    return this.levels[level - this.fromLevel]?.count ?? 0;
  }

  /** How many nodes the cache holds, over all its levels. */
  get count(): number {
    return this.levels.reduce((sum, row) => sum + row.count, 0);
  }
}
