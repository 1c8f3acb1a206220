import { templateFor } from '../../../templates';
import type { DossierManifest, DossierModel, Language } from '../dossier.model';
import { drawPageChrome } from './chrome';
import { drawCover } from './cover';
import { createDocument, finish } from './document';
import { fontFiles } from './fonts';
import { Formatter } from './format';
import type { Ctx } from './layout';
import { drawApplicability } from './sections/applicability';
import { drawAudits } from './sections/audits';
import { drawChanges } from './sections/changes';
import { drawEvidence } from './sections/evidence';
import { drawIncidents } from './sections/incidents';
import { drawIntegrity } from './sections/integrity';
import { drawSovereignty } from './sections/sovereignty';
import { drawSummary } from './sections/summary';
import { drawWarnings } from './sections/warnings';
import { drawTimeline } from './sections/timeline';
import { drawContents, reserveContents } from './toc';
import { addSignatureField } from '../signing/signature-field';
import { openStructure, within } from './tags';
import { batchWrites } from './write-batching';

export { readManifest } from './read-manifest';

/** A manifest that disagrees with the dossier it travels in would mislead whoever verifies it. */
function checkManifest(model: DossierModel, manifest: DossierManifest, language: Language, templateVersion: string): void {
  const mismatches = [
    manifest.language !== language && `language ${manifest.language} for a dossier in ${language}`,
    manifest.templateVersion !== templateVersion && `template version ${manifest.templateVersion}, the template is ${templateVersion}`,
    manifest.position !== model.cover.asOf.position && `position ${manifest.position}, the dossier is as of ${model.cover.asOf.position}`,
    manifest.certificationId !== model.cover.certificationId && `certification ${manifest.certificationId}, the dossier is for ${model.cover.certificationId}`,
  ].filter((m): m is string => typeof m === 'string');
  if (mismatches.length > 0) throw new Error(`The manifest does not describe this dossier: ${mismatches.join('; ')}`);
}

/**
 * Draws the evidence dossier as a PDF/A-3a file with its manifest attached.
 * The same model, manifest and language give the same bytes.
 *
 * Sections are laid out one after the other on buffered pages; the contents
 * page (reserved after the cover) and the page headers and numbers are drawn
 * last, when every page number is known. Each section is a Sect of the
 * structure tree, in reading order (decision 35).
 */
export async function renderDossier(model: DossierModel, manifest: DossierManifest, language: Language): Promise<Buffer> {
  const t = templateFor(language);
  checkManifest(model, manifest, language, t.version);
  const fonts = fontFiles(t.layout.fonts);
  const doc = createDocument(model, manifest, t, fonts);
  batchWrites(doc);
  const ctx: Ctx = { doc, model, language, t, layout: t.layout, f: new Formatter(t), fonts, toc: [], tags: openStructure(doc, t.locale) };
  within(ctx.tags, 'Sect', () => drawCover(ctx));
  const contents = reserveContents(ctx);
  for (const draw of [drawSummary, drawWarnings, drawApplicability, drawAudits, drawIncidents, drawChanges, drawSovereignty, drawTimeline, drawEvidence, drawIntegrity]) {
    within(ctx.tags, 'Sect', () => draw(ctx));
  }
  drawContents(ctx, contents);
  drawPageChrome(ctx);
  // Filled by signPdf once the bytes are final (decision 34).
  if (manifest.signingCertificateSha256) addSignatureField(doc, { reason: t.document.subject, signingTime: new Date(model.cover.asOf.recordedAt) });
  return finish(doc);
}
