/** pdfkit's document is a Readable stream; these are the internals it writes through. */
interface Writing {
  _offset: number;
  _write(data: string | Uint8Array): void;
  push(chunk: Uint8Array | null): boolean;
}

const BATCH = 1 << 16;

/**
 * pdfkit writes every object as three or four small pieces, each converted
 * byte by byte and pushed through the stream on its own. A tagged dossier has
 * an object per table cell, so those pushes add up; here they are gathered
 * into 64 KiB chunks. Offsets are still counted per piece, and the bytes are
 * the same: pdfkit maps each character to its low byte, as `latin1` does.
 */
export function batchWrites(doc: PDFKit.PDFDocument): void {
  const writing = doc as unknown as Writing;
  const push = writing.push.bind(doc);
  let pending: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length === 0) return;
    push(pending.length === 1 ? pending[0] : Buffer.concat(pending, size));
    pending = [];
    size = 0;
  };
  writing._write = (data) => {
    const bytes = data instanceof Uint8Array ? data : Buffer.from(`${data}\n`, 'latin1');
    pending.push(bytes);
    size += bytes.length;
    writing._offset += bytes.length;
    if (size >= BATCH) flush();
  };
  writing.push = (chunk) => {
    // The end of the document: what is gathered goes out first.
    if (chunk === null) flush();
    return push(chunk);
  };
}
