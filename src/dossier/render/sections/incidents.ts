import type { DossierObligation } from '../../dossier.model';
import { barChart } from '../charts';
import { paragraph, startSection, subheading, toneOf, type Ctx } from '../layout';
import { drawTable, type Row } from '../tables';
import { subjectName } from '../references';
import { drawIncidentFollowUp } from './follow-ups';

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** The incident register, then every notification deadline and whether it was met. */
export function drawIncidents(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.incidents;
  const incidents = model.incidents;
  startSection(ctx, words.title);

  subheading(ctx, words.register, 90);
  if (incidents.length === 0) paragraph(ctx, words.empty);
  else {
    paragraph(ctx, words.chart, { font: 'bold', size: layout.sizes.table, gap: 4, tag: 'H3' });
    barChart(
      ctx,
      words.chart,
      SEVERITIES.map((severity) => {
        const count = incidents.filter((incident) => incident.severity === severity).length;
        return { label: f.label('incidentSeverity', severity), segments: [{ value: count, tone: toneOf(ctx, 'incidentSeverity', severity) ?? 'accent' }], note: f.number(count) };
      }),
      false,
    );
    const c = words.columns;
    drawTable(
      ctx,
      layout.columns.incidents,
      [
        { heading: c.incident },
        { heading: c.severity },
        { heading: c.detected },
        { heading: c.personalData },
        { heading: c.significant },
        { heading: c.status },
        { heading: c.contained },
        { heading: c.resolved },
      ],
      incidents.map((incident) => ({
        cells: [
          { text: incident.title, bold: true },
          { text: f.label('incidentSeverity', incident.severity), tone: toneOf(ctx, 'incidentSeverity', incident.severity), bold: true },
          f.instant(incident.detectedAt),
          f.yesNo(incident.personalData),
          f.yesNo(incident.significant),
          f.label('incidentStatus', incident.status),
          f.instant(incident.containedAt),
          f.instant(incident.resolvedAt),
        ],
      })),
    );
  }

  subheading(ctx, words.deadlines);
  const rows: Row[] = incidents.flatMap((incident): Row[] =>
    incident.deadlines.length === 0 ? [] : [{ group: subjectName(ctx, { kind: 'incident', title: incident.title, detectedAt: incident.detectedAt }) }, ...deadlineRows(ctx, incident.deadlines)],
  );
  if (rows.length === 0) paragraph(ctx, words.deadlinesEmpty);
  else {
    const c = words.deadlineColumns;
    drawTable(ctx, layout.columns.deadlines, [{ heading: c.obligation }, { heading: c.due }, { heading: c.met }, { heading: c.status }], rows);
  }
  drawIncidentFollowUp(ctx);
}

function deadlineRows(ctx: Ctx, deadlines: readonly DossierObligation[]): Row[] {
  const f = ctx.f;
  return deadlines.map((deadline) => ({
      cells: [
        f.label('obligation', deadline.obligation),
        f.instant(deadline.dueAt),
        f.instant(deadline.metAt),
        { text: f.label('obligationStatus', deadline.status), tone: toneOf(ctx, 'obligationStatus', deadline.status), bold: true },
      ],
      highlight: deadline.status === 'missed' || deadline.status === 'overdue',
  }));
}
