import type { Tone } from '../../../templates/template';
import { colourOf, ensureSpace, left, textWidth, use, type Ctx } from './layout';

export interface Segment {
  value: number;
  tone: Tone;
}

export interface Bar {
  label: string;
  segments: readonly Segment[];
  /** Written at the end of the bar: a count or a percentage. */
  note: string;
}

export interface LegendItem {
  label: string;
  tone: Tone;
  mark?: 'square' | 'hollow' | 'filled' | 'dash';
}

/**
 * Horizontal bars drawn as vector paths, so they stay sharp in print and add
 * no image (PDF/A would then need its colour space too). `stacked` bars each
 * fill the full width, split by their segments' shares; otherwise a bar's
 * length is its total against the largest total.
 */
export function barChart(ctx: Ctx, bars: readonly Bar[], stacked: boolean): void {
  const doc = ctx.doc;
  const { barHeight, barGap, labelWidth } = ctx.layout.charts;
  const noteWidth = 46;
  const x0 = left(ctx) + labelWidth + 6;
  const span = textWidth(ctx) - labelWidth - 6 - noteWidth;
  const largest = Math.max(1, ...bars.map((bar) => bar.segments.reduce((sum, s) => sum + s.value, 0)));
  ensureSpace(ctx, Math.min(bars.length, 4) * (barHeight + barGap));
  for (const bar of bars) {
    ensureSpace(ctx, barHeight + barGap);
    const y = doc.y;
    const total = bar.segments.reduce((sum, s) => sum + s.value, 0);
    const scale = stacked ? (total > 0 ? span / total : 0) : span / largest;
    use(ctx, 'regular', ctx.layout.sizes.table).text(bar.label, left(ctx), y + 1.5, { width: labelWidth, height: barHeight, lineBreak: false, ellipsis: true });
    if (stacked) doc.rect(x0, y, span, barHeight).lineWidth(0.4).strokeColor(ctx.layout.colours.rule).stroke();
    let x = x0;
    for (const segment of bar.segments) {
      const width = segment.value * scale;
      if (width > 0) doc.rect(x, y, width, barHeight).fill(colourOf(ctx, segment.tone));
      x += width;
    }
    use(ctx, 'bold', ctx.layout.sizes.table).text(bar.note, x0 + span + 4, y + 1.5, { width: noteWidth - 4, lineBreak: false });
    doc.y = y + barHeight + barGap;
  }
  doc.x = left(ctx);
  doc.y += 4;
}

export function legend(ctx: Ctx, items: readonly LegendItem[]): void {
  const doc = ctx.doc;
  const size = ctx.layout.sizes.small;
  ensureSpace(ctx, size * 2.5);
  const y = doc.y;
  let x = left(ctx);
  for (const item of items) {
    const colour = colourOf(ctx, item.tone);
    const cy = y + size / 2 + 0.5;
    switch (item.mark ?? 'square') {
      case 'square':
        doc.rect(x, y + 0.5, size, size).fill(colour);
        break;
      case 'hollow':
        doc.circle(x + size / 2, cy, size / 2 - 0.5).lineWidth(1).strokeColor(colour).stroke();
        break;
      case 'filled':
        doc.circle(x + size / 2, cy, size / 2 - 0.5).fill(colour);
        break;
      case 'dash':
        doc.moveTo(x, cy).lineTo(x + size * 2, cy).dash(2, { space: 1.5 }).lineWidth(1).strokeColor(colour).stroke().undash();
        x += size;
        break;
    }
    use(ctx, 'regular', size, ctx.layout.colours.muted);
    doc.text(item.label, x + size + 3, y, { lineBreak: false });
    x += size + 3 + doc.widthOfString(item.label) + 12;
  }
  doc.x = left(ctx);
  doc.y = y + size * 2;
}
