import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { sha256, toHex } from './bytes';

/** What the verifier needs from the file: its attachments by name, and a digest of what its pages draw. */
export interface DossierParts {
  attachments: Map<string, Uint8Array>;
  /** SHA-256 over the decoded content streams of the pages, in page order; null when a page has none. */
  pagesSha256: string | null;
}

/** Parsed with pdf-lib, so any well-formed PDF is read, whatever wrote it. */
export async function readDossierParts(bytes: Uint8Array): Promise<DossierParts> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const lookup = (object: PDFObject | undefined) => (object instanceof PDFRef ? pdf.context.lookup(object) : object);
  const decoded = (object: PDFObject | undefined) => {
    const stream = lookup(object);
    return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : null;
  };

  const attachments = new Map<string, Uint8Array>();
  const visit = (node: PDFObject | undefined, depth: number) => {
    const tree = lookup(node);
    if (!(tree instanceof PDFDict) || depth > 32) return;
    const names = lookup(tree.get(PDFName.of('Names')));
    if (names instanceof PDFArray) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const name = names.get(i);
        const spec = lookup(names.get(i + 1));
        if (!(spec instanceof PDFDict) || !(name instanceof PDFString || name instanceof PDFHexString)) continue;
        const files = lookup(spec.get(PDFName.of('EF')));
        const data = files instanceof PDFDict ? decoded(files.get(PDFName.of('F'))) : null;
        if (data) attachments.set(name.decodeText(), data);
      }
    }
    const kids = lookup(tree.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) visit(kids.get(i), depth + 1);
  };
  const catalogNames = lookup(pdf.catalog.get(PDFName.of('Names')));
  if (catalogNames instanceof PDFDict) visit(catalogNames.get(PDFName.of('EmbeddedFiles')), 0);

  const drawn: Uint8Array[] = [];
  for (const page of pdf.getPages()) {
    const contents = lookup(page.node.get(PDFName.of('Contents')));
    const refs = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))];
    for (const ref of refs) {
      const data = decoded(ref);
      if (!data) return { attachments, pagesSha256: null };
      drawn.push(data);
    }
  }
  return { attachments, pagesSha256: drawn.length === 0 ? null : toHex(await sha256(...drawn)) };
}
