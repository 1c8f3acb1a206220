import PDFDocument from 'pdfkit';
import { fileIdOf } from '../../../src/dossier/render/document';
import { readManifest, renderDossier } from '../../../src/dossier/render/render-dossier';
import { manifestOf, sampleDossierModel } from '../../fixtures/dossier-model';

const model = sampleDossierModel();
const manifest = manifestOf(model, 'fr');

function plainPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('not a dossier');
    doc.end();
  });
}

describe('the dossier as a PDF/A-3a file', () => {
  let pdf: Buffer;
  let raw: string;
  beforeAll(async () => {
    pdf = await renderDossier(model, manifest, 'fr');
    raw = pdf.toString('latin1');
  });

  it('is PDF 1.7 and declares PDF/A-3, conformance A (accessible), in its XMP metadata', () => {
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(raw).toContain('/OutputIntents');
    expect(raw).toContain('/Lang (fr-FR)');
  });

  it('takes every date from the log, in the info dictionary and in the XMP packet alike', () => {
    const dates = [...raw.matchAll(/\(D:(\d{14})Z\)/g)].map((m) => m[1]);
    expect(dates.length).toBeGreaterThanOrEqual(4);
    expect(new Set(dates)).toEqual(new Set(['20240630090000']));
    expect(raw).toContain('<xmp:CreateDate>2024-06-30T09:00:00Z</xmp:CreateDate>');
    expect(raw).toContain('<xmp:ModifyDate>2024-06-30T09:00:00Z</xmp:ModifyDate>');
  });

  it('names itself in the document information', () => {
    expect(raw).toMatch(/\/Author \d+ 0 R/);
    expect(raw).toContain('(Confiance)');
    expect(raw).toContain('<dc:creator>');
  });

  it('embeds its fonts and never falls back to an unembedded standard font', () => {
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('carries the manifest as an associated file, with the file identifier derived from it', () => {
    expect(raw).toContain('/AFRelationship /Data');
    expect(raw).toContain('/Subtype /application#2Fjson');
    expect(raw).toMatch(/\/AF \[\d+ 0 R\]/);
    const id = Buffer.from(fileIdOf(manifest)).toString('hex');
    expect(raw).toContain(`/ID [<${id}> <${id}>]`);
  });

  it('gives its manifest back through readManifest', () => {
    expect(readManifest(pdf)).toEqual(manifest);
  });

  it('answers null for a PDF without a manifest, a truncated dossier or bytes that are no PDF', async () => {
    expect(readManifest(await plainPdf())).toBeNull();
    expect(readManifest(pdf.subarray(0, pdf.length - 200))).toBeNull();
    expect(readManifest(Buffer.from('%PDF-1.7 nothing here'))).toBeNull();
  });

  it('refuses a manifest that describes another dossier', async () => {
    await expect(renderDossier(model, { ...manifest, language: 'en' }, 'fr')).rejects.toThrow(/language en/);
    await expect(renderDossier(model, { ...manifest, position: '1' }, 'fr')).rejects.toThrow(/position 1/);
    await expect(renderDossier(model, { ...manifest, templateVersion: '0' }, 'fr')).rejects.toThrow(/template version 0/);
  });
});
