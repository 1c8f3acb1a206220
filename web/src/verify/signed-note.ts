import { ed25519Verify, fromBase64, sha256, utf8 } from './bytes';

/** Why a key or a checkpoint is refused, in words a reader can act on. */
export class VerificationError extends Error {}

/** The log's Ed25519 key as C2SP signed-note names it. */
export interface NoteKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
}

const ED25519 = 0x01;
const SPKI_ED25519 = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

/** C2SP key id: the first four bytes of SHA-256(name ‖ LF ‖ 0x01 ‖ public key), big-endian. */
async function keyIdOf(name: string, publicKey: Uint8Array): Promise<number> {
  const digest = await sha256(utf8(name), new Uint8Array([0x0a, ED25519]), publicKey);
  return new DataView(digest.buffer).getUint32(0);
}

/**
 * The log key from what a person pastes or the service publishes: a C2SP
 * verifier key (`name+keyid+base64`), or an SPKI PEM, whose name is then
 * the origin the checkpoint claims.
 */
export async function readLogKey(text: string, origin: string): Promise<NoteKey> {
  const trimmed = text.trim();
  if (trimmed.includes('-----BEGIN PUBLIC KEY-----')) {
    const der = fromBase64(trimmed.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, ''));
    if (!der || der.length !== 44 || !SPKI_ED25519.every((b, i) => der[i] === b)) throw new VerificationError('the PEM is not an Ed25519 public key');
    const publicKey = der.subarray(12);
    return { name: origin, keyId: await keyIdOf(origin, publicKey), publicKey };
  }
  const [name, id, ...rest] = trimmed.split('+');
  const material = fromBase64(rest.join('+'));
  if (!name || !/^[0-9a-f]{8}$/.test(id ?? '') || !material || material.length !== 33) throw new VerificationError(`"${trimmed.slice(0, 60)}" is neither a verifier key nor a PEM public key`);
  if (material[0] !== ED25519) throw new VerificationError('the verifier key is not an Ed25519 key');
  const publicKey = material.subarray(1);
  const keyId = await keyIdOf(name, publicKey);
  if (keyId !== parseInt(id, 16)) throw new VerificationError('the verifier key has a wrong key id');
  return { name, keyId, publicKey };
}

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
}

/** The origin a checkpoint claims (its first line), before anything is checked. */
export const claimedOrigin = (note: string): string => note.split('\n', 1)[0];

/**
 * A C2SP tlog-checkpoint: the text (origin, size, base64 root) must carry
 * a valid Ed25519 signature by `key`. Throws naming what does not hold.
 */
export async function openCheckpoint(note: string, key: NoteKey): Promise<Checkpoint> {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new VerificationError('the checkpoint is not a signed note');
  const text = note.slice(0, split + 1);
  const [origin, size, root, ...more] = text.split('\n');
  const rootHash = fromBase64(root ?? '');
  if (more.length < 1 || !/^(0|[1-9]\d*)$/.test(size ?? '') || !rootHash || rootHash.length !== 32) throw new VerificationError('the checkpoint text is not origin, size and root hash');
  if (origin !== key.name) throw new VerificationError(`the checkpoint is of log "${origin}", the key of "${key.name}"`);
  const lines = note.slice(split + 2, -1).split('\n');
  let signed = false;
  for (const line of lines) {
    const match = /^— (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    const bytes = match ? fromBase64(match[2]) : null;
    if (!match || !bytes || bytes.length < 5 || match[1] !== key.name) continue;
    if (new DataView(bytes.buffer, bytes.byteOffset).getUint32(0) !== key.keyId) continue;
    if (!(await ed25519Verify(key.publicKey, bytes.subarray(4), utf8(text)))) throw new VerificationError(`the signature by ${key.name} does not hold: the checkpoint was altered or forged`);
    signed = true;
  }
  if (!signed) throw new VerificationError(`the checkpoint carries no signature by the key of ${key.name}`);
  return { origin, size: Number(size), rootHash };
}
