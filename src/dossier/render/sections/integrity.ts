import { fieldList, paragraph, startSection, subheading, type Ctx } from '../layout';
import { drawTable } from '../tables';

const COMMAND = '$ ';

/** The stream heads the dossier rests on, and how an auditor checks the file and the log. */
export function drawIntegrity(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.integrity;
  const cover = model.cover;
  startSection(ctx, words.title);

  subheading(ctx, words.position);
  fieldList(ctx, [
    { label: words.fields.certification, value: cover.certificationId },
    { label: words.fields.position, value: cover.asOf.position },
    { label: words.fields.recordedAt, value: f.instant(cover.asOf.recordedAt) },
    { label: words.fields.logHead, value: cover.logHead.position },
    { label: words.fields.events, value: f.number(cover.logHead.events) },
    // The second time: what the state is shown on, when the dossier was drawn for a business date.
    ...(cover.validAt === undefined ? [] : [{ label: words.fields.validAt, value: cover.validAt }]),
  ]);

  subheading(ctx, words.streams);
  if (model.integrity.streams.length === 0) paragraph(ctx, words.empty);
  else {
    const c = words.columns;
    drawTable(
      ctx,
      layout.columns.streams,
      [{ heading: c.stream }, { heading: c.revision, align: 'right' }, { heading: c.hash, font: 'mono', size: layout.sizes.hash }],
      model.integrity.streams.map((s) => ({ cells: [s.stream, f.number(s.revision), s.hash] })),
    );
  }

  subheading(ctx, words.verifyTitle);
  for (const text of words.verify) {
    if (text.startsWith(COMMAND)) paragraph(ctx, text.slice(COMMAND.length), { font: 'mono', colour: layout.colours.accent, gap: 8 });
    else paragraph(ctx, text);
  }
}
