import type { DossierFile, DossierModel } from '../../dossier.model';
import { fill } from '../format';
import { paragraph, subheading, type Ctx } from '../layout';
import { findingName, reviewerName } from '../references';
import { drawTable, type Row } from '../tables';

/** "name · SHA-256 0123456789ab, expired on 1 Dec 2025": what an evaluator looks for in the evidence store. */
export function fileText(ctx: Ctx, file: DossierFile): string {
  const words = ctx.t.sections.applicability;
  const named = fill(words.file, { name: file.name ?? words.unknownFile, sha: file.sha256.slice(0, 12) });
  return file.expired ? named + fill(words.expired, { date: ctx.f.date(file.validUntil) }) : named;
}

/** Each finding's remediations, with their evidence, then its closure and the justification. */
export function drawFindingHistory(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.audits;
  subheading(ctx, words.history);
  const rows: Row[] = model.audits.findings.flatMap((finding): Row[] => {
    const steps: Row[] = [
      { cells: [f.date(finding.raisedOn), words.raised, `${finding.requirement} — ${f.label('findingSeverity', finding.severity)}`] },
      ...finding.remediations.map((r): Row => ({ cells: [f.date(r.on), words.remediation, [r.action, ...r.evidence.map((file) => fileText(ctx, file))].join('\n')] })),
      ...(finding.closedOn === null
        ? []
        : [{ cells: [f.date(finding.closedOn), { text: fill(words.closed, { resolution: f.label('resolution', finding.resolution) }), bold: true }, f.text(finding.justification)] } as Row]),
    ];
    return [{ group: `${findingName(ctx, finding.reference)} — ${finding.title}` }, ...steps];
  });
  if (rows.length === 0) {
    paragraph(ctx, words.historyEmpty);
    return;
  }
  const c = words.historyColumns;
  drawTable(ctx, layout.columns.findingHistory, [{ heading: c.date }, { heading: c.step }, { heading: c.detail }], rows);
}

function incidentFollowUp(ctx: Ctx, incident: DossierModel['incidents'][number]): Row[] {
  const { t, f } = ctx;
  const words = t.sections.incidents;
  return [
    ...incident.notifications.map((n): Row => ({
      cells: [
        fill(words.notification, { recipient: n.recipient, kind: f.label('notificationKind', n.kind) }),
        f.instant(n.sentAt),
        n.reference === null ? words.noReference : { text: fill(words.reference, { reference: n.reference }), bold: true },
      ],
    })),
    ...incident.waivers.map((w): Row => ({
      cells: [fill(words.waiver, { obligation: f.label('obligation', w.obligation) }), t.none, fill(words.legalBasis, { reason: w.reason, basis: w.legalBasis })],
    })),
    ...incident.postmortem.map((file): Row => ({ cells: [words.postmortem, t.none, fileText(ctx, file)] })),
    ...(incident.summary === null ? [] : [{ cells: [words.summary, f.instant(incident.resolvedAt), incident.summary] } as Row]),
  ];
}

/** Per incident: what was sent and under which reference, what was not owed and why, the post-mortem. */
export function drawIncidentFollowUp(ctx: Ctx): void {
  const { t, model, layout } = ctx;
  const words = t.sections.incidents;
  subheading(ctx, words.followUp);
  const rows: Row[] = model.incidents.flatMap((incident) => {
    const lines = incidentFollowUp(ctx, incident);
    return lines.length === 0 ? [] : [{ group: incident.title }, ...lines];
  });
  if (rows.length === 0) {
    paragraph(ctx, words.followUpEmpty);
    return;
  }
  const c = words.followUpColumns;
  drawTable(ctx, layout.columns.followUp, [{ heading: c.what }, { heading: c.date }, { heading: c.detail }], rows);
}

/** The reviewer's notes on each upstream release, with the decision and risk they justify. */
export function drawChangeNotes(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.changes;
  subheading(ctx, words.notes);
  const noted = model.changes.filter((change) => change.notes !== null);
  if (noted.length === 0) {
    paragraph(ctx, words.notesEmpty);
    return;
  }
  const c = words.notesColumns;
  drawTable(
    ctx,
    layout.columns.changeNotes,
    [{ heading: c.release }, { heading: c.review }, { heading: c.notes }],
    noted.map((change) => ({
      cells: [
        { text: change.release, bold: true, note: change.description },
        { text: f.label('decision', change.decision), note: [f.label('risk', change.risk), f.instant(change.reviewedAt), reviewerName(ctx, change.reviewer)].filter(Boolean).join(' · ') },
        change.notes ?? t.none,
      ],
    })),
  );
}
