import { inclusionProof, leafHash, MemoryTree, rootHash, type NodeFetcher } from '../../../src/transparency/merkle';
import { NodeCache } from '../../../src/transparency/node-cache';
import { INCLUSION_PROOFS, LEAVES_HEX, ROOTS_HEX } from '../../fixtures/transparency/rfc9162-vectors';

const hex = (h: string) => Buffer.from(h, 'hex');

/** The published 8-leaf tree, with its levels from 1 up copied into a cache as the tree grows. */
function cachedReferenceTree(): { cache: NodeCache; fetch: NodeFetcher; diskReads: () => number } {
  const tree = new MemoryTree();
  const cache = new NodeCache(1);
  for (const [i, leaf] of LEAVES_HEX.entries()) {
    tree.append(leafHash(hex(leaf)));
    // The nodes completed by leaf i: level l gains node (i + 1) / 2^l - 1 when 2^l divides i + 1.
    for (let level = 1; (i + 1) % 2 ** level === 0; level += 1) {
      const index = (i + 1) / 2 ** level - 1;
      cache.put({ level, index }, tree.fetch([{ level, index }])[0]);
    }
  }
  let reads = 0;
  const fetch: NodeFetcher = (keys) =>
    keys.map((key) => {
      const cached = cache.get(key);
      if (cached) return cached;
      reads += 1;
      return tree.fetch([key])[0];
    });
  return { cache, fetch, diskReads: () => reads };
}

describe('the cache of the upper levels of the tree', () => {
  it('serves the published roots and inclusion proofs, reading only the leaves from elsewhere', () => {
    const { fetch, diskReads, cache } = cachedReferenceTree();
    expect(cache.count).toBe(4 + 2 + 1);
    for (const [i, root] of ROOTS_HEX.entries()) expect(rootHash(i + 1, fetch).toString('hex')).toBe(root);
    for (const { leafIndex, size, proofHex } of INCLUSION_PROOFS) {
      expect(inclusionProof(leafIndex, size, fetch).map((h) => h.toString('hex'))).toEqual(proofHex);
    }
    const before = diskReads();
    expect(rootHash(8, fetch).toString('hex')).toBe(ROOTS_HEX[7]);
    expect(diskReads()).toBe(before);
  });

  it('holds no node of the levels below its first one, nor one past the right edge', () => {
    const { cache } = cachedReferenceTree();
    expect(cache.get({ level: 0, index: 0 })).toBeUndefined();
    expect(cache.get({ level: 1, index: 4 })).toBeUndefined();
    expect(cache.get({ level: 4, index: 0 })).toBeUndefined();
  });

  it('ignores a node that would leave a hole in its level', () => {
    const cache = new NodeCache(1);
    cache.put({ level: 1, index: 1 }, Buffer.alloc(32, 1));
    expect(cache.get({ level: 1, index: 1 })).toBeUndefined();
    expect(cache.count).toBe(0);
  });

  it('forgets the nodes over leaves cut off, and hashes handed out before never change', () => {
    const { cache } = cachedReferenceTree();
    const handedOut = cache.get({ level: 2, index: 1 })!;
    const bytes = Buffer.from(handedOut);
    cache.truncate(5);
    // Leaves 0..4 remain: nodes 0-1 and 2-3 of level 1, 0-3 of level 2; nothing of level 3.
    expect(cache.count).toBe(3);
    expect(cache.get({ level: 2, index: 1 })).toBeUndefined();
    expect(cache.get({ level: 3, index: 0 })).toBeUndefined();
    cache.put({ level: 1, index: 2 }, Buffer.alloc(32, 7));
    cache.put({ level: 1, index: 3 }, Buffer.alloc(32, 7));
    cache.put({ level: 2, index: 1 }, Buffer.alloc(32, 9));
    expect(cache.get({ level: 2, index: 1 })).toEqual(Buffer.alloc(32, 9));
    expect(handedOut).toEqual(bytes);
  });

  it('grows a level past its first buffer without losing a node', () => {
    const cache = new NodeCache(0);
    const hashes = Array.from({ length: 1000 }, (_, i) => leafHash(Buffer.from(String(i))));
    hashes.forEach((hash, index) => cache.put({ level: 0, index }, hash));
    expect(hashes.every((hash, index) => cache.get({ level: 0, index })!.equals(hash))).toBe(true);
  });
});
