import type { DossierModel } from '../../dossier.model';
import { fill } from '../format';
import { paragraph, startSection, subheading, type Ctx } from '../layout';
import { drawTable } from '../tables';
import { timelineChart } from '../timeline-chart';

type Entry = DossierModel['timeline'][number];

/**
 * Certification steps and audits carry codes, not words, in the timeline:
 * their titles are written from the template so they read in the dossier's
 * language. Milestones keep the title they were recorded with.
 */
function titleOf(ctx: Ctx, entry: Entry): string {
  if (entry.source === 'audit') return fill(ctx.t.sections.timeline.auditTitle, { kind: ctx.f.label('auditKind', entry.kind) });
  if (entry.source === 'certification') return ctx.f.label('certificationStep', entry.kind);
  return entry.title;
}

function kindOf(ctx: Ctx, entry: Entry): string {
  if (entry.source === 'milestone') return ctx.f.label('milestoneKind', entry.kind);
  return ctx.f.label('timelineSource', entry.source);
}

/** "3. Audit — PASSI: planned 1 Mar 2024, achieved 4 Mar 2024": the chart's entries in words. */
function chartText(ctx: Ctx, entries: readonly Entry[]): string {
  const words = ctx.t.sections.timeline;
  const entryText = (entry: Entry, i: number) => {
    const dates = [entry.plannedFor && `${words.legend.planned} ${ctx.f.date(entry.plannedFor)}`, entry.occurredOn && `${words.legend.achieved} ${ctx.f.date(entry.occurredOn)}`];
    const known = dates.filter((part): part is string => !!part);
    return `${i + 1}. ${titleOf(ctx, entry)}: ${known.length > 0 ? known.join(', ') : ctx.f.date(entry.date)}`;
  };
  return `${words.chart}: ${entries.map(entryText).join('; ')}`;
}

/** The partnership's dated line, then the same entries as a table with their slips. */
export function drawTimeline(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.timeline;
  startSection(ctx, words.title);

  subheading(ctx, words.chart, layout.charts.timelineHeight + 30);
  if (model.timeline.length === 0) paragraph(ctx, words.empty);
  else timelineChart(ctx, model.timeline, chartText(ctx, model.timeline));

  subheading(ctx, words.table);
  if (model.timeline.length === 0) {
    paragraph(ctx, words.empty);
    return;
  }
  const c = words.columns;
  drawTable(
    ctx,
    layout.columns.timeline,
    [
      { heading: c.index, align: 'right' },
      { heading: c.date },
      { heading: c.title },
      { heading: c.kind },
      { heading: c.planned },
      { heading: c.achieved },
      { heading: c.slip, align: 'right' },
    ],
    model.timeline.map((entry, i) => {
      const slipped = entry.slipDays !== null && entry.slipDays !== 0;
      const planned = entry.originallyPlannedFor && entry.originallyPlannedFor !== entry.plannedFor
        ? `${f.date(entry.plannedFor)}\n(${f.date(entry.originallyPlannedFor)})`
        : f.date(entry.plannedFor);
      return {
        cells: [
          { text: String(i + 1), bold: true },
          f.date(entry.date),
          // Milestones say whether they concern the whole provider or this qualification alone.
          { text: titleOf(ctx, entry), bold: entry.occurredOn !== null, note: entry.source !== 'milestone' ? null : entry.providerWide ? t.references.providerWide : t.references.ownScope },
          kindOf(ctx, entry),
          planned,
          f.date(entry.occurredOn),
          slipped ? { text: fill(words.slip, { n: f.number(entry.slipDays ?? 0) }), tone: (entry.slipDays ?? 0) > 0 ? 'warning' : 'good', bold: true } : t.none,
        ],
      };
    }),
  );
}
