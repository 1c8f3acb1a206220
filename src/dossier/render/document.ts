import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import PDFDocument from 'pdfkit';
import type { DossierTemplate } from '../../../templates/template';
import type { DossierManifest, DossierModel } from '../dossier.model';
import type { FontFiles } from './fonts';
import { fill } from './format';

export const MANIFEST_NAME = 'manifest.json';

/** pdfkit 0.20 takes these attachment options; its published types stop at 0.17. */
interface AttachmentOptions {
  name: string;
  type: string;
  description: string;
  relationship: 'Data' | 'Source' | 'Alternative' | 'Supplement' | 'Unspecified';
  creationDate: Date;
  modifiedDate: Date;
}
interface Attaching {
  file(src: Uint8Array, options: AttachmentOptions): unknown;
}

/** pdfkit writes Title, Author, Subject and Keywords into the XMP packet without escaping them. */
const xmpSafe = (text: string) => text.replace(/&/g, '+').replace(/[<>]/g, '');

function instantOf(value: string, what: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`The dossier's ${what} is not an instant: ${value}`);
  return date;
}

/** The manifest as embedded: RFC 8785 canonical JSON, so its bytes do not depend on key order. */
export const manifestBytes = (manifest: DossierManifest): Uint8Array => new TextEncoder().encode(canonicalize(manifest) ?? 'null');

/**
 * The file identifier (trailer /ID) is the first 16 bytes of the manifest's
 * SHA-256: two dossiers share it only when they describe the same position in
 * the same language with the same template. pdfkit would otherwise hash its
 * info dictionary, which ties the ID to its own choice of fields.
 */
export const fileIdOf = (manifest: DossierManifest): Uint8Array =>
  new Uint8Array(createHash('sha256').update(manifestBytes(manifest)).digest().subarray(0, 16));

/**
 * A PDF/A-3a document (tagged, decision 35) whose every date comes from the log. pdfkit reads the
 * clock once, for the info dictionary's CreationDate, and we replace it; the
 * XMP dates, the /ID and the attachment's dates follow from the values set
 * here, and font subset tags are derived from font ids, so the bytes depend on
 * the inputs alone.
 */
export function createDocument(model: DossierModel, manifest: DossierManifest, t: DossierTemplate, fonts: FontFiles): PDFKit.PDFDocument {
  const issued = instantOf(model.cover.asOf.recordedAt, 'as-of instant');
  const { size, margins } = t.layout.page;
  const doc = new PDFDocument({
    size: [size[0], size[1]],
    margins,
    autoFirstPage: false,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-3a',
    // A structure tree and MarkInfo /Marked true: the dossier is a tagged PDF (decision 35).
    tagged: true,
    lang: t.locale,
    displayTitle: true,
    // The default font would be Helvetica, which PDF/A forbids unembedded.
    font: fonts.regular,
    info: {
      Title: xmpSafe(fill(t.document.title, { label: model.cover.label, service: model.cover.service })),
      Author: 'Confiance',
      Subject: xmpSafe(t.document.subject),
      Keywords: xmpSafe(t.document.keywords),
      Creator: 'Confiance',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  (doc as unknown as { _id: Uint8Array })._id = fileIdOf(manifest);
  // PDF/A wants every Info date in the XMP packet too; pdfkit writes CreateDate only.
  const xmpDate = issued.toISOString().replace(/\.\d{3}Z$/, 'Z');
  doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${xmpDate}</xmp:ModifyDate>
            <xmp:MetadataDate>${xmpDate}</xmp:MetadataDate>
        </rdf:Description>
        `);
  const recorded = instantOf(manifest.recordedAt, 'manifest instant');
  (doc as unknown as Attaching).file(manifestBytes(manifest), {
    name: MANIFEST_NAME,
    type: 'application/json',
    description: t.document.attachmentDescription,
    relationship: 'Data',
    creationDate: recorded,
    modifiedDate: recorded,
  });
  return doc;
}

/** Ends the document and answers its bytes. */
export function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
