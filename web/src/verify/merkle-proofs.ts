import { sameBytes, sha256 } from './bytes';

/**
 * RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) verification with
 * WebCrypto's SHA-256. Each answers null when the proof holds, or why not.
 */
export const leafHash = (data: Uint8Array) => sha256(new Uint8Array([0]), data);
const nodeHash = (left: Uint8Array, right: Uint8Array) => sha256(new Uint8Array([1]), left, right);
const odd = (n: bigint) => (n & 1n) === 1n;

export async function checkInclusion(index: number, size: number, leaf: Uint8Array, path: Uint8Array[], root: Uint8Array): Promise<string | null> {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) return `leaf ${index} is not in a tree of size ${size}`;
  if (path.some((h) => h.length !== 32)) return 'a proof hash is not 32 bytes';
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return 'the proof is longer than the tree is deep';
    if (odd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      while (!odd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return 'the proof is shorter than the tree is deep';
  return sameBytes(r, root) ? null : `the proof of leaf ${index} leads to another root than the checkpoint's`;
}

export async function checkConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: Uint8Array[]): Promise<string | null> {
  if (first < 0 || second < first) return `size ${second} cannot extend size ${first}`;
  if (first === second) return proof.length === 0 && sameBytes(firstRoot, secondRoot) ? null : `two different trees of size ${first}`;
  if (first === 0) return proof.length === 0 ? null : 'a proof from the empty tree must be empty';
  if (proof.length === 0 || proof.some((h) => h.length !== 32)) return 'the consistency proof is empty or malformed';
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while (odd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return 'the proof is longer than the tree is deep';
    if (odd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while (!odd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return 'the proof is shorter than the tree is deep';
  if (!sameBytes(fr, firstRoot)) return `the proof does not lead to the witnessed root of size ${first}`;
  return sameBytes(sr, secondRoot) ? null : `the proof does not lead to the dossier's root of size ${second}`;
}
