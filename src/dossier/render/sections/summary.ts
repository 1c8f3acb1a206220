import type { Tone } from '../../../../templates/template';
import { barChart, legend } from '../charts';
import { fill } from '../format';
import { colourOf, fieldColumns, fieldList, paragraph, startSection, subheading, toneOf, type Ctx } from '../layout';
import { drawTable } from '../tables';
import { subjectName } from '../references';
import { drawWarningCounts } from './warnings';

const READINESS_TONES: readonly { key: 'passed' | 'stale' | 'partial' | 'failed' | 'notAssessed'; code: string; tone: Tone }[] = [
  { key: 'passed', code: 'passed', tone: 'good' },
  { key: 'stale', code: 'stale', tone: 'accent' },
  { key: 'partial', code: 'partial', tone: 'warning' },
  { key: 'failed', code: 'failed', tone: 'bad' },
  { key: 'notAssessed', code: 'not_assessed', tone: 'neutral' },
];

/** Lifecycle and validity, readiness by chapter, key figures and what is overdue. */
export function drawSummary(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.summary;
  const summary = model.summary;
  startSection(ctx, words.title);

  subheading(ctx, words.lifecycle);
  fieldList(ctx, [
    { label: words.fields.status, value: f.label('certificationStatus', summary.status), colour: colourOf(ctx, toneOf(ctx, 'certificationStatus', summary.status)) },
    { label: words.fields.grantedOn, value: f.date(summary.grantedOn, 'long') },
    { label: words.fields.validUntil, value: f.date(summary.validUntil, 'long') },
    { label: words.fields.valid, value: f.yesNo(summary.valid), colour: colourOf(ctx, summary.valid ? 'good' : 'bad') },
    { label: words.fields.daysToExpiry, value: summary.daysToExpiry === null ? t.none : fill(words.daysLeft, { n: f.number(summary.daysToExpiry) }) },
  ]);
  if (summary.steps.length > 0) {
    drawTable(
      ctx,
      layout.columns.steps,
      [{ heading: words.stepColumns.step }, { heading: words.stepColumns.on }],
      summary.steps.map((step) => ({ cells: [f.label('certificationStep', step.step), f.date(step.on, 'long')] })),
    );
  }

  subheading(ctx, words.readiness, 120);
  barChart(
    ctx,
    words.readiness,
    summary.readiness.map((chapter) => ({
      label: `${chapter.chapter} — ${chapter.title[ctx.language]}`,
      segments: READINESS_TONES.map(({ key, code, tone }) => ({ value: chapter[key], tone, label: f.label('requirementStatus', code) })),
      note: f.percent(chapter.readiness),
    })),
    true,
  );
  legend(
    ctx,
    READINESS_TONES.map(({ code, tone }) => ({ label: f.label('requirementStatus', code), tone })),
  );
  paragraph(ctx, words.readinessLegend, { size: layout.sizes.small, colour: layout.colours.muted });

  subheading(ctx, words.counts);
  const counts = summary.counts as unknown as Record<string, number>;
  fieldColumns(
    ctx,
    Object.entries(words.countLabels).map(([key, label]) => ({ label, value: f.number(counts[key] ?? 0) })),
  );

  drawWarningCounts(ctx);

  subheading(ctx, words.overdue);
  if (summary.overdueObligations.length === 0) paragraph(ctx, words.overdueEmpty);
  else {
    const columns = words.overdueColumns;
    drawTable(
      ctx,
      layout.columns.overdue,
      [{ heading: columns.obligation }, { heading: columns.subject }, { heading: columns.due }, { heading: columns.status }],
      summary.overdueObligations.map((o) => ({
        cells: [f.label('obligation', o.obligation), subjectName(ctx, o.about), f.instant(o.dueAt), { text: f.label('obligationStatus', o.status), tone: toneOf(ctx, 'obligationStatus', o.status), bold: true }],
      })),
    );
  }
}
