import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templates } from '../../templates';
import { runCli } from '../support/test-app';

/** A structure element as pdf.js reads it back (test/support/pdf-structure.mjs). */
interface Node {
  role: string;
  alt?: string;
  lang?: string;
  text: string;
  children: Node[];
}
interface Structure {
  marked: boolean;
  pages: (Node | null)[];
  untagged: { page: number; text: string }[];
}

const STRUCTURE_SCRIPT = join(__dirname, '..', 'support', 'pdf-structure.mjs');
/** Apache PDFBox preflight as Debian packages it (libpdfbox2-java), with the Java EE parts it still needs. */
const PREFLIGHT = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((jar) => `/usr/share/java/${jar}.jar`).join(':');
/**
 * What preflight, a PDF/A-1b validator, reports on any PDF/A-3 dossier:
 * rules PDF/A-3 lifts (an embedded file, CIDSet, the part number) and an
 * outline Count that ISO 32000-1 requires only when an item is open.
 */
const PDFA1_ONLY = [
  /^1\.4\.7 : .*EmbeddedFile/,
  /^1\.2\.9 : .*EmbeddedFile/,
  /^3\.1\.11 : .*CIDSet entry is missing/,
  /^7\.11\.2 : .*part must be 1/,
  /^1\.4\.9 : .*Outline Hierarchy doesn't have Count entry/,
];
const HEX64 = /^[0-9a-f]{64}$/;

/** Every element of `role` under `node`, depth first: the order a screen reader reads them in. */
function all(node: Node | null, role: string): Node[] {
  if (!node) return [];
  return [...(node.role === role ? [node] : []), ...node.children.flatMap((child) => all(child, role))];
}
/** An element's own text and its descendants', in reading order. */
const textOf = (node: Node): string => [node.text, ...node.children.map(textOf)].filter((part) => part !== '').join(' ');
const cells = (row: Node) => row.children.map(textOf);

