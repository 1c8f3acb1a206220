import { consistencyProof, inclusionProof, leafHash, MemoryTree, rootHash } from '../../../src/transparency/merkle';
import { checkConsistency, checkInclusion } from '../../../src/transparency/proofs';
import { CONSISTENCY_PROOFS, EMPTY_ROOT_HEX, INCLUSION_PROOFS, LEAVES_HEX, ROOTS_HEX } from '../../fixtures/transparency/rfc9162-vectors';

const hex = (h: string) => Buffer.from(h, 'hex');
const toHex = (hashes: Buffer[]) => hashes.map((h) => h.toString('hex'));

function referenceTree(size = LEAVES_HEX.length): MemoryTree {
  const tree = new MemoryTree();
  for (const leaf of LEAVES_HEX.slice(0, size)) tree.append(leafHash(hex(leaf)));
  return tree;
}

describe('RFC 9162 Merkle tree against the published reference tree', () => {
  it('the empty tree hashes to SHA-256 of nothing', () => {
    expect(new MemoryTree().root().toString('hex')).toBe(EMPTY_ROOT_HEX);
  });

  it.each(ROOTS_HEX.map((root, i) => [i + 1, root] as const))('the tree of the first %i leaves has the published root', (size, root) => {
    const tree = referenceTree();
    expect(tree.root(size).toString('hex')).toBe(root);
    expect(referenceTree(size).root().toString('hex')).toBe(root);
  });

  it.each(INCLUSION_PROOFS)('inclusion of leaf $leafIndex in size $size is the published proof and verifies', ({ leafIndex, size, proofHex }) => {
    const tree = referenceTree();
    expect(toHex(inclusionProof(leafIndex, size, tree.fetch))).toEqual(proofHex);
    const leaf = leafHash(hex(LEAVES_HEX[leafIndex]));
    expect(checkInclusion(leafIndex, size, leaf, proofHex.map(hex), hex(ROOTS_HEX[size - 1]))).toBeNull();
  });

  it.each(CONSISTENCY_PROOFS)('consistency from $from to $to is the published proof and verifies', ({ from, to, proofHex }) => {
    const tree = referenceTree();
    expect(toHex(consistencyProof(from, to, tree.fetch))).toEqual(proofHex);
    expect(checkConsistency(from, to, hex(ROOTS_HEX[from - 1]), hex(ROOTS_HEX[to - 1]), proofHex.map(hex))).toBeNull();
  });

  it('refuses every corruption of a published inclusion proof', () => {
    const { leafIndex, size, proofHex } = INCLUSION_PROOFS[2];
    const proof = proofHex.map(hex);
    const leaf = leafHash(hex(LEAVES_HEX[leafIndex]));
    const root = hex(ROOTS_HEX[size - 1]);
    const flipped = proof.map((_, i) => proof.map((p, j) => (j === i ? Buffer.from([p[0] ^ 8, ...p.subarray(1)]) : p)));
    const probes: [number, number, Buffer, Buffer[], Buffer][] = [
      [leafIndex - 1, size, leaf, proof, root],
      [leafIndex + 1, size, leaf, proof, root],
      [leafIndex ^ 2, size, leaf, proof, root],
      [leafIndex, size * 2, leaf, proof, root],
      [leafIndex, size / 2, leaf, proof, root],
      [leafIndex, size, leafHash(Buffer.from('WrongLeaf')), proof, root],
      [leafIndex, size, leaf, proof, hex(EMPTY_ROOT_HEX)],
      [leafIndex, size, leaf, [...proof, root], root],
      [leafIndex, size, leaf, [root, ...proof], root],
      [leafIndex, size, leaf, proof.slice(0, -1), root],
      ...flipped.map((p) => [leafIndex, size, leaf, p, root] as [number, number, Buffer, Buffer[], Buffer]),
    ];
    for (const [index, treeSize, l, p, r] of probes) expect(checkInclusion(index, treeSize, l, p, r)).not.toBeNull();
  });

  it('refuses every corruption of a published consistency proof', () => {
    const { from, to, proofHex } = CONSISTENCY_PROOFS[2];
    const proof = proofHex.map(hex);
    const [r1, r2] = [hex(ROOTS_HEX[from - 1]), hex(ROOTS_HEX[to - 1])];
    const probes: [number, number, Buffer, Buffer, Buffer[]][] = [
      [from - 1, to, r1, r2, proof],
      [from + 1, to, r1, r2, proof],
      [from, to * 2, r1, r2, proof],
      [from, to / 2, r1, r2, proof],
      [from, to, r2, r1, proof],
      [from, to, r1, r2, []],
      [from, to, r1, r2, [...proof, r1]],
      [from, to, r1, r2, [proof[0], ...proof]],
      [from, to, r1, r2, proof.slice(0, -1)],
      ...proof.map((_, i) => [from, to, r1, r2, proof.map((p, j) => (j === i ? Buffer.from([p[0] ^ 16, ...p.subarray(1)]) : p))] as [number, number, Buffer, Buffer, Buffer[]]),
    ];
    for (const [a, b, x, y, p] of probes) expect(checkConsistency(a, b, x, y, p)).not.toBeNull();
  });

  it('proves every leaf and every pair of sizes of larger trees, as generated and checked by separate code', () => {
    const tree = new MemoryTree();
    for (let i = 0; i < 70; i++) tree.append(leafHash(Buffer.from([i, i >> 8])));
    for (let size = 1; size <= 70; size += 7) {
      const root = rootHash(size, tree.fetch);
      const edges = new Map<string, Buffer>();
      for (let index = 0; index < size; index++) {
        const leaf = tree.fetch([{ level: 0, index }])[0];
        const proof = inclusionProof(index, size, tree.fetch);
        expect(checkInclusion(index, size, leaf, proof, root)).toBeNull();
        // Right-edge hashes kept from earlier proofs of the same size give the same proof.
        expect(inclusionProof(index, size, tree.fetch, edges)).toEqual(proof);
      }
      for (let from = 1; from <= size; from++) {
        expect(checkConsistency(from, size, rootHash(from, tree.fetch), root, consistencyProof(from, size, tree.fetch))).toBeNull();
      }
    }
  });
});
