import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

/**
 * SHA-256 over what every page draws: the decoded content streams of the
 * page objects, in the order they appear in the file. The manifest carries
 * it, so an offline verifier can tell that the manifest describes these
 * pages. Like read-manifest.ts, this reads the files the renderer writes
 * (one uncompressed object per offset, direct /Length), not any PDF.
 */
export function pagesDigest(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  const hash = createHash('sha256');
  let pages = 0;
  const pageObject = /\/Type \/Page\b(?!s)/g;
  for (let match = pageObject.exec(text); match; match = pageObject.exec(text)) {
    const end = text.indexOf('endobj', match.index);
    const start = text.lastIndexOf(' 0 obj', match.index);
    const contents = /\/Contents (\d+) 0 R/.exec(text.slice(start, end));
    if (!contents) return null;
    const stream = streamOfObject(pdf, text, Number(contents[1]));
    if (!stream) return null;
    hash.update(stream);
    pages += 1;
  }
  return pages === 0 ? null : hash.digest('hex');
}

function streamOfObject(pdf: Buffer, text: string, object: number): Buffer | null {
  const header = new RegExp(`(?:^|[\\r\\n])${object} 0 obj`).exec(text);
  if (!header) return null;
  const offset = header.index;
  const keyword = text.indexOf('stream', offset);
  if (keyword < 0) return null;
  const dictionary = text.slice(offset, keyword);
  const length = /\/Length (\d+)/.exec(dictionary);
  if (!length) return null;
  const start = keyword + 'stream'.length + (text[keyword + 6] === '\r' ? 2 : 1);
  const raw = pdf.subarray(start, start + Number(length[1]));
  try {
    return dictionary.includes('/FlateDecode') ? inflateSync(raw) : raw;
  } catch {
    return null;
  }
}
