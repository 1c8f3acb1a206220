import { barChart } from '../charts';
import { paragraph, startSection, subheading, toneOf, type Ctx } from '../layout';
import { drawTable } from '../tables';
import { auditName, findingName, personName } from '../references';
import { drawFindingHistory } from './follow-ups';

const SEVERITIES = ['major', 'minor', 'observation'] as const;

/** The audit programme, whether a PASSI audit was held each year, and the findings. */
export function drawAudits(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.audits;
  const { programme, passiByYear, findings } = model.audits;
  startSection(ctx, words.title);

  subheading(ctx, words.programme);
  if (programme.length === 0) paragraph(ctx, words.empty);
  else {
    const c = words.columns;
    drawTable(
      ctx,
      layout.columns.programme,
      [
        { heading: c.audit },
        { heading: c.kind },
        { heading: c.auditor },
        { heading: c.planned },
        { heading: c.started },
        { heading: c.completed },
        { heading: c.verdict },
        { heading: c.findings, align: 'right' },
      ],
      programme.map((a) => ({
        cells: [
          { text: auditName(ctx, a.reference), bold: true },
          f.label('auditKind', a.kind),
          personName(ctx, { subject: a.auditor, erased: a.auditorErased, name: a.auditorName, organisation: a.auditorOrganisation }),
          `${f.date(a.plannedStart)} – ${f.date(a.plannedEnd)}`,
          f.date(a.startedOn),
          f.date(a.completedOn),
          { text: f.label('verdict', a.verdict), tone: toneOf(ctx, 'verdict', a.verdict), bold: a.verdict !== null },
          f.number(a.findings),
        ],
      })),
    );
  }

  subheading(ctx, words.passi);
  if (passiByYear.length === 0) paragraph(ctx, words.passiEmpty);
  else {
    drawTable(
      ctx,
      layout.columns.passi,
      [{ heading: words.passiColumns.year }, { heading: words.passiColumns.held }],
      passiByYear.map((row) => ({
        cells: [String(row.year), { text: f.yesNo(row.held), tone: row.held ? 'good' : 'bad', bold: true }],
        highlight: !row.held,
      })),
    );
  }

  subheading(ctx, words.findings, 90);
  if (findings.length === 0) {
    paragraph(ctx, words.findingsEmpty);
    drawFindingHistory(ctx);
    return;
  }
  paragraph(ctx, words.findingsChart, { font: 'bold', size: layout.sizes.table, gap: 4, tag: 'H3' });
  barChart(
    ctx,
    words.findingsChart,
    SEVERITIES.map((severity) => {
      const count = findings.filter((finding) => finding.severity === severity).length;
      return { label: f.label('findingSeverity', severity), segments: [{ value: count, tone: toneOf(ctx, 'findingSeverity', severity) ?? 'accent' }], note: f.number(count) };
    }),
    false,
  );
  const c = words.findingColumns;
  drawTable(
    ctx,
    layout.columns.findings,
    [
      { heading: c.finding },
      { heading: c.severity },
      { heading: c.requirement },
      { heading: c.title },
      { heading: c.due },
      { heading: c.status },
      { heading: c.resolution },
    ],
    findings.map((finding) => ({
      cells: [
        { text: findingName(ctx, finding.reference), bold: true },
        { text: f.label('findingSeverity', finding.severity), tone: toneOf(ctx, 'findingSeverity', finding.severity) },
        { text: finding.requirement, bold: true },
        finding.title,
        finding.overdue ? { text: f.date(finding.dueOn), tone: 'bad', bold: true, note: words.overdue } : f.date(finding.dueOn),
        f.label('findingStatus', finding.status),
        f.label('resolution', finding.resolution),
      ],
      highlight: finding.overdue,
    })),
  );
  drawFindingHistory(ctx);
}
