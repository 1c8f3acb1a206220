import { templates } from '../../../templates';
import { renderDossier } from '../../../src/dossier/render/render-dossier';
import type { DossierModel, Language } from '../../../src/dossier/dossier.model';
import { sovereigntySection } from '../../../src/dossier/sovereignty-section';
import { manifestOf, sampleDossierModel } from '../../fixtures/dossier-model';
import { entity, holding, ledgerOf, provider, right } from '../sovereignty/structure';
import { compact, normalise, pdfPages } from './pdf-text';

const ledger = ledgerOf([
  provider('joint-company'),
  entity('french-group', 'FR'),
  entity('us-partner', 'US'),
  holding('french-group', 'joint-company', 72, 72, '2022-06-30'),
  holding('us-partner', 'joint-company', 28, 28, '2024-01-31'),
  right('veto-1', 'french-group', 'joint-company'),
]);

describe('the "protection against non-EU law" section of the dossier', () => {
  it('evaluates the structure on the dossier’s own date', () => {
    const section = sovereigntySection({ ...ledger, recorded: null }, '2024-06-30')!;
    expect(section.verdicts).toContainEqual({ requirement: '19.6.b', verdict: 'breached' });
    expect(section.holders).toContainEqual(expect.objectContaining({ entityId: 'us-partner', nonEu: true, capitalPercent: 28, votingPercent: 28 }));
    expect(section.notices).toEqual([expect.objectContaining({ obligation: 'notice-1', changeOn: '2024-01-31', dueOn: '2024-02-29', status: 'overdue' })]);
    expect(sovereigntySection({ ...ledger, recorded: null }, '2023-06-30')!.verdicts).toContainEqual({ requirement: '19.6.b', verdict: 'compliant' });
    expect(sovereigntySection(null, '2024-06-30')).toBeNull();
  });

  describe.each<Language>(['fr', 'en'])('read back from the PDF in %s', (language) => {
    const words = templates[language].sections.sovereignty;
    let text: string;
    beforeAll(async () => {
      const model: DossierModel = { ...sampleDossierModel(), sovereignty: sovereigntySection({ ...ledger, recorded: null }, '2024-06-30') };
      const pages = await pdfPages(await renderDossier(model, manifestOf(model, language), language));
      text = compact(pages.filter((page) => page.includes(normalise(words.title))).join(' '));
    });

    it('shows its title, the verdicts and the non-EU holder with its share against the thresholds', () => {
      expect(text).toContain(compact(words.title));
      expect(text).toContain(compact(words.requirements['19.6.b']));
      expect(text).toContain(compact(words.verdict.breached));
      expect(text).toContain(compact('us-partner'));
      expect(text).toContain(compact(templates[language].numbers.percent.replace('{n}', '28')));
      expect(text).toContain(compact(words.rightKind.veto));
      expect(text).toContain(compact(words.notices));
      expect(text).toContain(compact(words.noticeStatus.overdue));
    });
  });
});
