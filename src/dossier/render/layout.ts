import type { DossierTemplate, Layout, Tone } from '../../../templates/template';
import type { DossierModel, Language } from '../dossier.model';
import type { FontFiles } from './fonts';
import type { Formatter } from './format';
import { artefact, tagged, within, type Structure } from './tags';

export type FontRole = keyof FontFiles;

export interface TocEntry {
  level: 1 | 2;
  title: string;
  /** Index of the page in the buffered document, 0 for the cover. */
  page: number;
}

/** Everything a section renderer needs: the document, the wording, the page geometry. */
export interface Ctx {
  doc: PDFKit.PDFDocument;
  model: DossierModel;
  language: Language;
  t: DossierTemplate;
  layout: Layout;
  f: Formatter;
  fonts: FontFiles;
  toc: TocEntry[];
  /** The structure tree being built, in reading order. */
  tags: Structure;
}

export const left = (ctx: Ctx) => ctx.layout.page.margins.left;
export const textWidth = (ctx: Ctx) => ctx.layout.page.size[0] - ctx.layout.page.margins.left - ctx.layout.page.margins.right;
export const top = (ctx: Ctx) => ctx.layout.page.margins.top;
export const bottom = (ctx: Ctx) => ctx.layout.page.size[1] - ctx.layout.page.margins.bottom;
export const currentPage = (ctx: Ctx) => {
  const range = ctx.doc.bufferedPageRange();
  return range.start + range.count - 1;
};

export function colourOf(ctx: Ctx, tone: Tone | undefined): string {
  if (!tone) return ctx.layout.colours.text;
  return tone === 'accent' ? ctx.layout.colours.accent : ctx.layout.colours[tone];
}

/** The tone the layout gives to a code of a family, if any. */
export const toneOf = (ctx: Ctx, family: string, code: string | null | undefined): Tone | undefined =>
  code ? ctx.layout.tones[family]?.[code] : undefined;

export function use(ctx: Ctx, font: FontRole, size: number, colour = ctx.layout.colours.text): PDFKit.PDFDocument {
  return ctx.doc.font(ctx.fonts[font]).fontSize(size).fillColor(colour);
}

interface PdfkitInternals {
  page?: { content?: { buffer?: Uint8Array[] } };
  _fontFamilies?: Record<string, { layoutCache?: Record<string, unknown> }>;
}

/**
 * pdfkit holds on to two things for the whole document, which on a dossier
 * of hundreds of pages makes garbage collection grow faster than the
 * document: a buffered page's content as one small array per drawing
 * operator, and every word ever measured in each font's layout cache. Once a
 * page is done we join its arrays into one (pdfkit joins them anyway before
 * compressing, so the bytes are the same) and start the word caches afresh,
 * so they hold one page's words: measuring a cell and drawing it still hit.
 */
function releaseFinishedPage(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as PdfkitInternals;
  const content = internals.page?.content;
  const chunks = content?.buffer;
  if (content && chunks && chunks.length > 1) {
    const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    chunks.reduce((offset, chunk) => (joined.set(chunk, offset), offset + chunk.length), 0);
    content.buffer = [joined];
  }
  for (const font of Object.values(internals._fontFamilies ?? {})) {
    if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
  }
}

export function newPage(ctx: Ctx): void {
  const { size, margins } = ctx.layout.page;
  releaseFinishedPage(ctx.doc);
  ctx.doc.addPage({ size: [size[0], size[1]], margins });
  ctx.doc.x = left(ctx);
  ctx.doc.y = top(ctx);
}

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(ctx: Ctx, height: number): boolean {
  if (ctx.doc.y + height <= bottom(ctx)) return false;
  newPage(ctx);
  return true;
}

/** A top-level section always opens a page, and is listed in the contents and the outline. */
export function startSection(ctx: Ctx, title: string): void {
  newPage(ctx);
  ctx.toc.push({ level: 1, title, page: currentPage(ctx) });
  ctx.doc.outline.addItem(title);
  tagged(ctx.tags, 'H1', () => use(ctx, 'bold', ctx.layout.sizes.h1, ctx.layout.colours.accent).text(title, left(ctx), ctx.doc.y, { width: textWidth(ctx) }));
  const y = ctx.doc.y + 3;
  artefact(ctx.tags, () => ctx.doc.moveTo(left(ctx), y).lineTo(left(ctx) + textWidth(ctx), y).lineWidth(1).strokeColor(ctx.layout.colours.accent).stroke());
  ctx.doc.y = y + 10;
}

