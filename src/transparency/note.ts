import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys: a text
 * ending in a newline, an empty line, then one line per signature,
 * `— <name> base64(key id ‖ signature)`. Pure: keys are Node KeyObjects.
 */
export const ED25519_ALG = 0x01;
/** Signature type of a C2SP tlog-cosignature/v1 Ed25519 key. */
export const COSIGNATURE_ALG = 0x04;

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SIGNATURE_DASH = '— ';

export interface NoteSignature {
  name: string;
  keyId: number;
  /** Everything after the key id: a bare signature, or a cosignature's timestamp and signature. */
  signature: Buffer;
}

export interface Note {
  text: string;
  signatures: NoteSignature[];
}

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

export const rawPublicKey = (key: KeyObject): Buffer => {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return der.subarray(SPKI_ED25519_PREFIX.length);
};

export const publicKeyFromRaw = (raw: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });

export const privateKeyFromSeed = (seed: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });

/** Key names are printable, with no space and no plus sign (they separate a verifier key's fields). */
export function checkKeyName(name: string): void {
  if (name === '' || /[\s+]/u.test(name) || /[\p{Cc}]/u.test(name)) throw new NoteError(`key name "${name}" must be non-empty, without spaces or "+"`);
}

/** First four bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key), as an unsigned integer. */
export function keyId(name: string, publicKey: KeyObject, alg = ED25519_ALG): number {
  const digest = createHash('sha256').update(name).update(Buffer.from([0x0a, alg])).update(rawPublicKey(publicKey)).digest();
  return digest.readUInt32BE(0);
}

const hex8 = (id: number) => id.toString(16).padStart(8, '0');

/** `<name>+<hex key id>+<base64(type ‖ public key)>`. */
export function verifierKey(name: string, publicKey: KeyObject, alg = ED25519_ALG): string {
  checkKeyName(name);
  const material = Buffer.concat([Buffer.from([alg]), rawPublicKey(publicKey)]);
  return `${name}+${hex8(keyId(name, publicKey, alg))}+${material.toString('base64')}`;
}

export interface Verifier {
  name: string;
  keyId: number;
  alg: number;
  publicKey: KeyObject;
}

export function parseVerifierKey(vkey: string): Verifier {
  // The base64 key material may itself contain "+": only the first two separate fields.
  const [name, id, ...tail] = vkey.split('+');
  const material = tail.join('+');
  if (!name || !/^[0-9a-f]{8}$/.test(id ?? '') || !material) throw new NoteError(`malformed verifier key "${vkey}"`);
  const bytes = Buffer.from(material, 'base64');
  if (bytes.toString('base64') !== material || bytes.length !== 33) throw new NoteError(`malformed verifier key "${vkey}"`);
  const alg = bytes[0];
  if (alg !== ED25519_ALG && alg !== COSIGNATURE_ALG) throw new NoteError(`verifier key "${vkey}" is not an Ed25519 key`);
  const publicKey = publicKeyFromRaw(bytes.subarray(1));
  if (keyId(name, publicKey, alg) !== parseInt(id, 16)) throw new NoteError(`verifier key "${vkey}" has a wrong key id`);
  return { name, keyId: parseInt(id, 16), alg, publicKey };
}

export function formatSignature(signature: NoteSignature): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signature.keyId);
  return `${SIGNATURE_DASH}${signature.name} ${Buffer.concat([id, signature.signature]).toString('base64')}\n`;
}

export function formatNote(note: Note): string {
  return `${note.text}\n${note.signatures.map(formatSignature).join('')}`;
}

/** Signs `text` (which must end in a newline) with an Ed25519 key under `name`. */
export function signNote(text: string, name: string, privateKey: KeyObject): NoteSignature {
  checkKeyName(name);
  if (!text.endsWith('\n')) throw new NoteError('a note text ends with a newline');
  return { name, keyId: keyId(name, createPublicKey(privateKey)), signature: sign(null, Buffer.from(text), privateKey) };
}

export function parseNote(message: string): Note {
  const split = message.lastIndexOf('\n\n');
  if (split === -1 || !message.endsWith('\n')) throw new NoteError('malformed note: no signature block');
  const text = message.slice(0, split + 1);
  const lines = message.slice(split + 2, -1).split('\n');
  const signatures = lines.map((line) => {
    const match = /^— (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!match) throw new NoteError(`malformed signature line "${line}"`);
    const bytes = Buffer.from(match[2], 'base64');
    if (bytes.length < 5) throw new NoteError(`signature line of ${match[1]} is too short`);
    return { name: match[1], keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/** The signature of `verifier` over the note's text: null if valid, else why not. */
export function checkNoteSignature(note: Note, verifier: Verifier): string | null {
  const found = note.signatures.find((s) => s.name === verifier.name && s.keyId === verifier.keyId);
  if (!found) return `no signature by ${verifier.name}+${hex8(verifier.keyId)}`;
  return verify(null, Buffer.from(note.text), verifier.publicKey, found.signature) ? null : `invalid signature by ${verifier.name}+${hex8(verifier.keyId)}`;
}
