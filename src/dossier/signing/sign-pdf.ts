import signpdf, { Signer } from '@signpdf/signpdf';
import { cadesSignature } from './cades';
import { signatureHole } from './check-signature';
import type { SigningIdentity } from './signing-identity';

/** The CMS signer @signpdf/signpdf calls with the bytes the /ByteRange covers. */
class CadesSigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  override sign(covered: Buffer): Promise<Buffer> {
    return cadesSignature(this.identity, covered);
  }
}

/** Fills the signature field `addSignatureField` left: the /ByteRange, then the CMS signature in /Contents. */
export function signPdf(pdf: Buffer, identity: SigningIdentity): Promise<Buffer> {
  return signpdf.sign(pdf, new CadesSigner(identity));
}

/** Lays out the signature hole as signing does, leaving it empty. */
class EmptySigner extends Signer {
  override sign(): Promise<Buffer> {
    return Promise.resolve(Buffer.alloc(0));
  }
}

/**
 * Whether `issued` is `drawn` signed: laid out with an empty signature, the
 * drawn file equals the issued one with its signature hole emptied. Every
 * byte the signature covers, /ByteRange included, is compared.
 */
export async function sameSignedBytes(issued: Buffer, drawn: Buffer): Promise<boolean> {
  const hole = signatureHole(issued);
  if (!hole) return false;
  const emptied = Buffer.from(issued).fill('0', hole.byteRange[1] + 1, hole.byteRange[2] - 1);
  return emptied.equals(await signpdf.sign(drawn, new EmptySigner()));
}
