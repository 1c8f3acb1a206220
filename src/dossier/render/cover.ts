import { fill } from './format';
import { colourOf, fieldList, left, newPage, textWidth, toneOf, use, type Ctx } from './layout';
import { artefact, tagged } from './tags';

/** The first page: what the dossier is about and the exact point of the log it describes. */
export function drawCover(ctx: Ctx): void {
  const { doc, t, f, layout } = ctx;
  const { cover, summary } = ctx.model;
  newPage(ctx);
  const band = 190;
  artefact(ctx.tags, () => doc.rect(0, 0, layout.page.size[0], band).fill(layout.colours.accent));
  tagged(ctx.tags, 'H1', () => use(ctx, 'bold', layout.sizes.coverTitle, layout.colours.paper).text(t.cover.title, left(ctx), 80, { width: textWidth(ctx) }));
  tagged(ctx.tags, 'P', () => use(ctx, 'regular', layout.sizes.coverSubtitle, layout.colours.paper).text(t.cover.subtitle, left(ctx), doc.y + 4, { width: textWidth(ctx) }));

  doc.y = band + 36;
  tagged(ctx.tags, 'H2', () => use(ctx, 'bold', layout.sizes.h1 + 4, layout.colours.text).text(cover.label, left(ctx), doc.y, { width: textWidth(ctx) }));
  tagged(ctx.tags, 'P', () => use(ctx, 'regular', layout.sizes.coverSubtitle, layout.colours.muted).text(cover.service, left(ctx), doc.y + 4, { width: textWidth(ctx) }));
  doc.y += 10;
  const status = f.label('certificationStatus', summary.status);
  const validity = summary.validUntil ? ` · ${t.sections.summary.fields.validUntil} ${f.date(summary.validUntil, 'long')}` : '';
  tagged(ctx.tags, 'P', () =>
    use(ctx, 'bold', layout.sizes.h2, colourOf(ctx, toneOf(ctx, 'certificationStatus', summary.status))).text(status + validity, left(ctx), doc.y, { width: textWidth(ctx) }),
  );
  doc.y += 24;

  const fw = cover.framework;
  const words = t.cover.fields;
  fieldList(ctx, [
    { label: words.service, value: cover.service },
    { label: words.evaluator, value: f.text(cover.evaluator) },
    { label: words.framework, value: `${fw.name} ${fw.version} — ${fw.publisher}` },
    { label: words.catalog, value: String(fw.catalogVersion) },
    { label: words.asOf, value: f.instant(cover.asOf.recordedAt) },
    { label: words.position, value: fill(t.cover.positionPattern, { position: cover.asOf.position, events: f.number(cover.logHead.events) }) },
    { label: words.template, value: `${t.version} (${t.language})` },
  ]);

  const notice = fill(t.cover.notice, { position: cover.asOf.position, recordedAt: f.instant(cover.asOf.recordedAt) });
  use(ctx, 'regular', layout.sizes.body, layout.colours.muted);
  const height = doc.heightOfString(notice, { width: textWidth(ctx) });
  const y = layout.page.size[1] - layout.page.margins.bottom - height - 10;
  artefact(ctx.tags, () => doc.moveTo(left(ctx), y - 8).lineTo(left(ctx) + textWidth(ctx), y - 8).lineWidth(0.5).strokeColor(layout.colours.rule).stroke());
  tagged(ctx.tags, 'P', () => doc.text(notice, left(ctx), y, { width: textWidth(ctx) }));
}
