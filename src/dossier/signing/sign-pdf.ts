import signpdf, { Signer } from '@signpdf/signpdf';
import { cadesSignature } from './cades';
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
