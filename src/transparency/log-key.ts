import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseVerifierKey, verifierKey, type Verifier } from './note';

/** The log's Ed25519 key: the origin names it in every checkpoint. */
export interface LogKey {
  origin: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicPem: string;
  verifierKey: string;
  verifier: Verifier;
}

export function logKeyOf(origin: string, privateKey: KeyObject): LogKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the log signing key must be an Ed25519 key, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  const vkey = verifierKey(origin, publicKey);
  return { origin, privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), verifierKey: vkey, verifier: parseVerifierKey(vkey) };
}

/** Reads the PKCS#8 PEM key at `file`; with `create`, a missing file gets a new key, readable by its owner only. */
export function loadLogKey(file: string, origin: string, create: boolean): LogKey | null {
  if (!existsSync(file)) {
    if (!create) return null;
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  return logKeyOf(origin, createPrivateKey(readFileSync(file)));
}

/** A log's public key given as a PEM file or as a C2SP verifier key, for those who only verify. */
export function readVerifier(pemOrVerifierKey: string, origin: string | null): Verifier {
  if (!pemOrVerifierKey.includes('-----BEGIN')) return parseVerifierKey(pemOrVerifierKey.trim());
  if (!origin) throw new Error('a PEM public key needs the log origin to check signatures');
  return parseVerifierKey(verifierKey(origin, createPublicKey(pemOrVerifierKey)));
}
