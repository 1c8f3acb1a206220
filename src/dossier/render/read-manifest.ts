import { inflateSync } from 'node:zlib';
import type { DossierManifest } from '../dossier.model';
import { MANIFEST_NAME } from './document';

/**
 * Reads back the manifest that `renderDossier` embeds. This is not a general
 * PDF parser: it follows the file's own cross-reference table to the embedded
 * file named `manifest.json`, which is how the renderer writes it (a classic
 * xref table, a direct /Length, Flate or no filter). Any other file answers null.
 */
export function readManifest(pdf: Buffer): DossierManifest | null {
  try {
    const text = pdf.toString('latin1');
    const ref = embeddedFileRef(text);
    if (ref === null) return null;
    const offset = objectOffset(text, ref);
    if (offset === null) return null;
    const data = streamOf(pdf, text, offset);
    return data === null ? null : asManifest(JSON.parse(data.toString('utf8')));
  } catch {
    return null;
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The object number of the embedded file whose file specification is named manifest.json. */
function embeddedFileRef(text: string): number | null {
  const named = new RegExp(`/(?:UF|F) \\(${escapeRegExp(MANIFEST_NAME)}\\)`);
  for (let at = text.indexOf('/Type /Filespec'); at >= 0; at = text.indexOf('/Type /Filespec', at + 1)) {
    const end = text.indexOf('endobj', at);
    const spec = text.slice(at, end < 0 ? undefined : end);
    const target = /\/EF\s*<<\s*\/F (\d+) 0 R/.exec(spec);
    if (named.test(spec) && target) return Number(target[1]);
  }
  return null;
}

function objectOffset(text: string, object: number): number | null {
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!start) return null;
  const table = /^xref\s+(\d+) (\d+)\s+/.exec(text.slice(Number(start[1])));
  if (!table) return null;
  const [first, count] = [Number(table[1]), Number(table[2])];
  if (object < first || object >= first + count) return null;
  const entryAt = Number(start[1]) + table[0].length + (object - first) * 20;
  const entry = /^(\d{10}) (\d{5}) n/.exec(text.slice(entryAt, entryAt + 20));
  if (!entry) return null;
  const offset = Number(entry[1]);
  return text.startsWith(`${object} 0 obj`, offset) ? offset : null;
}

function streamOf(pdf: Buffer, text: string, offset: number): Buffer | null {
  const keyword = text.indexOf('stream', offset);
  if (keyword < 0) return null;
  const dictionary = text.slice(offset, keyword);
  const length = /\/Length (\d+)/.exec(dictionary);
  if (!length || !dictionary.includes('/Type /EmbeddedFile')) return null;
  const start = keyword + 'stream'.length + (text[keyword + 6] === '\r' ? 2 : 1);
  const raw = pdf.subarray(start, start + Number(length[1]));
  return dictionary.includes('/FlateDecode') ? inflateSync(raw) : raw;
}

function asManifest(value: unknown): DossierManifest | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  const strings = ['certificationId', 'language', 'position', 'recordedAt', 'templateVersion'].every((key) => typeof m[key] === 'string');
  const heads = typeof m.streamHeads === 'object' && m.streamHeads !== null && !Array.isArray(m.streamHeads);
  const evidence = Array.isArray(m.evidence) && m.evidence.every((hash) => typeof hash === 'string');
  return strings && heads && evidence && (m.language === 'fr' || m.language === 'en') ? (value as DossierManifest) : null;
}
