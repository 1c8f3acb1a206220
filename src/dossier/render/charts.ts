import type { Tone } from '../../../templates/template';
import { colourOf, currentPage, ensureSpace, left, textWidth, use, type Ctx } from './layout';
import { artefact, boundingBox, markInto, reserve, tagged, within } from './tags';

export interface Segment {
  value: number;
  tone: Tone;
  /** What the segment counts, for the chart's alternative text. */
  label?: string;
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
 *
 * The chart is one Figure whose alternative text says what it shows, bar by
 * bar, so a screen reader gets the figures the drawing encodes in lengths
 * and colours.
 */
export function barChart(ctx: Ctx, title: string, bars: readonly Bar[], stacked: boolean): void {
  const doc = ctx.doc;
  const { barHeight, barGap, labelWidth } = ctx.layout.charts;
  const noteWidth = 46;
  const x0 = left(ctx) + labelWidth + 6;
  const span = textWidth(ctx) - labelWidth - 6 - noteWidth;
  const largest = Math.max(1, ...bars.map((bar) => bar.segments.reduce((sum, s) => sum + s.value, 0)));
  ensureSpace(ctx, Math.min(bars.length, 4) * (barHeight + barGap));
  const figure = reserve(ctx.tags, 'Figure', { alt: barsText(title, bars) });
  const [firstPage, y0] = [currentPage(ctx), doc.y];
  for (const bar of bars) {
    ensureSpace(ctx, barHeight + barGap);
    const y = doc.y;
    const total = bar.segments.reduce((sum, s) => sum + s.value, 0);
    const scale = stacked ? (total > 0 ? span / total : 0) : span / largest;
    // One marked part of the figure per bar: a bar may start a new page, a marked part may not.
    markInto(ctx.tags, figure, () => {
      use(ctx, 'regular', ctx.layout.sizes.table).text(bar.label, left(ctx), y + 1.5, { width: labelWidth, height: barHeight, lineBreak: false, ellipsis: true });
      if (stacked) doc.rect(x0, y, span, barHeight).lineWidth(0.4).strokeColor(ctx.layout.colours.rule).stroke();
      let x = x0;
      for (const segment of bar.segments) {
        const width = segment.value * scale;
        if (width > 0) doc.rect(x, y, width, barHeight).fill(colourOf(ctx, segment.tone));
        x += width;
      }
      use(ctx, 'bold', ctx.layout.sizes.table).text(bar.note, x0 + span + 4, y + 1.5, { width: noteWidth - 4, lineBreak: false });
    });
    doc.y = y + barHeight + barGap;
  }
  if (currentPage(ctx) === firstPage) boundingBox(ctx.tags, figure, left(ctx), y0, textWidth(ctx), doc.y - y0);
  figure.end();
  doc.x = left(ctx);
  doc.y += 4;
}

/** "Chapter 5 — 60 % (passed 12, failed 1)": a bar in words. */
function barsText(title: string, bars: readonly Bar[]): string {
  const barText = (bar: Bar) => {
    const parts = bar.segments.filter((s) => s.label !== undefined && s.value > 0).map((s) => `${s.label} ${s.value}`);
    return `${bar.label} — ${bar.note}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
  };
  return `${title}: ${bars.map(barText).join('; ')}`;
}

/** A chart's key, printed as a list: each swatch is decoration, its words the item. */
export function legend(ctx: Ctx, items: readonly LegendItem[]): void {
  const doc = ctx.doc;
  const size = ctx.layout.sizes.small;
  ensureSpace(ctx, size * 2.5);
  const y = doc.y;
  let x = left(ctx);
  within(ctx.tags, 'L', () => items.forEach((item) => (x = legendItem(ctx, item, x, y))));
  doc.x = left(ctx);
  doc.y = y + size * 2;
}

function legendItem(ctx: Ctx, item: LegendItem, start: number, y: number): number {
  const doc = ctx.doc;
  const size = ctx.layout.sizes.small;
  let x = start;
  const colour = colourOf(ctx, item.tone);
  const cy = y + size / 2 + 0.5;
  artefact(ctx.tags, () => {
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
  });
  within(ctx.tags, 'LI', () =>
    tagged(ctx.tags, 'LBody', () => {
      use(ctx, 'regular', size, ctx.layout.colours.muted);
      doc.text(item.label, x + size + 3, y, { lineBreak: false });
    }),
  );
  return x + size + 3 + doc.widthOfString(item.label) + 12;
}