/** A sub-heading is kept with at least `keepWith` points of what follows it. */
export function subheading(ctx: Ctx, title: string, keepWith = 60): void {
  const size = ctx.layout.sizes.h2;
  ensureSpace(ctx, size * 2 + keepWith);
  ctx.doc.y += ctx.doc.y > top(ctx) + 1 ? 6 : 0;
  ctx.toc.push({ level: 2, title, page: currentPage(ctx) });
  tagged(ctx.tags, 'H2', () => use(ctx, 'bold', size, ctx.layout.colours.accent).text(title, left(ctx), ctx.doc.y, { width: textWidth(ctx) }));
  ctx.doc.y += 4;
}

/**
 * A paragraph that may run over pages: pdfkit breaks it (and carries its
 * marked content over), the page chrome is drawn afterwards. A chart's title
 * is a third-level heading.
 */
export function paragraph(ctx: Ctx, text: string, options: { font?: FontRole; size?: number; colour?: string; gap?: number; tag?: 'P' | 'H3' } = {}): void {
  use(ctx, options.font ?? 'regular', options.size ?? ctx.layout.sizes.body, options.colour);
  const height = ctx.doc.heightOfString(text, { width: textWidth(ctx) });
  ensureSpace(ctx, Math.min(height, bottom(ctx) - top(ctx)));
  tagged(ctx.tags, options.tag ?? 'P', () => ctx.doc.text(text, left(ctx), ctx.doc.y, { width: textWidth(ctx) }));
  ctx.doc.y += options.gap ?? 6;
}

/** One label and value of a printed list: the label is the item's Lbl, the value its LBody. */
function listItem(ctx: Ctx, drawLabel: () => void, drawValue: () => void): void {
  within(ctx.tags, 'LI', () => {
    tagged(ctx.tags, 'Lbl', drawLabel);
    tagged(ctx.tags, 'LBody', drawValue);
  });
}

/** Label and value pairs on two columns, the value in bold: a list. */
export function fieldList(ctx: Ctx, pairs: readonly { label: string; value: string; colour?: string }[], labelShare = 0.38): void {
  const size = ctx.layout.sizes.body;
  const labelWidth = textWidth(ctx) * labelShare;
  const valueWidth = textWidth(ctx) - labelWidth - 8;
  within(ctx.tags, 'L', () => {
    for (const pair of pairs) {
      use(ctx, 'bold', size);
      const height = Math.max(ctx.doc.heightOfString(pair.value, { width: valueWidth }), size * 1.2) + 3;
      ensureSpace(ctx, height);
      const y = ctx.doc.y;
      listItem(
        ctx,
        () => use(ctx, 'regular', size, ctx.layout.colours.muted).text(pair.label, left(ctx), y, { width: labelWidth }),
        () => use(ctx, 'bold', size, pair.colour).text(pair.value, left(ctx) + labelWidth + 8, y, { width: valueWidth }),
      );
      ctx.doc.y = y + height;
    }
  });
  ctx.doc.y += 4;
}

/** Short label and value pairs side by side in two columns, filled down then across. */
export function fieldColumns(ctx: Ctx, pairs: readonly { label: string; value: string }[]): void {
  const size = ctx.layout.sizes.body;
  const gap = 18;
  const columnWidth = (textWidth(ctx) - gap) / 2;
  const valueWidth = 56;
  const perColumn = Math.ceil(pairs.length / 2);
  const lineHeight = size * 1.55;
  ensureSpace(ctx, perColumn * lineHeight);
  const y0 = ctx.doc.y;
  within(ctx.tags, 'L', () => {
    pairs.forEach((pair, i) => {
      const x = left(ctx) + (i < perColumn ? 0 : columnWidth + gap);
      const y = y0 + (i % perColumn) * lineHeight;
      listItem(
        ctx,
        () => use(ctx, 'regular', size, ctx.layout.colours.muted).text(pair.label, x, y, { width: columnWidth - valueWidth, height: lineHeight, ellipsis: true }),
        () => use(ctx, 'bold', size).text(pair.value, x + columnWidth - valueWidth, y, { width: valueWidth, align: 'right', lineBreak: false }),
      );
      artefact(ctx.tags, () => ctx.doc.moveTo(x, y + lineHeight - 2).lineTo(x + columnWidth, y + lineHeight - 2).lineWidth(0.3).strokeColor(ctx.layout.colours.rule).stroke());
    });
  });
  ctx.doc.x = left(ctx);
  ctx.doc.y = y0 + perColumn * lineHeight + 6;
}
