import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consistencyProof, inclusionProof, leafHash, MemoryTree, rootHash } from '../../../src/transparency/merkle';
import { LeafConflictError, TreeStore } from '../../../src/transparency/tree-store';

const LEAVES = 700;
const leaf = (n: number) => ({ position: String(n + 1), eventId: `event-${n}`, stream: `s-${n % 7}`, eventHash: leafHash(Buffer.from(`e${n}`)).toString('hex') });

describe('the tree kept in transparency.db', () => {
  let dir: string;
  let reference: MemoryTree;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tree-store-'));
    reference = new MemoryTree();
    for (let n = 0; n < LEAVES; n += 1) reference.append(leafHash(Buffer.from(leaf(n).eventHash, 'hex')));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Grows the stored tree in uneven batches, as the follower does. */
  function grow(tree: TreeStore, upTo = LEAVES): void {
    for (let size = tree.size(); size < upTo; ) {
      const batch = Array.from({ length: Math.min(1 + ((size * 7) % 97), upTo - size) }, (_, i) => leaf(size + i));
      size = tree.append(size, batch);
    }
  }

  function expectSameProofs(tree: TreeStore): void {
    for (const size of [1, 63, 64, 65, 256, 257, 511, 512, 600, LEAVES]) {
      expect(rootHash(size, tree.fetch)).toEqual(reference.root(size));
      for (const index of new Set([0, size >> 1, size - 1])) expect(inclusionProof(index, size, tree.fetch)).toEqual(inclusionProof(index, size, reference.fetch));
      expect(consistencyProof(size >> 1, size, tree.fetch)).toEqual(consistencyProof(size >> 1, size, reference.fetch));
    }
  }

  it('answers the same roots and proofs as a tree in memory, before and after it is reopened', () => {
    const tree = TreeStore.open(join(dir, 'transparency.db'));
    grow(tree);
    expectSameProofs(tree);
    tree.close();
    const reopened = TreeStore.open(join(dir, 'transparency.db'));
    expect(reopened.size()).toBe(LEAVES);
    expectSameProofs(reopened);
    reopened.close();
  });

  it('stores no node of the lowest two levels: they are derived from their block of leaves', () => {
    const file = join(dir, 'transparency.db');
    const tree = TreeStore.open(file);
    grow(tree);
    tree.close();
    const db = new Database(file, { readonly: true });
    const levels = db.prepare('SELECT level, COUNT(*) AS count FROM nodes GROUP BY level ORDER BY level').all() as { level: number; count: number }[];
    db.close();
    // 700 leaves: 175 perfect subtrees of 4 leaves, 87 of 8, … one of 512.
    expect(levels).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((level) => ({ level, count: Math.floor(LEAVES / 2 ** level) })));
  });

  it('a connection that serves proofs takes in what another connection grew, and answers for the larger tree', () => {
    const file = join(dir, 'transparency.db');
    const serving = TreeStore.open(file);
    const growing = TreeStore.open(file);
    grow(growing, 300);
    serving.refresh();
    expect(serving.knownSize).toBe(300);
    expect(rootHash(300, serving.fetch)).toEqual(reference.root(300));
    grow(growing);
    serving.refresh();
    expect(serving.knownSize).toBe(LEAVES);
    expectSameProofs(serving);
    growing.close();
    serving.close();
  });

  it('refuses an event that already is a leaf, naming both, and keeps the tree as it was', () => {
    const tree = TreeStore.open(join(dir, 'transparency.db'));
    grow(tree, 600);
    const duplicate = { ...leaf(12), position: '601' };
    expect(() => tree.append(600, [leaf(600), duplicate])).toThrow(LeafConflictError);
    expect(() => tree.append(600, [duplicate])).toThrow('event event-12 (position 601) is already leaf 12 (position 13)');
    expect(tree.size()).toBe(600);
    grow(tree);
    expectSameProofs(tree);
    tree.close();
  });

  it('a tree cleared and rebuilt from another log answers for the new leaves only', () => {
    const tree = TreeStore.open(join(dir, 'transparency.db'));
    grow(tree);
    const before = rootHash(LEAVES, tree.fetch);
    tree.clearTree();
    const other = new MemoryTree();
    const others = Array.from({ length: LEAVES }, (_, n) => ({ ...leaf(n), eventHash: leafHash(Buffer.from(`other ${n}`)).toString('hex') }));
    for (const l of others) other.append(leafHash(Buffer.from(l.eventHash, 'hex')));
    for (let size = 0; size < LEAVES; size += 100) tree.append(size, others.slice(size, size + 100));
    expect(rootHash(LEAVES, tree.fetch)).toEqual(other.root());
    expect(rootHash(LEAVES, tree.fetch)).not.toEqual(before);
    expect(inclusionProof(300, LEAVES, tree.fetch)).toEqual(inclusionProof(300, LEAVES, other.fetch));
    tree.close();
  });
});
