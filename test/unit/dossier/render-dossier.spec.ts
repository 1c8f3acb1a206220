import { templates } from '../../../templates';
import { renderDossier } from '../../../src/dossier/render/render-dossier';
import type { DossierModel, Language } from '../../../src/dossier/dossier.model';
import { manifestOf, sampleDossierModel } from '../../fixtures/dossier-model';
import { compact, normalise, pageWith, pdfPages } from './pdf-text';

const model: DossierModel = sampleDossierModel();

describe.each<Language>(['fr', 'en'])('the dossier in %s, read back from the PDF', (language) => {
  const t = templates[language];
  const s = t.sections;
  const sectionTitles = [s.summary, s.warnings, s.applicability, s.audits, s.incidents, s.changes, s.timeline, s.evidence, s.integrity].map((section) => normalise(section.title));
  let pages: string[];

  beforeAll(async () => {
    pages = await pdfPages(await renderDossier(model, manifestOf(model, language), language));
  });

  it('numbers every page "page n / total" and repeats the running header after the cover', () => {
    pages.forEach((page, i) => expect(page).toContain(normalise(`page ${i + 1} / ${pages.length}`)));
    expect(pages[0]).toContain(`1 / ${pages.length}`);
    const header = normalise(`${model.cover.label} · ${model.cover.service}`);
    pages.slice(1).forEach((page) => expect(page).toContain(header));
  });

  it('opens with the cover, then the contents, then the sections in order', () => {
    expect(pages[0]).toContain(normalise(t.cover.title));
    expect(pages[0]).toContain(model.cover.asOf.position);
    expect(pages[1].startsWith(normalise(t.toc.title))).toBe(true);
    // The summary's own "points of attention" heading may open a page before the section of that name.
    const starts = sectionTitles.map((title) => pages.findIndex((page, i) => i > 1 && page.startsWith(title) && (title !== normalise(s.warnings.title) || page.includes(normalise(s.warnings.intro)))));
    expect(starts.every((start) => start > 1)).toBe(true);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('gives in the contents the page each section starts on', () => {
    for (const title of sectionTitles) {
      const start = pages.findIndex((page, i) => i > 1 && page.startsWith(title));
      expect(compact(pages[1])).toContain(compact(`${title}${start + 1}`));
    }
  });

  it('summarises lifecycle, readiness by chapter and what is overdue', () => {
    const summary = pages[pageWith(pages, normalise(s.summary.lifecycle), 2)];
    expect(summary).toContain(t.codes.certificationStatus.granted);
    expect(summary).toContain(normalise(model.summary.readiness[7].title[language]));
    expect(normalise(pages.join(' '))).toContain(normalise(t.codes.obligation.finding_due));
  });

  it('lists the points of attention after the summary and before any detail, and counts them in the summary', () => {
    const start = pages.findIndex((page, i) => i > 1 && page.startsWith(normalise(`${s.warnings.title} ${s.warnings.intro}`)));
    const applicability = pages.findIndex((page, i) => i > 1 && page.startsWith(normalise(s.applicability.title)));
    expect(start).toBeLessThan(applicability);
    const text = compact(pages.slice(start, applicability).join(' '));
    expect(text).toContain(compact(`${s.warnings.kinds.granted_while_weak}`));
    expect(text).toContain(compact(`${t.codes.auditKind.passi} 2022 · F-1 — Journalisation incomplète`));
    expect(text).toContain(compact(s.warnings.kinds.late_notification));
    expect(text).toContain(compact(`${t.codes.obligation.nis2_notification}`));
    expect(text).toContain(compact(`${t.codes.obligation.customer_information}`));
    expect(text).toContain(compact(s.warnings.notSent));
    expect(text).toContain(compact('inventaire-actifs-2024-Q2.csv'));
    expect(text).toContain(compact(s.warnings.more.replace('{list}', '').replace('{n}', '4')));
    const summary = compact(pages.slice(pageWith(pages, normalise(s.summary.lifecycle), 2), start).join(' '));
    expect(summary).toContain(compact(s.warnings.summaryCount.replace('{n}', '7')));
    expect(summary).toContain(compact(`${s.warnings.kinds.late_notification}2`));
  });

  it('lists every requirement with its summary in the dossier language, on one page each', () => {
    for (const r of model.applicability) {
      expect(pages.some((page) => compact(page).includes(compact(`${r.ref}${r.summary[language]}`)))).toBe(true);
    }
    const failed = model.applicability.find((r) => r.ref === '12.6.c');
    expect(failed?.status).toBe('failed');
    expect(pages.some((page) => compact(page).includes(compact(`12.6.c${failed?.summary[language]}`)))).toBe(true);
  });

  it('shows the audit programme, the PASSI years and the findings', () => {
    const text = normalise(pages.join(' '));
    expect(text).toContain(normalise(s.audits.passi));
    expect(compact(text)).toContain(compact(`2024${t.codes.yesNo.no}`));
    expect(compact(text)).toContain(compact('Horloges de deux collecteurs de journaux non synchronisées'));
    expect(text).toContain(normalise(s.audits.findingsChart));
  });

  it('names auditors by name and organisation, and an erased one as erased, without a subject id', () => {
    const text = compact(pages.join(' '));
    expect(text).toContain(compact('Claire MartinCabinet Vigie (PASSI)'));
    expect(text).toContain(compact('Marc LemoineCentre d’évaluation Orion'));
    expect(text).toContain(compact(s.audits.erasedSubject));
    expect(text).not.toContain('ines.internal');
    expect(text).not.toContain('claire.vigie');
  });

  it('names audits by kind and year and findings by their audit and number, never by identifier before the integrity annex', () => {
    const text = compact(pages.slice(0, pages.findIndex((page, i) => i > 1 && page.startsWith(normalise(s.integrity.title)))).join(' '));
    expect(text).toContain(compact(`${t.codes.auditKind.passi} 2023`));
    expect(text).toContain(compact(`${t.codes.auditKind.internal} 2024 · F-2${t.codes.findingSeverity.major}12.6.cHorloges de deux collecteurs`));
    for (const id of [...model.audits.programme.map((a) => a.auditId), ...model.audits.findings.map((f) => f.findingId)]) {
      expect(text).not.toContain(id);
    }
  });

  it('says what each overdue obligation concerns by its finding or incident', () => {
    const summary = compact(pages.slice(pageWith(pages, normalise(s.summary.overdue), 2)).join(' '));
    expect(summary).toContain(compact(`${t.codes.obligation.finding_due}${t.codes.auditKind.internal} 2024 · F-2 — Horloges`));
  });

  it('shows each notification deadline and whether it was met, missed or is pending', () => {
    const start = pageWith(pages, normalise(s.incidents.title), 2);
    const text = compact(pages.slice(start).join(' '));
    expect(text).toContain(compact(t.codes.obligation.nis2_notification));
    expect(text).toContain(compact(t.codes.obligationStatus.missed));
    expect(text).toContain(compact(t.codes.obligationStatus.pending));
    expect(text).toContain(compact(t.references.incident.replace('{title}', 'Compromission suspectée d’un compte de service de sauvegarde').replace('{detected}', language === 'fr' ? '28/06/2024' : '28 Jun 2024')));
  });

  it('gives each finding its remediations, closure and justification, each incident its notification references, waivers and post-mortem, each change its review notes', () => {
    const text = compact(pages.join(' '));
    expect(text).toContain(compact(s.audits.history));
    expect(text).toContain(compact('Mesure corrective pour 12.6.c vérifiée par un contrôle'));
    expect(text).toContain(compact(`${s.audits.closed.replace('{resolution}', t.codes.resolution.risk_accepted)}`));
    expect(text).toContain(compact('Risque accepté par le comité de sécurité'));
    expect(text).toContain(compact(s.incidents.reference.replace('{reference}', 'CNIL-2023-118734')));
    expect(text).toContain(compact(s.incidents.legalBasis.replace('{reason}', 'Aucune donnée personnelle touchée').replace('{basis}', 'RGPD art. 33(1)')));
    expect(text).toContain(compact(`${s.incidents.postmortem}${t.none}post-mortem-INC-2023-014.pdf`));
    expect(text).toContain(compact('migration du plan de contrôle'));
  });

  it('names in the statement of applicability the files each requirement relies on, by name and short hash', () => {
    const r = model.applicability.find((row) => row.evidenceFiles.length > 0)!;
    const file = r.evidenceFiles[0];
    const text = compact(pages.join(' '));
    expect(text).toContain(compact(s.applicability.file.replace('{name}', file.name!).replace('{sha}', file.sha256.slice(0, 12))));
  });

  it('singles out the emergency deployment made before review', () => {
    const start = pageWith(pages, normalise(s.changes.exceptions), 2);
    expect(start).toBeGreaterThan(2);
    const text = compact(pages.slice(start).join(' '));
    expect(text).toContain(compact(`${s.changes.emergency}HV-7.4.2-hotfix3production`));
    expect(text).toContain(compact('Correctif d’une vulnérabilité critique exploitée activement'));
  });

  it('draws the partnership timeline and lists its milestones with slips', () => {
    const start = pageWith(pages, normalise(s.timeline.table), 2);
    const text = compact(pages.slice(start).join(' '));
    expect(text).toContain(compact('Ouverture de la région de production Paris'));
    expect(text).toContain(compact(s.timeline.slip.replace('{n}', '77')));
    expect(text).toContain(compact(t.codes.certificationStep.J2));
  });

  it('gives every evidence hash in full and every stream head', () => {
    const text = pages.join(' ');
    for (const item of model.evidence) expect(text).toContain(item.sha256);
    for (const stream of model.integrity.streams) expect(text).toContain(stream.hash);
    expect(text).toContain('npx confiance verify-dossier');
    expect(text).toContain('npx confiance verify');
  });
});

describe('a dossier with nothing recorded yet', () => {
  it('still has every section and heading, each saying there is nothing to list', async () => {
    const empty: DossierModel = {
      ...model,
      warnings: [],
      summary: { ...model.summary, status: 'applied', steps: [], grantedOn: null, validUntil: null, valid: false, daysToExpiry: null, overdueObligations: [] },
      applicability: [],
      audits: { programme: [], passiByYear: [], findings: [] },
      incidents: [],
      changes: [],
      timeline: [],
      evidence: [],
      integrity: { streams: [] },
    };
    const t = templates.en;
    const pages = await pdfPages(await renderDossier(empty, manifestOf(empty, 'en'), 'en'));
    const text = normalise(pages.join(' '));
    for (const wording of [t.sections.warnings.empty, t.sections.applicability.empty, t.sections.audits.empty, t.sections.incidents.empty, t.sections.changes.empty, t.sections.timeline.empty, t.sections.evidence.empty, t.sections.integrity.empty]) {
      expect(text).toContain(normalise(wording));
    }
    expect(pages[0]).toContain(t.codes.certificationStatus.applied);
    expect(pages[pages.length - 1]).toContain(`page ${pages.length} / ${pages.length}`);
  });
});
