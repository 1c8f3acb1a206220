import type { DossierModel } from '../../dossier.model';
import { paragraph, startSection, subheading, toneOf, type Ctx } from '../layout';
import { drawChangeNotes } from './follow-ups';
import { reviewerName } from '../references';
import { drawTable } from '../tables';

type Change = DossierModel['changes'][number];
type Deployment = Change['deployments'][number];

/** An emergency deployment, or one made without review, is an exception the auditor must see. */
const isException = (deployment: Deployment) => deployment.emergency || deployment.exception;

function deploymentsText(ctx: Ctx, change: Change): string {
  const words = ctx.t.sections.changes;
  if (change.deployments.length === 0) return words.notDeployed;
  return change.deployments
    .map((d) => `${isException(d) ? `${words.emergency} · ` : ''}${d.environment} · ${ctx.f.instant(d.deployedAt)}`)
    .join('\n');
}

/** Every upstream release with its review and deployments, then the exceptions on their own. */
export function drawChanges(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.changes;
  startSection(ctx, words.title);

  subheading(ctx, words.reviews);
  if (model.changes.length === 0) paragraph(ctx, words.empty);
  else {
    const c = words.columns;
    drawTable(
      ctx,
      layout.columns.changes,
      [{ heading: c.release }, { heading: c.received }, { heading: c.decision }, { heading: c.risk }, { heading: c.reviewed }, { heading: c.deployments }],
      model.changes.map((change) => {
        const exceptional = change.deployments.some(isException);
        return {
          cells: [
            { text: change.release, bold: true, note: `${change.source}\n${change.providerWide ? ctx.t.references.providerWide : ctx.t.references.ownScope}` },
            f.instant(change.receivedAt),
            { text: f.label('decision', change.decision), tone: toneOf(ctx, 'decision', change.decision), bold: change.decision !== null },
            { text: f.label('risk', change.risk), tone: toneOf(ctx, 'risk', change.risk) },
            { text: f.instant(change.reviewedAt), note: reviewerName(ctx, change.reviewer) },
            exceptional ? { text: deploymentsText(ctx, change), tone: 'bad', bold: true } : deploymentsText(ctx, change),
          ],
          highlight: exceptional,
        };
      }),
    );
  }

  subheading(ctx, words.exceptions);
  const exceptions = model.changes.flatMap((change) => change.deployments.filter(isException).map((deployment) => ({ change, deployment })));
  if (exceptions.length === 0) {
    paragraph(ctx, words.exceptionsEmpty);
    drawChangeNotes(ctx);
    return;
  }
  const c = words.exceptionColumns;
  drawTable(
    ctx,
    layout.columns.exceptions,
    [{ heading: c.release }, { heading: c.environment }, { heading: c.deployed }, { heading: c.justification }],
    exceptions.map(({ change, deployment }) => ({
      cells: [
        { text: `${words.emergency}\n${change.release}`, tone: 'bad', bold: true },
        deployment.environment,
        f.instant(deployment.deployedAt),
        f.text(deployment.justification),
      ],
      highlight: true,
    })),
  );
  drawChangeNotes(ctx);
}
