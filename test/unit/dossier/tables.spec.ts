import PDFDocument from 'pdfkit';
import { fr } from '../../../templates/fr';
import { fontFiles } from '../../../src/dossier/render/fonts';
import { Formatter } from '../../../src/dossier/render/format';
import { newPage, type Ctx } from '../../../src/dossier/render/layout';
import { renderDossier } from '../../../src/dossier/render/render-dossier';
import { drawTable, type Row } from '../../../src/dossier/render/tables';
import { openStructure } from '../../../src/dossier/render/tags';
import { manifestOf, sampleDossierModel } from '../../fixtures/dossier-model';
import { compact, normalise, pdfPages } from './pdf-text';

async function tablePages(rows: readonly Row[]): Promise<string[]> {
  const fonts = fontFiles(fr.layout.fonts);
  const doc = new PDFDocument({ autoFirstPage: false, bufferPages: true, font: fonts.regular, tagged: true });
  const ctx: Ctx = { doc, model: sampleDossierModel(), language: 'fr', t: fr, layout: fr.layout, f: new Formatter(fr), fonts, toc: [], tags: openStructure(doc, fr.locale) };
  const done = new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });
  newPage(ctx);
  drawTable(ctx, [0.2, 0.5, 0.3], [{ heading: 'HeadA' }, { heading: 'HeadB' }, { heading: 'HeadC' }], rows);
  doc.end();
  return pdfPages(await done);
}

describe('tables across pages', () => {
  const lines = (i: number) => Array.from({ length: 1 + ((i * 5) % 9) }, (_, k) => `[r${i}l${k}]`);
  const rows: Row[] = Array.from({ length: 160 }, (_, i): Row[] => {
    const row: Row = { cells: [`[r${i}]`, lines(i).join('\n'), { text: `[r${i}c]`, note: `[r${i}n]` }] };
    return i % 23 === 22 ? [{ group: `[g${i}]` }, row] : [row];
  }).flat();

  it('repeat the header on every page and never split a row', async () => {
    const pages = await tablePages(rows);
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) expect(compact(page).startsWith('HeadAHeadBHeadC')).toBe(true);
    for (let i = 0; i < 160; i += 1) {
      const markers = [`[r${i}]`, ...lines(i), `[r${i}c]`, `[r${i}n]`];
      const holding = pages.filter((page) => markers.some((marker) => page.includes(marker)));
      expect(holding).toHaveLength(1);
      for (const marker of markers) expect(holding[0]).toContain(marker);
    }
  });

  it('keep a group row with the row that follows it', async () => {
    const pages = await tablePages(rows);
    for (let i = 22; i < 160; i += 23) {
      const page = pages.find((p) => p.includes(`[g${i}]`)) ?? '';
      expect(page).toContain(`[r${i}]`);
    }
  });

  it('cut a row taller than a page instead of letting it run over', async () => {
    const tall = Array.from({ length: 400 }, (_, k) => `[t${k}]`).join('\n');
    const pages = await tablePages([{ cells: ['[before]', 'x', 'x'] }, { cells: ['[tall]', tall, 'x'] }, { cells: ['[after]', 'x', 'x'] }]);
    expect(pages.length).toBeLessThanOrEqual(3);
    expect(pages.join(' ')).toContain('[t0]');
    expect(pages.join(' ')).not.toContain('[t399]');
    expect(pages.join(' ')).toContain('[after]');
  });
});

describe('the statement of applicability of all 278 SecNumCloud requirements', () => {
  it('runs over several pages, each opening with the column headings', async () => {
    const model = sampleDossierModel();
    expect(model.applicability).toHaveLength(278);
    const pages = await pdfPages(await renderDossier(model, manifestOf(model, 'fr'), 'fr'));
    const title = normalise(fr.sections.applicability.title);
    const next = normalise(fr.sections.audits.title);
    const first = pages.findIndex((page, i) => i > 1 && page.startsWith(title));
    const end = pages.findIndex((page, i) => i > first && page.startsWith(next));
    const soa = pages.slice(first, end);
    expect(soa.length).toBeGreaterThan(5);
    const c = fr.sections.applicability.columns;
    const header = compact(`${c.ref}${c.requirement}${c.applicable}${c.result}${c.date}${c.evidence}`);
    for (const page of soa) expect(compact(page)).toContain(header);
    for (const page of soa.slice(1)) expect(compact(page).startsWith(header)).toBe(true);
    const refsSeen = soa.flatMap((page) => model.applicability.filter((r) => compact(page).includes(compact(`${r.ref}${r.summary.fr}`))).map((r) => r.ref));
    expect(refsSeen).toHaveLength(278);
  });
});
