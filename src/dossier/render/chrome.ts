import { fill } from './format';
import { left, textWidth, use, type Ctx } from './layout';

/**
 * Running header and "page n / total" footer, drawn on the buffered pages once
 * the total is known. The page margins are lifted meanwhile: text below the
 * bottom margin would otherwise make pdfkit open a new page. Both are
 * pagination artefacts: a screen reader skips them, the structure tree
 * already says where each section starts.
 */
export function drawPageChrome(ctx: Ctx): void {
  const { doc, layout, t, f, model } = ctx;
  const range = doc.bufferedPageRange();
  const total = range.count;
  const header = fill(t.header, { label: model.cover.label, service: model.cover.service, asOf: f.instant(model.cover.asOf.recordedAt) });
  const [, pageHeight] = layout.page.size;
  for (let index = range.start; index < range.start + total; index += 1) {
    doc.switchToPage(index);
    const margins = { ...doc.page.margins };
    doc.page.margins = { top: 0, bottom: 0, left: margins.left, right: margins.right };
    if (index > range.start) {
      const y = layout.page.margins.top - 28;
      doc.markContent('Artifact', { type: 'Pagination', attached: ['Top'] });
      use(ctx, 'regular', layout.sizes.header, layout.colours.muted).text(header, left(ctx), y, {
        width: textWidth(ctx),
        height: layout.sizes.header * 1.3,
        ellipsis: true,
      });
      doc.moveTo(left(ctx), y + 12).lineTo(left(ctx) + textWidth(ctx), y + 12).lineWidth(0.4).strokeColor(layout.colours.rule).stroke();
      doc.endMarkedContent();
    }
    const footerY = pageHeight - layout.page.margins.bottom + 22;
    doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
    use(ctx, 'regular', layout.sizes.header, layout.colours.muted).text(fill(t.footer, { n: index - range.start + 1, total }), left(ctx), footerY, {
      width: textWidth(ctx),
      align: 'right',
      lineBreak: false,
    });
    doc.endMarkedContent();
    doc.page.margins = margins;
  }
}
