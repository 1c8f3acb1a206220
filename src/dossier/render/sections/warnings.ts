import type { DossierWarning } from '../../dossier.model';
import { fill } from '../format';
import { paragraph, startSection, subheading, type Ctx } from '../layout';
import { findingName } from '../references';
import { drawTable } from '../tables';

/** Beyond this many requirement references, a warning says how many more there are. */
const LISTED = 15;

function list(ctx: Ctx, refs: readonly string[]): string {
  if (refs.length <= LISTED) return refs.join(', ');
  return fill(ctx.t.sections.warnings.more, { list: refs.slice(0, LISTED).join(', '), n: ctx.f.number(refs.length - LISTED) });
}

/** The detail of one warning, in the dossier's language. */
function detailOf(ctx: Ctx, w: DossierWarning): string {
  const { f, t } = ctx;
  const words = t.sections.warnings;
  const pattern = words.details[w.kind];
  switch (w.kind) {
    case 'granted_while_weak':
      return fill(pattern, { step: f.label('certificationStep', w.step), on: f.date(w.on), finding: findingName(ctx, w.finding), title: w.title, overdue: w.overdue ? words.overdue : '' });
    case 'granted_unassessed':
      return fill(pattern, { step: f.label('certificationStep', w.step), on: f.date(w.on), count: f.number(w.count), applicable: f.number(w.applicable) });
    case 'open_major_finding':
      return fill(pattern, { finding: findingName(ctx, w.finding), title: w.title, requirement: w.requirement, overdue: w.overdue ? words.overdue : '' });
    case 'requirements_not_assessed':
      return fill(pattern, { count: f.number(w.count), applicable: f.number(w.applicable), refs: list(ctx, w.refs) });
    case 'requirements_not_current':
      return fill(pattern, { count: f.number(w.count), refs: list(ctx, w.refs) });
    case 'expired_evidence':
      return fill(pattern, { name: w.name, sha: w.sha256.slice(0, 12), refs: list(ctx, w.refs) });
    case 'late_notification':
      return fill(pattern, { obligation: f.label('obligation', w.obligation), incident: w.incident, sent: w.metAt ? fill(words.sentLate, { date: f.instant(w.metAt) }) : words.notSent });
    case 'passi_year_missing':
      return fill(pattern, { year: String(w.year) });
    case 'sovereignty_breached':
      return fill(pattern, { requirement: t.sections.sovereignty.requirements[w.requirement] ?? w.requirement });
    default: {
      const unknown: never = w;
      return unknown;
    }
  }
}

/** "Points de vigilance": what weakens the file, before any detail; says so when nothing does. */
export function drawWarnings(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.warnings;
  startSection(ctx, words.title);
  if (model.warnings.length === 0) {
    paragraph(ctx, words.empty);
    return;
  }
  paragraph(ctx, words.intro);
  drawTable(
    ctx,
    layout.columns.warnings,
    [{ heading: words.columns.point }, { heading: words.columns.detail }, { heading: words.columns.date }],
    model.warnings.map((w) => ({
      cells: [{ text: words.kinds[w.kind] ?? w.kind, tone: 'bad', bold: true }, detailOf(ctx, w), w.on === null ? t.none : f.instant(w.on)],
      highlight: w.kind === 'granted_while_weak' || w.kind === 'granted_unassessed' || (w.kind === 'open_major_finding' && w.overdue),
    })),
  );
}

/** In the summary: how many points of each kind, so the weaknesses are seen on the first page of content. */
export function drawWarningCounts(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.warnings;
  const kinds = [...new Set(model.warnings.map((w) => w.kind))];
  // The heading, the sentence and the whole small table stay on one page.
  subheading(ctx, words.title, 60 + kinds.length * 16);
  if (model.warnings.length === 0) {
    paragraph(ctx, words.empty);
    return;
  }
  paragraph(ctx, fill(words.summaryCount, { n: f.number(model.warnings.length) }));
  drawTable(
    ctx,
    layout.columns.warningCounts,
    [{ heading: words.countColumns.point }, { heading: words.countColumns.count, align: 'right' }],
    kinds.map((kind) => ({ cells: [{ text: words.kinds[kind] ?? kind, tone: 'bad', bold: true }, f.number(model.warnings.filter((w) => w.kind === kind).length)] })),
  );
}
