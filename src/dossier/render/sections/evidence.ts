import { paragraph, startSection, type Ctx } from '../layout';
import { drawTable } from '../tables';

/** Every evidence item with its full SHA-256, so each file can be fetched and checked. */
export function drawEvidence(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.evidence;
  startSection(ctx, words.title);
  if (model.evidence.length === 0) {
    paragraph(ctx, words.empty);
    return;
  }
  const c = words.columns;
  drawTable(
    ctx,
    layout.columns.evidence,
    [
      // A full hash must stay on one line to be copied whole: mono, a touch smaller.
      { heading: c.sha256, font: 'mono', size: layout.sizes.hash },
      { heading: c.name },
      { heading: c.size, align: 'right' },
      { heading: c.effective },
      { heading: c.validUntil },
    ],
    model.evidence.map((item) => ({
      cells: [
        item.sha256,
        { text: item.name, note: [item.description, item.mediaType].filter((part): part is string => !!part).join('\n') },
        f.bytes(item.size),
        f.date(item.effectiveOn),
        f.date(item.validUntil),
      ],
    })),
  );
}
