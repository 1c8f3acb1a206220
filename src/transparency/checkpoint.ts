import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { HASH_SIZE } from './merkle';
import {
  checkNoteSignature,
  COSIGNATURE_ALG,
  formatNote,
  keyId,
  NoteError,
  parseNote,
  signNote,
  type Note,
  type NoteSignature,
  type Verifier,
} from './note';

/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): a signed note
 * whose text is the origin, the tree size in decimal and the base64 root
 * hash, one per line. Witnesses add C2SP tlog-cosignature/v1 lines.
 */
export interface CheckpointBody {
  origin: string;
  size: number;
  rootHash: Buffer;
}

export function checkpointText({ origin, size, rootHash }: CheckpointBody): string {
  return `${origin}\n${size}\n${rootHash.toString('base64')}\n`;
}

export function parseCheckpointText(text: string): CheckpointBody {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new NoteError('a checkpoint has an origin, a size and a root hash line');
  const [origin, size, root] = lines;
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) throw new NoteError(`checkpoint size "${size}" is not a decimal integer`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== HASH_SIZE || rootHash.toString('base64') !== root) throw new NoteError('checkpoint root hash is not 32 bytes of base64');
  return { origin, size: Number(size), rootHash };
}

export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject): string {
  const text = checkpointText(body);
  return formatNote({ text, signatures: [signNote(text, body.origin, privateKey)] });
}

export interface OpenedCheckpoint extends CheckpointBody {
  note: Note;
}

/** Parses a checkpoint and checks the log's signature; throws NoteError naming the cause. */
export function openCheckpoint(message: string, log: Verifier): OpenedCheckpoint {
  const note = parseNote(message);
  const body = parseCheckpointText(note.text);
  if (body.origin !== log.name) throw new NoteError(`checkpoint origin "${body.origin}" is not the log "${log.name}"`);
  const problem = checkNoteSignature(note, log);
  if (problem) throw new NoteError(`checkpoint: ${problem}`);
  return { ...body, note };
}

/** The message a cosigner signs: header, time, then the checkpoint text. */
export const cosignedMessage = (text: string, timestamp: number) => `cosignature/v1\ntime ${timestamp}\n${text}`;

export function cosign(text: string, name: string, privateKey: KeyObject, timestamp: number): NoteSignature {
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(timestamp));
  const signature = sign(null, Buffer.from(cosignedMessage(text, timestamp)), privateKey);
  return { name, keyId: keyId(name, createPublicKey(privateKey), COSIGNATURE_ALG), signature: Buffer.concat([time, signature]) };
}

/** A cosignature line's time if it is valid for `text`, else why not. */
export function checkCosignature(text: string, signature: NoteSignature, witness: Verifier): number | string {
  if (signature.name !== witness.name || signature.keyId !== witness.keyId) return `not a cosignature by ${witness.name}`;
  if (signature.signature.length !== 8 + 64) return `cosignature by ${witness.name} is not a timestamped Ed25519 signature`;
  const timestamp = Number(signature.signature.readBigUInt64BE(0));
  const ok = verify(null, Buffer.from(cosignedMessage(text, timestamp)), witness.publicKey, signature.signature.subarray(8));
  return ok ? timestamp : `invalid cosignature by ${witness.name}`;
}

export { formatNote, parseNote };
