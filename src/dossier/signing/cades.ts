import * as asn1js from 'asn1js';
import { createHash, webcrypto, type KeyObject } from 'node:crypto';
import { Attribute, Certificate, ContentInfo, CryptoEngine, EncapsulatedContentInfo, IssuerAndSerialNumber, SignedAndUnsignedAttributes, SignedData, SignerInfo } from 'pkijs';
import type { SigningIdentity } from './signing-identity';

/** Node's WebCrypto for pkijs, passed to each call rather than set for the whole process. */
export const NODE_CRYPTO = new CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof CryptoEngine>[0]['crypto'] });

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  /** id-aa-signingCertificateV2, RFC 5035: binds the signature to the signer's certificate. */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

const CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

function webcryptoKey(key: KeyObject): Promise<webcrypto.CryptoKey> {
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  if (key.asymmetricKeyType === 'rsa') return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
  if (key.asymmetricKeyType === 'ec' && curve) return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: curve }, false, ['sign']);
  throw new Error(`dossiers are signed with an RSA or EC (P-256, P-384, P-521) key, not ${key.asymmetricKeyType} ${key.asymmetricKeyDetails?.namedCurve ?? ''}`);
}

const bytes = (buffer: Buffer) => new Uint8Array(buffer).buffer;

/** ESS SigningCertificateV2 with one ESSCertIDv2: the SHA-256 (the default algorithm, so left out) and issuer and serial of the signer. */
function signingCertificateV2(certificate: Certificate, der: Buffer): asn1js.Sequence {
  const issuer = new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] })] });
  const certId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: bytes(createHash('sha256').update(der).digest()) }), new asn1js.Sequence({ value: [issuer, certificate.serialNumber] })],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] });
}

/**
 * A detached CMS SignedData over `content`, as PAdES baseline B-B wants it
 * (ETSI EN 319 142-1): signed attributes contentType, messageDigest and
 * signingCertificateV2, and no signingTime, since the claimed time is the
 * signature dictionary's /M. Without a time in it, an RSA PKCS#1 v1.5
 * signature is the same for the same key and bytes; ECDSA's is not.
 */
export async function cadesSignature(identity: SigningIdentity, content: Buffer): Promise<Buffer> {
  const [signerDer] = identity.chain;
  const signer = Certificate.fromBER(new Uint8Array(signerDer));
  const signedAttrs = new SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: bytes(createHash('sha256').update(content).digest()) })] }),
      new Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(signer, signerDer)] }),
    ],
  });
  const signedData = new SignedData({
    version: 1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [new SignerInfo({ version: 1, sid: new IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }), signedAttrs })],
    certificates: identity.chain.map((c) => Certificate.fromBER(new Uint8Array(c))),
  });
  await signedData.sign(await webcryptoKey(identity.privateKey), 0, 'SHA-256', undefined, NODE_CRYPTO);
  const info = new ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(info.toSchema().toBER(false));
}
