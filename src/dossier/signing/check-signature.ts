import * as asn1js from 'asn1js';
import { createHash, X509Certificate } from 'node:crypto';
import { ContentInfo, SignedData, SignedDataVerifyError } from 'pkijs';
import { NODE_CRYPTO, OID } from './cades';

export type SignatureFinding =
  | {
      ok: true;
      /** Subject of the certificate that signed, as X.509 prints it. */
      signer: string;
      certificateSha256: string;
      /** The signed ranges: [0, hole start, hole end, bytes after the hole]. */
      byteRange: [number, number, number, number];
    }
  | { ok: false; problem: string };

/** The signature's place in the file: its /ByteRange and the hex string /Contents it leaves out. */
export function signatureHole(pdf: Buffer): { byteRange: [number, number, number, number]; der: Buffer } | null {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('/ByteRange [0 ');
  const range = at < 0 ? null : /^\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text.slice(at, at + 80));
  if (!range) return null;
  const byteRange = range.slice(1).map(Number) as [number, number, number, number];
  const hex = text.slice(byteRange[1] + 1, byteRange[2] - 1);
  if (text[byteRange[1]] !== '<' || text[byteRange[2] - 1] !== '>' || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  return { byteRange, der: Buffer.from(hex, 'hex') };
}

/** The bytes a signature with this /ByteRange covers: the whole file but the hole. */
export const coveredBytes = (pdf: Buffer, [a, b, c, d]: readonly number[]) => Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);

const fingerprint = (der: ArrayBuffer | Buffer) => createHash('sha256').update(Buffer.from(der as ArrayBuffer)).digest('hex');

/**
 * Checks the file's PAdES signature: one /ByteRange covering every byte but
 * the /Contents hole, a CMS SignedData in the hole whose signature and
 * messageDigest hold over those bytes, made by the certificate it embeds;
 * when `required` names certificates (SHA-256 of their DER), by one of them.
 */
export async function checkPdfSignature(pdf: Buffer, required: readonly string[] = []): Promise<SignatureFinding> {
  if (!pdf.includes('/Type /Sig')) return { ok: false, problem: 'the file carries no signature: it was stripped, or the file was never signed' };
  const hole = signatureHole(pdf);
  if (!hole) return { ok: false, problem: 'the signature dictionary has no filled /ByteRange and /Contents: the signature was stripped, or never made' };
  const { byteRange, der } = hole;
  if (byteRange[0] !== 0 || byteRange[2] + byteRange[3] !== pdf.length || byteRange[2] <= byteRange[1]) {
    return { ok: false, problem: `the signature covers bytes 0-${byteRange[1]} and ${byteRange[2]}-${byteRange[2] + byteRange[3]} of a file of ${pdf.length}: not the whole file (bytes were added or removed after signing)` };
  }
  if (der.every((b) => b === 0)) return { ok: false, problem: 'the signature field is empty: the signature was stripped' };
  let signedData: SignedData;
  try {
    const info = new ContentInfo({ schema: asn1js.fromBER(new Uint8Array(der)).result });
    if (info.contentType !== OID.signedData) throw new Error(`content type ${info.contentType}`);
    signedData = new SignedData({ schema: info.content });
  } catch (error) {
    return { ok: false, problem: `the signature field holds no CMS SignedData (${(error as Error).message})` };
  }
  const data = new Uint8Array(coveredBytes(pdf, byteRange)).buffer;
  try {
    const result = await signedData.verify({ signer: 0, data, extendedMode: true }, NODE_CRYPTO);
    if (!result.signatureVerified || !result.signerCertificate) return { ok: false, problem: 'the CMS signature does not verify over the signed bytes: the file was altered after signing' };
    const certificate = new X509Certificate(Buffer.from(result.signerCertificate.toSchema().toBER(false)));
    const certificateSha256 = fingerprint(certificate.raw);
    if (required.length > 0 && !required.includes(certificateSha256)) {
      return { ok: false, problem: `signed by another key: certificate "${certificate.subject.replace(/\n/g, ', ')}" (SHA-256 ${certificateSha256}), not ${required.join(' or ')}` };
    }
    return { ok: true, signer: certificate.subject.replace(/\n/g, ', '), certificateSha256, byteRange };
  } catch (error) {
    if (error instanceof SignedDataVerifyError && error.code === 3) return { ok: false, problem: 'the CMS signature embeds no certificate of its signer' };
    return { ok: false, problem: `the CMS signature does not verify over the signed bytes (${(error as Error).message}): the file was altered after signing` };
  }
}

/**
 * A dossier's signature: valid over the whole file, made by the certificate
 * its manifest names (`named`) and, when the verifier requires some, by one
 * of `required`. A file re-signed with another key fails here even when its
 * new signature is valid.
 */
export async function checkDossierSignature(pdf: Buffer, named: string | undefined, required: readonly string[]): Promise<SignatureFinding> {
  const finding = await checkPdfSignature(pdf, required);
  if (!finding.ok || named === undefined || finding.certificateSha256 === named) return finding;
  return {
    ok: false,
    problem: `signed by another key: certificate "${finding.signer}" (SHA-256 ${finding.certificateSha256}), while the manifest names the certificate ${named}: the file was re-signed`,
  };
}

/** SHA-256 of a certificate given as PEM or DER, as `--signer-cert` takes it. */
export function certificateFileSha256(file: Buffer): string {
  return fingerprint(new X509Certificate(file).raw);
}