describe.each(['fr', 'en'] as const)('the demo dossier in %s, as assistive technology and archival tools read it', (language) => {
  const t = templates[language];
  const dataDir = mkdtempSync(join(tmpdir(), `confiance-tagged-${language}-`));
  // The CLI writes a dossier outside DATA_DIR, where the ledger lives.
  const outDir = mkdtempSync(join(tmpdir(), `confiance-tagged-out-${language}-`));
  const file = join(outDir, `dossier-${language}.pdf`);
  let structure: Structure;
  let pages: Node[];

  beforeAll(async () => {
    expect(await runCli(dataDir, ['demo'])).toMatchObject({ code: 0 });
    expect(await runCli(dataDir, ['dossier', '--certification', 'scn-demo', '--lang', language, '--out', file])).toMatchObject({ code: 0 });
    structure = JSON.parse(execFileSync(process.execPath, [STRUCTURE_SCRIPT, file], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8')) as Structure;
    pages = structure.pages.filter((page): page is Node => page !== null);
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('is a tagged PDF by poppler and a well-formed one by qpdf', () => {
    const info = execFileSync('pdfinfo', [file]).toString('utf8');
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    const check = spawnSync('qpdf', ['--check', file]);
    expect(check.stdout.toString('utf8')).toContain('No syntax or stream encoding errors found');
    expect(check.status).toBe(0);
  });

  it('marks every piece of text as content of the structure or as an artefact, in the language of the dossier', () => {
    expect(structure.marked).toBe(true);
    expect(structure.untagged).toEqual([]);
    // Every page has structure, under one Document element in the dossier's language.
    expect(pages).toHaveLength(structure.pages.length);
    for (const page of pages) {
      expect(page.children.map((child) => [child.role, child.lang])).toEqual([['Document', t.locale]]);
    }
  });

  it('gives every section a first-level heading, in the order of the contents, and its parts second-level ones', () => {
    const h1 = pages.flatMap((page) => all(page, 'H1')).map(textOf);
    const sections = [t.sections.summary, t.sections.warnings, t.sections.applicability, t.sections.audits, t.sections.incidents, t.sections.changes, t.sections.sovereignty, t.sections.timeline, t.sections.evidence, t.sections.integrity];
    expect(h1).toEqual([t.cover.title, t.toc.title, ...sections.map((s) => s.title)]);
    const h2 = pages.flatMap((page) => all(page, 'H2')).map(textOf);
    expect(h2).toEqual(expect.arrayContaining([t.sections.summary.lifecycle, t.sections.summary.readiness, t.sections.audits.findings, t.sections.integrity.verifyTitle]));
    expect(pages.flatMap((page) => all(page, 'H3')).map(textOf)).toEqual(expect.arrayContaining([t.sections.audits.findingsChart, t.sections.incidents.chart]));
    const entries = pages.flatMap((page) => all(page, 'TOCI')).map(textOf);
    for (const section of sections) expect(entries).toContainEqual(expect.stringMatching(new RegExp(`^${section.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+$`)));
  });

  it('keeps running headers and page numbers out of the content', () => {
    const read = pages.map(textOf).join(' ');
    expect(read).not.toContain(t.footer.replace('{n}', '2').replace('{total}', String(pages.length)));
    const label = textOf(all(pages[0], 'H2')[0]);
    const service = textOf(all(pages[0], 'LBody')[0]);
    const header = t.header.replace('{label}', label).replace('{service}', service).split('{asOf}')[0];
    expect(read).toContain(label);
    expect(read).not.toContain(header);
    // The header is still printed on the page, for readers of the paper copy.
    expect(execFileSync('pdftotext', ['-f', '3', '-l', '3', file, '-']).toString('utf8')).toContain(header.trim());
  });

  it('reads the evidence index as a table: column headings once, then one row per file with its hash and name', () => {
    const c = t.sections.evidence.columns;
    const tables = pages.flatMap((page) => all(page, 'Table'));
    const headed = tables.filter((table) => table.children[0]?.children.every((cell) => cell.role === 'TH') && cells(table.children[0])[0] === c.sha256);
    // The heading row is repeated on each page the index reaches, as an artefact: it is read once.
    expect(headed).toHaveLength(1);
    const [heading, ...rows] = headed[0].children;
    expect(cells(heading)).toEqual([c.sha256, c.name, c.size, c.effective, c.validUntil]);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row.children.map((cell) => cell.role)).toEqual(['TD', 'TD', 'TD', 'TD', 'TD']);
      expect(cells(row)[0]).toMatch(HEX64);
    }

    // poppler's text extraction in content order reads each file's hash, then its name, before the next file.
    const text = execFileSync('pdftotext', ['-raw', file, '-']).toString('utf8');
    const start = text.indexOf(`${c.sha256} ${c.name} ${c.size}`);
    expect(start).toBeGreaterThan(0);
    let at = start;
    for (const row of rows) {
      const [hash, name] = cells(row);
      const hashAt = text.indexOf(hash, at);
      const nameAt = text.indexOf(name.split(' ')[0].slice(0, 12), hashAt);
      expect(hashAt).toBeGreaterThan(at);
      expect(nameAt).toBeGreaterThan(hashAt);
      at = nameAt;
    }
  });

  it('gives tables header cells, group rows a heading across the columns, and prints label–value pairs as lists', () => {
    const tables = pages.flatMap((page) => all(page, 'Table'));
    const headings = tables.map((table) => table.children[0]).filter((row) => row.children.every((cell) => cell.role === 'TH'));
    const findings = t.sections.audits.findingColumns;
    expect(headings.map(cells)).toContainEqual(Object.values(findings));
    const applicability = t.sections.applicability.columns;
    expect(headings.map(cells)).toContainEqual(Object.values(applicability));
    // The statement of applicability is grouped by chapter: a row whose only cell is a header.
    const groups = tables.flatMap((table) => table.children).filter((row) => row.children.length === 1 && row.children[0].role === 'TH');
    expect(groups.length).toBeGreaterThan(10);

    const coverList = all(pages[0], 'L')[0];
    expect(coverList.children.map((item) => item.children.map((part) => part.role))).toEqual(Object.values(t.cover.fields).map(() => ['Lbl', 'LBody']));
    expect(coverList.children.map((item) => textOf(item.children[0]))).toEqual(Object.values(t.cover.fields));
  });

  it('gives the readiness bars, the timeline and the ownership structure an alternative text with their figures', () => {
    const figures = pages.flatMap((page) => all(page, 'Figure'));
    for (const figure of figures) expect(figure.alt ?? '').not.toBe('');
    const alts = figures.map((figure) => figure.alt ?? '');
    const readiness = alts.find((alt) => alt.startsWith(`${t.sections.summary.readiness}:`));
    // Each chapter by its number and title, with its share and counts.
    expect(readiness).toMatch(/5 — .+ — \d+\s?%/);
    expect(alts).toContainEqual(expect.stringMatching(new RegExp(`^${t.sections.timeline.chart}: 1\\. `)));
    const ownership = alts.find((alt) => alt.includes('→'));
    expect(ownership).toBeDefined();
    expect(alts).toContainEqual(expect.stringContaining(`${t.sections.audits.findingsChart}: `));
    expect(alts).toContainEqual(expect.stringContaining(`${t.sections.incidents.chart}: `));
  });

  it('breaks no rule of PDFBox preflight that PDF/A-3 shares with PDF/A-1 (fonts, metadata, colour, syntax)', () => {
    const run = spawnSync('java', ['-cp', PREFLIGHT, 'org.apache.pdfbox.preflight.Validator_A1b', file]);
    const report = run.stdout.toString('utf8');
    const errors = report.split('\n').filter((line) => /^\d+(\.\d+)+ : /.test(line));
    expect(report).toContain('error(s)');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((error) => !PDFA1_ONLY.some((known) => known.test(error)))).toEqual([]);
  });

  it('declares PDF/A-3 level A in its metadata', () => {
    const raw = readFileSync(file).toString('latin1');
    expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
  });
});
