import { createHash } from 'node:crypto';
import { templates } from '../../../templates';
import { renderDossier } from '../../../src/dossier/render/render-dossier';
import type { DossierModel, Language } from '../../../src/dossier/dossier.model';
import { sovereigntySection } from '../../../src/dossier/sovereignty-section';
import { recordReview } from '../../../projections/sovereignty/notices';
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
      const reviewed = recordReview(ledger, {
        changeId: 'change-diagnostics', decision: 'approved', risk: 'high', reviewedAt: '2024-05-06T10:00:00Z', notes: null, retrospective: false,
        accessPath: { effect: 'adds', party: 'Vendor diagnostics', jurisdiction: 'US', accessId: null },
      });
      const model: DossierModel = { ...sampleDossierModel(), sovereignty: sovereigntySection({ ...reviewed, recorded: null }, '2024-06-30') };
      const pages = await pdfPages(await renderDossier(model, manifestOf(model, language), language));
      // From the section's first page (the table of contents names it too, earlier) to the next section's.
      const start = pages.map((page) => page.includes(normalise(words.title))).lastIndexOf(true);
      const end = pages.findIndex((page, i) => i > start && page.includes(normalise(templates[language].sections.timeline.title)));
      text = compact(pages.slice(start, end).join(' '));
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

    it('draws the ownership chart: a box per entity, the non-EU one marked, each holding labelled with its percentages', () => {
      const percent = (n: number) => templates[language].numbers.percent.replace('{n}', String(n));
      expect(text).toContain(compact(words.chart.replace('{date}', '')).slice(0, 12));
      for (const name of ['joint-company', 'french-group', 'us-partner']) expect(text).toContain(name);
      expect(text).toContain(compact(`US · ${words.chartNonEu}`));
      expect(text).toContain(compact(words.chartHolding.replace('{capital}', percent(72)).replace('{voting}', percent(72))));
      expect(text).toContain(compact(words.chartHolding.replace('{capital}', percent(28)).replace('{voting}', percent(28))));
      expect(text).toContain(compact(words.chartLegend.nonEu));
    });

    it('lists the upstream release that added an access path', () => {
      expect(text).toContain(compact(words.accessReviews));
      expect(text).toContain(compact('Vendor diagnostics'));
      expect(text).toContain(compact(words.effect.adds));
      expect(text).toContain(compact('change-diagnostics'));
    });
  });

  it('draws the same bytes twice for the same structure, chart included', async () => {
    const model: DossierModel = { ...sampleDossierModel(), sovereignty: sovereigntySection({ ...ledger, recorded: null }, '2024-06-30') };
    const digest = async () => createHash('sha256').update(await renderDossier(model, manifestOf(model, 'en'), 'en')).digest('hex');
    expect(await digest()).toBe(await digest());
  });

  it('gives the chart the structure on the date: the provider, the entities with a share in it and the holdings between them', () => {
    const chained = ledgerOf([
      provider('joint-company'),
      entity('french-group', 'FR'),
      entity('us-partner', 'US'),
      entity('irish-subsidiary', 'IE'),
      entity('unrelated', 'DE'),
      holding('french-group', 'joint-company', 80),
      holding('us-partner', 'irish-subsidiary', 100),
      holding('irish-subsidiary', 'joint-company', 20),
    ]);
    const structure = sovereigntySection({ ...chained, recorded: null }, '2024-06-30')!.structure!;
    expect(structure.entities.map((e) => [e.entityId, e.nonEu, e.provider])).toEqual([
      ['french-group', false, false],
      ['irish-subsidiary', false, false],
      ['joint-company', false, true],
      ['us-partner', true, false],
    ]);
    expect(structure.holdings).toEqual([
      { holder: 'french-group', of: 'joint-company', capitalPercent: 80, votingPercent: 80 },
      { holder: 'irish-subsidiary', of: 'joint-company', capitalPercent: 20, votingPercent: 20 },
      { holder: 'us-partner', of: 'irish-subsidiary', capitalPercent: 100, votingPercent: 100 },
    ]);
  });
});
