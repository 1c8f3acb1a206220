import type { DossierModel } from '../../dossier.model';
import { fill } from '../format';
import { paragraph, startSection, toneOf, type Ctx } from '../layout';
import { drawTable, type Cell, type Row } from '../tables';
import { fileText } from './follow-ups';

type Requirement = DossierModel['applicability'][number];

function applicabilityCell(ctx: Ctx, r: Requirement): Cell {
  const text = ctx.f.label('applicable', r.applicable === null ? 'default' : r.applicable ? 'yes' : 'no');
  return { text, note: r.justification };
}

function checkedCell(ctx: Ctx, r: Requirement): Cell {
  if (r.computed) {
    // The sovereignty evaluation decides the status (decision 29): say so, and who breaches it.
    const words = ctx.t.sections.sovereignty;
    const who = r.computed.breachedBy.length > 0 ? fill(words.breachedBy, { who: r.computed.breachedBy.join(', ') }) : undefined;
    return { text: fill(words.computed, { date: ctx.f.date(r.computed.validAt) }), note: who };
  }
  if (!r.latestCheck) return { text: ctx.t.none };
  return { text: ctx.f.date(r.latestCheck.performedAt), note: ctx.f.label('method', r.latestCheck.method) };
}

/**
 * Every requirement of the framework, grouped by chapter as the catalog
 * orders them, with the summary in the dossier's language.
 */
export function drawApplicability(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.applicability;
  startSection(ctx, words.title);
  paragraph(ctx, words.intro, { colour: layout.colours.muted, gap: 8 });
  if (model.applicability.length === 0) {
    paragraph(ctx, words.empty);
    return;
  }
  const titles = new Map(model.summary.readiness.map((chapter) => [chapter.chapter, chapter.title[ctx.language]]));
  const rows: Row[] = [];
  let chapter: string | null = null;
  for (const r of model.applicability) {
    if (r.chapter !== chapter) {
      chapter = r.chapter;
      rows.push({ group: fill(words.chapterPattern, { chapter, title: titles.get(chapter) ?? '' }) });
    }
    rows.push({
      cells: [
        { text: r.ref, bold: true },
        // The files the latest check rests on, by name and hash, so an evaluator can ask for them.
        { text: r.summary[ctx.language], note: r.evidenceFiles.length === 0 ? null : r.evidenceFiles.map((file) => fileText(ctx, file)).join('\n') },
        applicabilityCell(ctx, r),
        // Whether the result still holds on the dossier's date, under it.
        { text: f.label('requirementStatus', r.status), tone: toneOf(ctx, 'requirementStatus', r.status), bold: true, note: r.freshness && f.label('freshness', r.freshness) },
        checkedCell(ctx, r),
        f.number(r.evidence.length),
      ],
      highlight: r.status === 'failed',
    });
  }
  const c = words.columns;
  drawTable(
    ctx,
    layout.columns.applicability,
    [
      { heading: c.ref },
      { heading: c.requirement },
      { heading: c.applicable },
      { heading: c.result },
      { heading: c.date },
      { heading: c.evidence, align: 'right' },
    ],
    rows,
  );
}
