import { templates } from '../../../templates';
import { buildDossier } from '../../../src/dossier/build-dossier';
import type { DossierDocs } from '../../../src/dossier/dossier-sections';
import type { Language } from '../../../src/dossier/dossier.model';
import { renderDossier } from '../../../src/dossier/render/render-dossier';
import { certificationsProjection, type CertificationDoc } from '../../../projections/certifications';
import { evidenceProjection, type EvidenceDoc } from '../../../projections/evidence';
import { requirementStatusProjection, type RequirementStatusDoc } from '../../../projections/requirement-status';
import { framework, manifestOf, sampleDossierModel } from '../../fixtures/dossier-model';
import { project, type FactOf } from '../../support/projection-harness';
import { compact, pdfPages } from './pdf-text';

const EXPIRING = 'e'.repeat(64);
const subject = { certificationId: 'c1', framework: 'secnumcloud-3.2' };
const check = (ref: string, checkId: string, performedAt: string, evidence: string[] = []): FactOf => ({
  type: 'ControlCheckRecorded',
  data: { ...subject, ref, checkId, result: 'passed', method: 'automated', performedAt, evidence, notes: null },
});

/** A certification whose 12.6.c passed on evidence valid until the end of 2022, and 5.2.a passed in 2022 with no evidence. */
function docs(): DossierDocs {
  const certification = [...project<CertificationDoc>(certificationsProjection, [
    { type: 'CertificationApplicationFiled', data: { ...subject, label: 'SNC', service: 'Cloud', evaluator: null, filedOn: '2022-01-10' } },
  ]).values()][0];
  const requirements = [...project<RequirementStatusDoc>(requirementStatusProjection, [check('12.6.c', 'k1', '2022-03-01T10:00:00Z', [EXPIRING]), check('5.2.a', 'k2', '2022-06-01T10:00:00Z')]).values()];
  const evidence = [...project<EvidenceDoc>(evidenceProjection, [
    { type: 'EvidenceStored', data: { sha256: EXPIRING, size: 10, mediaType: 'text/plain', name: 'logs.txt', effectiveOn: '2022-01-01', validUntil: '2022-12-31', description: null } },
  ]).values()];
  return { certification, requirements, audits: [], findings: [], incidents: [], changes: [], timeline: [], evidence, erased: new Set(), people: new Map() };
}

const dossierOn = (recordedAt: string) => buildDossier(docs(), framework, { asOf: { position: '9', recordedAt }, logHead: { position: '9', events: 9 } }, []);
const row = (model: ReturnType<typeof dossierOn>, ref: string) => model.applicability.find((r) => r.ref === ref);

describe('freshness in the dossier', () => {
  it('shows each result as current, evidence expired or review due on the dossier’s date; null where nothing was assessed', () => {
    const late2022 = dossierOn('2022-12-15T09:00:00Z');
    expect(row(late2022, '12.6.c')).toMatchObject({ status: 'passed', freshness: 'current' });
    expect(row(late2022, '5.1.a')).toMatchObject({ status: 'not_assessed', freshness: null });
    const mid2023 = dossierOn('2023-06-15T09:00:00Z');
    expect(row(mid2023, '12.6.c')).toMatchObject({ status: 'passed', freshness: 'evidence_expired' });
    expect(row(mid2023, '5.2.a')).toMatchObject({ status: 'passed', freshness: 'review_due' });
  });

  it('counts a pass that is no longer current apart from the met ones, in the key figures and the readiness', () => {
    expect(dossierOn('2022-12-15T09:00:00Z').summary.counts).toMatchObject({ passed: 2, stale: 0 });
    const later = dossierOn('2023-06-15T09:00:00Z');
    expect(later.summary.counts).toMatchObject({ passed: 0, stale: 2 });
    expect(later.summary.readiness.find((c) => c.chapter === '12')).toMatchObject({ passed: 0, stale: 1, readiness: 0 });
  });

  describe.each<Language>(['fr', 'en'])('read back from the PDF in %s', (language) => {
    const codes = templates[language].codes;
    let text: string;
    beforeAll(async () => {
      const model = sampleDossierModel();
      const pages = await pdfPages(await renderDossier(model, manifestOf(model, language), language));
      text = compact(pages.join(' '));
    });

    it('names the freshness of a result under it, and the stale count in the key figures', () => {
      expect(text).toContain(compact(`${codes.requirementStatus.passed} ${codes.freshness.evidence_expired}`));
      expect(text).toContain(compact(`${codes.requirementStatus.passed} ${codes.freshness.review_due}`));
      expect(text).toContain(compact(codes.freshness.current));
      expect(text).toContain(compact(templates[language].sections.summary.countLabels.stale));
    });
  });
});
