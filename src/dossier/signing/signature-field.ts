import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SIG_FLAGS, SUBFILTER_ETSI_CADES_DETACHED, ANNOTATION_FLAGS } from '@signpdf/utils';

/**
 * Room for the CMS signature, in bytes (twice as many hex digits in the
 * file): a signer certificate, its chain of two or three more and an
 * RSA-4096 signature fit with room to spare.
 */
export const SIGNATURE_ROOM = 16384;

/** Annotation flag 8 (ISO 32000-1, table 165): the field cannot be moved or deleted. */
const LOCKED = 1 << 7;

export interface SignatureFieldOptions {
  /** Why the file is signed, in the dossier's language. */
  reason: string;
  /** The claimed signing time (PAdES puts it in /M, not in the CMS): the dossier's recording time. */
  signingTime: Date;
}

/** pdfkit's own objects the field is built from; its published types stop at 0.17. */
interface PdfkitInternals {
  ref(data: Record<string, unknown>): { end(chunk?: string): void };
  initForm(): void;
  _root: { data: { AcroForm: { data: { Fields: unknown[]; DR: unknown } } } };
  _pageBuffer: { dictionary: unknown; annotations: unknown[] }[];
}

/**
 * Adds an invisible signature field on the first page, with a PAdES
 * signature dictionary whose /ByteRange and /Contents are placeholders that
 * `signPdf` fills once the file is complete. Written here rather than with
 * `@signpdf/placeholder-pdfkit`, whose peer range stops at pdfkit 0.11 and
 * whose widget lacks the Print flag PDF/A requires of every annotation.
 */
export function addSignatureField(document: PDFKit.PDFDocument, options: SignatureFieldOptions): void {
  const doc = document as unknown as PdfkitInternals;
  const signature = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: [0, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER],
    Contents: new Uint8Array(SIGNATURE_ROOM),
    Reason: new String(options.reason),
    M: options.signingTime,
    Name: new String('Confiance'),
  });
  signature.end();
  doc.initForm();
  const form = doc._root.data.AcroForm;
  const page = doc._pageBuffer[0];
  // PDF/A wants every widget printable, locked and with an appearance: an empty one, the field being invisible.
  const appearance = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0] });
  appearance.end(' ');
  const widget = doc.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    F: ANNOTATION_FLAGS.PRINT | LOCKED,
    V: signature,
    T: new String('Signature1'),
    P: page.dictionary,
    AP: { N: appearance },
  });
  page.annotations.push(widget);
  widget.end();
  // NeedAppearances and DA, which pdfkit sets for text fields, are forbidden by PDF/A or useless here.
  form.data = { Type: 'AcroForm', SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY, Fields: [widget], DR: form.data.DR } as typeof form.data;
}
