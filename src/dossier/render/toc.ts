import { bottom, currentPage, left, newPage, textWidth, top, use, type Ctx } from './layout';
import { artefact, fillReserved, markInto, reserve, tagged, within, type Element } from './tags';

export interface ContentsPage {
  page: number;
  /** Its place in the structure tree: after the cover, before the first section. */
  element: Element;
}

/**
 * The contents page is reserved right after the cover and filled in once the
 * sections are laid out, when their pages are known. Its size cannot depend
 * on the data: every section draws all its headings even when it has nothing
 * to list, so one page always holds them and section pages never shift.
 */
export function reserveContents(ctx: Ctx): ContentsPage {
  newPage(ctx);
  return { page: currentPage(ctx), element: reserve(ctx.tags, 'Sect') };
}

/** The contents as a TOC element: one TOCI per entry, its title and its page number; the leader dots are decoration. */
export function drawContents(ctx: Ctx, contents: ContentsPage): void {
  const { doc } = ctx;
  doc.switchToPage(contents.page);
  doc.x = left(ctx);
  doc.y = top(ctx);
  fillReserved(ctx.tags, contents.element, () => {
    tagged(ctx.tags, 'H1', () => use(ctx, 'bold', ctx.layout.sizes.h1, ctx.layout.colours.accent).text(ctx.t.toc.title, left(ctx), doc.y, { width: textWidth(ctx) }));
    doc.y += 12;
    within(ctx.tags, 'TOC', () => drawEntries(ctx));
  });
}

function drawEntries(ctx: Ctx): void {
  const { doc, layout } = ctx;
  const numberWidth = 36;
  for (const entry of ctx.toc) {
    const size = entry.level === 1 ? layout.sizes.body + 1 : layout.sizes.body;
    const indent = entry.level === 1 ? 0 : 16;
    const y = doc.y + (entry.level === 1 ? 6 : 1);
    if (y + size * 1.4 > bottom(ctx)) throw new Error('The contents no longer fit on one page: shorten the template headings.');
    const x = left(ctx) + indent;
    const titleWidth = textWidth(ctx) - indent - numberWidth;
    within(ctx.tags, 'TOCI', (item) => {
      markInto(ctx.tags, item, () => use(ctx, entry.level === 1 ? 'bold' : 'regular', size).text(entry.title, x, y, { width: titleWidth, lineBreak: false }));
      const end = x + Math.min(doc.widthOfString(entry.title), titleWidth) + 3;
      artefact(ctx.tags, () =>
        doc.moveTo(end, y + size * 0.85).lineTo(left(ctx) + textWidth(ctx) - numberWidth + 2, y + size * 0.85).dash(0.5, { space: 2 }).lineWidth(0.6).strokeColor(layout.colours.rule).stroke().undash(),
      );
      markInto(ctx.tags, item, () => doc.text(String(entry.page + 1), left(ctx) + textWidth(ctx) - numberWidth + 4, y, { width: numberWidth - 4, align: 'right', lineBreak: false }));
    });
    doc.y = y + size * 1.5;
  }
}
