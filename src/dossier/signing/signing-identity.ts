import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import forge from 'node-forge';
import { ConfigError, dossierSigningFile, type AppConfig } from '../../config';

/** The key and certificate that sign dossiers, with the certificates that chain it (signer first). */
export interface SigningIdentity {
  privateKey: KeyObject;
  certificate: X509Certificate;
  /** DER certificates embedded in the signature: the signer's, then the rest of the PKCS#12 file. */
  chain: Buffer[];
  /** Lower-case hex SHA-256 of the signer's DER certificate: the manifest names the signer by it. */
  certificateSha256: string;
}

/** A PKCS#12 file that cannot sign dossiers; start-up stops naming the cause. */
export class SigningIdentityError extends Error {
  override name = 'SigningIdentityError';
}

export const certificateSha256 = (certificate: X509Certificate) => certificate.fingerprint256.replace(/:/g, '').toLowerCase();

const der = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

/**
 * Opens a PKCS#12 file (RSA or EC key). node-forge decrypts it; keys and
 * certificates it cannot model (EC) are taken from their ASN.1 as they are.
 */
export function readP12(file: Buffer, passphrase: string): SigningIdentity {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(file.toString('binary'))), false, passphrase);
  } catch (error) {
    throw new SigningIdentityError(`cannot open the PKCS#12 file (wrong passphrase, or not a .p12/.pfx file): ${(error as Error).message}`);
  }
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keys = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag), ...bags(forge.pki.oids.keyBag)].map((bag) =>
    createPrivateKey({ key: bag.key ? der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))) : der(bag.asn1), format: 'der', type: 'pkcs8' }),
  );
  const certificates = bags(forge.pki.oids.certBag).map((bag) => new X509Certificate(bag.cert ? der(forge.pki.certificateToAsn1(bag.cert)) : der(bag.asn1)));
  if (keys.length !== 1) throw new SigningIdentityError(`the PKCS#12 file must hold exactly one private key, it holds ${keys.length}`);
  const [privateKey] = keys;
  const signer = certificates.find((c) => c.checkPrivateKey(privateKey));
  if (!signer) throw new SigningIdentityError('no certificate of the PKCS#12 file matches its private key');
  const chain = [signer, ...certificates.filter((c) => c !== signer)].map((c) => c.raw);
  return { privateKey, certificate: signer, chain, certificateSha256: certificateSha256(signer) };
}

/** Subject and issuer of the certificate made at first start: it names the service and says it is provisional. */
const SELF_SIGNED_NAME = [
  { name: 'commonName', value: 'Confiance evidence dossiers' },
  { name: 'organizationName', value: 'Confiance' },
  { name: 'organizationalUnitName', value: 'Self-signed at first start - install a real certificate with DOSSIER_SIGNING_P12' },
];

/** A self-signed RSA-3072 certificate valid ten years, as a PKCS#12 with an empty passphrase (the file is readable by its owner only). */
export function selfSignedP12(now: Date): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString());
  // A positive serial of 128 random bits (RFC 5280 §4.1.2.2).
  cert.serialNumber = `01${randomBytes(16).toString('hex')}`;
  cert.validity.notBefore = now;
  cert.validity.notAfter = new Date(Date.UTC(now.getUTCFullYear() + 10, now.getUTCMonth(), now.getUTCDate()));
  cert.setSubject(SELF_SIGNED_NAME);
  cert.setIssuer(SELF_SIGNED_NAME);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return der(forge.pkcs12.toPkcs12Asn1(key, [cert], '', { friendlyName: 'Confiance evidence dossiers' }));
}

/**
 * The identity in `file`. With `create`, a missing file gets a self-signed
 * certificate, written readable by its owner only and reused afterwards.
 */
export function loadSigningIdentity(file: string, passphrase: string, create: boolean, now = new Date()): SigningIdentity | null {
  if (!existsSync(file)) {
    if (!create) return null;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, selfSignedP12(now), { mode: 0o600, flag: 'wx' });
  }
  return readP12(readFileSync(file), passphrase);
}

/** The identity that signs this installation's dossiers; a file that cannot sign stops start-up, naming the variable. */
export function dossierSigningIdentity(config: AppConfig): SigningIdentity {
  const file = dossierSigningFile(config);
  try {
    return loadSigningIdentity(file, config.dossierSigningPassphrase, true)!;
  } catch (error) {
    if (!(error instanceof SigningIdentityError)) throw error;
    throw new ConfigError(config.dossierSigningP12 ? 'DOSSIER_SIGNING_P12' : 'DATA_DIR', `${file}: ${error.message}${config.dossierSigningP12 ? ' (passphrase from DOSSIER_SIGNING_PASSPHRASE)' : ''}`);
  }
}
