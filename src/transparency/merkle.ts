import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1 Merkle tree hashing (SHA-256; leaves prefixed 0x00, interior
 * nodes 0x01). Pure: no storage, no framework. A stored tree is read through
 * a NodeFetcher of perfect subtrees, so a proof costs O(log n) node reads.
 */
export const HASH_SIZE = 32;

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export const leafHash = (data: Uint8Array): Buffer => sha256(LEAF_PREFIX, data);
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(NODE_PREFIX, left, right);
/** MTH({}) = SHA-256 of the empty string. */
export const emptyRoot = (): Buffer => sha256();

/** The perfect subtree of 2^level leaves starting at leaf index × 2^level. */
export interface NodeKey {
  level: number;
  index: number;
}

/** Answers the hashes of perfect subtrees, in the order asked. */
export type NodeFetcher = (keys: readonly NodeKey[]) => Buffer[];

/** A leaf range [start, end) as RFC 9162's recursion produces it: start is aligned on a power of two ≥ its width. */
interface Range {
  start: number;
  end: number;
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The perfect subtrees that make up an aligned range, left to right. */
function perfectParts({ start, end }: Range): NodeKey[] {
  const parts: NodeKey[] = [];
  let at = start;
  while (at < end) {
    let width = 1;
    let level = 0;
    while (width * 2 <= end - at && at % (width * 2) === 0) {
      width *= 2;
      level += 1;
    }
    parts.push({ level, index: at / width });
    at += width;
  }
  return parts;
}

/**
 * Hashes of ranges that are not perfect subtrees (they end at the tree's
 * right edge), by "start:end": every proof against one tree size needs the
 * same few, so a caller may keep them between proofs.
 */
export type EdgeCache = Map<string, Buffer>;

/** MTH of each range, reading every perfect subtree they need in one fetch. */
function hashRanges(ranges: readonly Range[], fetch: NodeFetcher, cache?: EdgeCache): Buffer[] {
  const cached = ranges.map((r) => cache?.get(`${r.start}:${r.end}`));
  const partsPerRange = ranges.map((range, i) => (cached[i] ? [] : perfectParts(range)));
  const hashes = fetch(partsPerRange.flat());
  let next = 0;
  return partsPerRange.map((parts, i) => {
    if (cached[i]) return cached[i];
    const own = hashes.slice(next, (next += parts.length));
    // RFC 9162 splits at the largest power of two below n, so the range folds from the right.
    const hash = own.reduceRight((right, left) => nodeHash(left, right));
    if (cache && parts.length > 1) cache.set(`${ranges[i].start}:${ranges[i].end}`, hash);
    return hash;
  });
}

export function rootHash(size: number, fetch: NodeFetcher): Buffer {
  return size === 0 ? emptyRoot() : hashRanges([{ start: 0, end: size }], fetch)[0];
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]): the sibling ranges, deepest first. */
function pathRanges(m: number, range: Range): Range[] {
  const n = range.end - range.start;
  if (n <= 1) return [];
  const k = splitPoint(n);
  const middle = range.start + k;
  return m < k
    ? [...pathRanges(m, { start: range.start, end: middle }), { start: middle, end: range.end }]
    : [...pathRanges(m - k, { start: middle, end: range.end }), { start: range.start, end: middle }];
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b). */
function subproofRanges(m: number, range: Range, complete: boolean): Range[] {
  const n = range.end - range.start;
  if (m === n) return complete ? [] : [range];
  const k = splitPoint(n);
  const middle = range.start + k;
  return m <= k
    ? [...subproofRanges(m, { start: range.start, end: middle }, complete), { start: middle, end: range.end }]
    : [...subproofRanges(m - k, { start: middle, end: range.end }, false), { start: range.start, end: middle }];
}

export function inclusionProof(leafIndex: number, size: number, fetch: NodeFetcher, cache?: EdgeCache): Buffer[] {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= size) {
    throw new RangeError(`leaf ${leafIndex} is not in a tree of ${size} leaves`);
  }
  return hashRanges(pathRanges(leafIndex, { start: 0, end: size }), fetch, cache);
}

export function consistencyProof(from: number, to: number, fetch: NodeFetcher): Buffer[] {
  if (!Number.isInteger(from) || from < 0 || from > to) throw new RangeError(`no consistency proof from size ${from} to size ${to}`);
  if (from === 0 || from === to) return [];
  return hashRanges(subproofRanges(from, { start: 0, end: to }, true), fetch);
}

/** A node the tree gained, to be stored. */
export interface StoredNode extends NodeKey {
  hash: Buffer;
}

/**
 * The roots of the perfect subtrees covering the leaves so far (a compact
 * range): appending a leaf needs no read, and yields every node it completes.
 */
export class Frontier {
  constructor(
    public size = 0,
    private readonly nodes: StoredNode[] = [],
  ) {}

  /** The frontier of a stored tree of `size` leaves. */
  static of(size: number, fetch: NodeFetcher): Frontier {
    const keys = size === 0 ? [] : perfectParts({ start: 0, end: size });
    const hashes = fetch(keys);
    return new Frontier(size, keys.map((key, i) => ({ ...key, hash: hashes[i] })));
  }

  append(leaf: Buffer): StoredNode[] {
    const created: StoredNode[] = [{ level: 0, index: this.size, hash: leaf }];
    this.nodes.push(created[0]);
    for (;;) {
      const right = this.nodes[this.nodes.length - 1];
      const left = this.nodes[this.nodes.length - 2];
      if (!left || left.level !== right.level) break;
      const parent = { level: left.level + 1, index: left.index / 2, hash: nodeHash(left.hash, right.hash) };
      this.nodes.splice(-2, 2, parent);
      created.push(parent);
    }
    this.size += 1;
    return created;
  }

  root(): Buffer {
    return this.nodes.length === 0 ? emptyRoot() : this.nodes.map((n) => n.hash).reduceRight((right, left) => nodeHash(left, right));
  }
}

/** Every node of a tree held in memory: for verification from a list of leaves, and for tests. */
export class MemoryTree {
  private readonly levels: Buffer[][] = [[]];
  private readonly frontier = new Frontier();

  append(leaf: Buffer): void {
    for (const node of this.frontier.append(leaf)) (this.levels[node.level] ??= [])[node.index] = node.hash;
  }

  get size(): number {
    return this.frontier.size;
  }

  readonly fetch: NodeFetcher = (keys) =>
    keys.map(({ level, index }) => {
      const hash = this.levels[level]?.[index];
      if (!hash) throw new RangeError(`no node at level ${level}, index ${index}`);
      return hash;
    });

  root(size = this.size): Buffer {
    return rootHash(size, this.fetch);
  }
}
