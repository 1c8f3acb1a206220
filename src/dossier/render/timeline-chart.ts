import type { DossierModel } from '../dossier.model';
import { legend } from './charts';
import { colourOf, ensureSpace, left, textWidth, use, type Ctx } from './layout';
import { boundingBox, markInto, reserve } from './tags';

type Entry = DossierModel['timeline'][number];

const DAY = 86_400_000;
const LANES = 5;
const dayOf = (iso: string | null): number | null => {
  if (!iso) return null;
  const ms = Date.parse(iso.slice(0, 10));
  return Number.isNaN(ms) ? null : Math.floor(ms / DAY);
};

/** The day an entry stands at: achieved if it was, planned otherwise. */
export const currentDay = (entry: Entry): number | null => dayOf(entry.occurredOn) ?? dayOf(entry.plannedFor) ?? dayOf(entry.date);

/**
 * The partnership on one dated line: a hollow mark where a milestone is
 * planned, a filled one where it was achieved, and a dashed stretch from the
 * first planned date to the current one when it slipped. Entries are spread
 * over a few lanes above the axis and numbered as in the table that follows,
 * so labels never need to fit between close dates. The drawing is a Figure
 * whose alternative text, `alt`, lists the entries with their dates.
 */
export function timelineChart(ctx: Ctx, entries: readonly Entry[], alt: string): void {
  const doc = ctx.doc;
  const days = entries.flatMap((e) => [dayOf(e.originallyPlannedFor), dayOf(e.plannedFor), dayOf(e.occurredOn), dayOf(e.date)]).filter((d): d is number => d !== null);
  if (days.length === 0) return;
  let first = Math.min(...days);
  let last = Math.max(...days);
  if (last - first < 60) [first, last] = [first - 30, last + 30];
  const margin = (last - first) * 0.04;
  first -= margin;
  last += margin;
  const height = ctx.layout.charts.timelineHeight;
  ensureSpace(ctx, height + 30);
  const x0 = left(ctx);
  const width = textWidth(ctx);
  const xOf = (day: number) => x0 + ((day - first) / (last - first)) * width;
  const y0 = doc.y;
  const axisY = y0 + height - 18;
  const laneY = (lane: number) => axisY - 16 - lane * ((height - 34) / LANES);
  const { colours, sizes } = ctx.layout;
  const figure = reserve(ctx.tags, 'Figure', { alt });
  markInto(ctx.tags, figure, () => drawLine());
  boundingBox(ctx.tags, figure, x0, y0, width, height);
  figure.end();
  doc.x = x0;
  doc.y = y0 + height + 4;
  const words = ctx.t.sections.timeline.legend;
  legend(ctx, [
    { label: words.planned, tone: 'accent', mark: 'hollow' },
    { label: words.achieved, tone: 'accent', mark: 'filled' },
    { label: words.slip, tone: 'warning', mark: 'dash' },
  ]);

  function drawLine(): void {
    doc.moveTo(x0, axisY).lineTo(x0 + width, axisY).lineWidth(1).strokeColor(colours.text).stroke();
    for (let year = new Date(first * DAY).getUTCFullYear(); year <= new Date(last * DAY).getUTCFullYear() + 1; year += 1) {
      for (let month = 0; month < 12; month += 3) {
        const day = Date.UTC(year, month, 1) / DAY;
        if (day < first || day > last) continue;
        const x = xOf(day);
        doc.moveTo(x, axisY).lineTo(x, axisY + (month === 0 ? 5 : 2.5)).lineWidth(0.6).strokeColor(colours.text).stroke();
        if (month === 0) use(ctx, 'regular', sizes.small, colours.muted).text(String(year), x - 15, axisY + 6, { width: 30, align: 'center', lineBreak: false });
      }
    }

    const accent = colourOf(ctx, 'accent');
    const slipColour = colourOf(ctx, 'warning');
    entries.forEach((entry, i) => {
      const now = currentDay(entry);
      if (now === null) return;
      const y = laneY(i % LANES);
      doc.moveTo(xOf(now), axisY).lineTo(xOf(now), y).lineWidth(0.3).strokeColor(colours.rule).stroke();
      const original = dayOf(entry.originallyPlannedFor);
      if (original !== null && original !== now) {
        doc.moveTo(xOf(original), y).lineTo(xOf(now), y).dash(2, { space: 1.5 }).lineWidth(1).strokeColor(slipColour).stroke().undash();
        doc.circle(xOf(original), y, 1.6).fill(slipColour);
      }
      const planned = dayOf(entry.plannedFor);
      const achieved = dayOf(entry.occurredOn);
      if (planned !== null && planned !== achieved) doc.circle(xOf(planned), y, 3).lineWidth(1).fillColor(colours.paper).strokeColor(accent).fillAndStroke();
      if (achieved !== null) doc.circle(xOf(achieved), y, 3).fill(accent);
      const labelLeft = xOf(now) + 4 + 16 > x0 + width;
      use(ctx, 'bold', sizes.small, colours.text).text(String(i + 1), labelLeft ? xOf(now) - 20 : xOf(now) + 4, y - sizes.small - 1, {
        width: 16,
        align: labelLeft ? 'right' : 'left',
        lineBreak: false,
      });
    });
  }
}
