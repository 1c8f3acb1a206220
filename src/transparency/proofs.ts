import { HASH_SIZE, nodeHash } from './merkle';

/**
 * Proof verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 describe it,
 * kept apart from proof generation so neither can hide a mistake of the other.
 * Each answers null when the proof holds, or why it does not.
 */
const isHash = (value: Uint8Array) => value.length === HASH_SIZE;
const lsb = (n: bigint) => (n & 1n) === 1n;

export function rootFromInclusion(leafIndex: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Buffer | string {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= size) return `leaf index ${leafIndex} is not below tree size ${size}`;
  if (!isHash(leaf) || !proof.every(isHash)) return 'hashes must be 32 bytes';
  let fn = BigInt(leafIndex);
  let sn = BigInt(size - 1);
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0n) return 'the proof is longer than the tree is deep';
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!lsb(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return 'the proof is shorter than the tree is deep';
  return r;
}

export function checkInclusion(
  leafIndex: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): string | null {
  const computed = rootFromInclusion(leafIndex, size, leaf, proof);
  if (typeof computed === 'string') return computed;
  return computed.equals(root) ? null : `the inclusion proof of leaf ${leafIndex} leads to another root than the tree of size ${size}`;
}

export function checkConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): string | null {
  if (!Number.isInteger(first) || !Number.isInteger(second) || first < 0 || second < first) {
    return `size ${second} cannot extend size ${first}`;
  }
  if (first === second) {
    if (proof.length > 0) return 'a proof between equal sizes must be empty';
    return Buffer.from(firstRoot).equals(secondRoot) ? null : `two different roots for size ${first}`;
  }
  if (first === 0) return proof.length === 0 ? null : 'a proof from the empty tree must be empty';
  if (proof.length === 0) return 'the consistency proof is empty';
  if (!proof.every(isHash)) return 'hashes must be 32 bytes';
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while (lsb(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0n) return 'the proof is longer than the tree is deep';
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!lsb(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return 'the proof is shorter than the tree is deep';
  if (!fr.equals(firstRoot)) return `the proof does not lead to the root of size ${first}`;
  if (!sr.equals(secondRoot)) return `the proof does not lead to the root of size ${second}`;
  return null;
}
