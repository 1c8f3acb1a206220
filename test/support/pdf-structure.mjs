// Reads a PDF's logical structure with Mozilla's pdf.js, as a browser's
// screen-reader layer does, and prints it as JSON on stdout. pdf.js ships as
// ES modules only, so tests run this script in a child process.
//
//   node test/support/pdf-structure.mjs file.pdf
//
// Output: { marked, pages, untagged }. `marked` is the catalog's MarkInfo;
// `pages[i]` is page i+1's structure tree: one node per structure element
// ({ role, alt?, lang?, text, children }) where `text` is the text of the
// marked content it owns directly on that page. `untagged` lists text drawn
// outside any marked content (neither structure nor artefact), which a
// screen reader could not place.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;

/** The text of each marked content id of a page, and the text drawn outside any marked content. */
async function markedText(page) {
  const content = await page.getTextContent({ includeMarkedContent: true });
  const texts = new Map();
  const untagged = [];
  const open = [];
  for (const item of content.items) {
    if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') open.push(item);
    else if (item.type === 'endMarkedContent') open.pop();
    else if (typeof item.str === 'string') {
      const marking = open.find((m) => m.id) ?? open.find((m) => m.tag === 'Artifact');
      if (!marking) {
        if (item.str.trim() !== '') untagged.push(item.str);
      } else if (marking.id) texts.set(marking.id, (texts.get(marking.id) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
    }
  }
  return { texts, untagged };
}

// pdf.js answers the structure page by page: each page's tree holds the
// elements with content on that page and the path from the root to them, so
// an element whose content runs over two pages appears in both.
const pages = [];
const untagged = [];
for (let n = 1; n <= pdf.numPages; n += 1) {
  const page = await pdf.getPage(n);
  const { texts, untagged: loose } = await markedText(page);
  untagged.push(...loose.map((text) => ({ page: n, text })));
  const tree = await page.getStructTree();
  pages.push(tree ? convert(tree, texts) : null);
}

function convert(node, texts) {
  const out = { role: node.role, text: '', children: [] };
  if (node.alt) out.alt = node.alt;
  if (node.lang) out.lang = node.lang;
  for (const child of node.children ?? []) {
    if (child.type === 'content') out.text += texts.get(child.id) ?? '';
    else if (child.role) out.children.push(convert(child, texts));
  }
  out.text = out.text.replace(/\s+/g, ' ').trim();
  return out;
}

const markInfo = await pdf.getMarkInfo();
process.stdout.write(JSON.stringify({ marked: markInfo?.Marked === true, pages, untagged }));
