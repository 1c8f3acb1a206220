import PDFParser from 'pdf2json';

/** pdf2json writes a page-break marker line after each page's text. */
const PAGE_BREAK = /^-+Page \(\d+\) Break-+$/m;

/** Collapses the many spaces PDF text comes back with (no-break, narrow no-break, line ends). */
export const normalise = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/**
 * The text of each page, as pdf2json reads it back from the PDF bytes: what a
 * reader can select and copy, not what the renderer meant to write. Runs on one
 * line come back joined, so tests look for substrings.
 */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const parser = new PDFParser(null, true);
  // pdf2json's bundled pdf.js announces on stdout that it runs without a worker thread.
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const raw = await new Promise<string>((resolve, reject) => {
    parser.on('pdfParser_dataError', (error: unknown) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))));
    parser.on('pdfParser_dataReady', () => resolve(parser.getRawTextContent()));
    parser.parseBuffer(pdf, 0);
  }).finally(() => log.mockRestore());
  const pages = raw.split(PAGE_BREAK).map(normalise);
  return pages.slice(0, pages.length - 1);
}

/** The 0-based index of the first page whose text contains `needle`, searching from `from`. */
export const pageWith = (pages: readonly string[], needle: string, from = 0) => pages.findIndex((page, i) => i >= from && page.includes(needle));

/** Without any whitespace: wrapped lines and hyphenation points then compare equal. */
export const compact = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, '');
