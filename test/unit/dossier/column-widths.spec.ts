import PDFDocument from 'pdfkit';
import { templates } from '../../../templates';
import type { DossierTemplate } from '../../../templates/template';
import { fontFiles } from '../../../src/dossier/render/fonts';

/**
 * pdfkit cuts a word that is wider than its column in the middle. For every
 * table, each column's heading, and the labels the column shows, must fit
 * word by word in both languages.
 */
interface Content {
  text: string;
  /** How the renderer writes it: headings and status labels in bold, notes small. */
  style: 'bold' | 'regular' | 'note';
}

function columnContents(t: DossierTemplate): Record<string, readonly (readonly Content[])[]> {
  const s = t.sections;
  const c = t.codes;
  const as = (style: Content['style'], labels: Readonly<Record<string, string>>) => Object.values(labels).map((text) => ({ text, style }));
  const table = (headings: Readonly<Record<string, string>>, labels: Record<number, readonly Content[]> = {}) =>
    Object.values(headings).map((text, i) => [{ text, style: 'bold' as const }, ...(labels[i] ?? [])]);
  return {
    steps: table(s.summary.stepColumns, { 0: as('regular', c.certificationStep) }),
    warnings: table(s.warnings.columns, { 0: as('bold', s.warnings.kinds) }),
    warningCounts: table(s.warnings.countColumns, { 0: as('bold', s.warnings.kinds) }),
    overdue: table(s.summary.overdueColumns, { 0: as('regular', c.obligation), 3: as('bold', c.obligationStatus) }),
    applicability: table(s.applicability.columns, { 2: as('regular', c.applicable), 3: as('bold', c.requirementStatus), 4: as('note', c.method) }),
    programme: table(s.audits.columns, { 1: as('regular', c.auditKind), 6: as('bold', c.verdict) }),
    passi: table(s.audits.passiColumns, { 1: as('bold', c.yesNo) }),
    findings: table(s.audits.findingColumns, { 1: as('regular', c.findingSeverity), 5: as('regular', c.findingStatus), 6: as('regular', c.resolution) }),
    incidents: table(s.incidents.columns, { 1: as('bold', c.incidentSeverity), 3: as('regular', c.yesNo), 4: as('regular', c.yesNo), 5: as('regular', c.incidentStatus) }),
    deadlines: table(s.incidents.deadlineColumns, { 0: as('regular', c.obligation), 3: as('bold', c.obligationStatus) }),
    changes: table(s.changes.columns, { 2: as('bold', c.decision), 3: as('regular', c.risk) }),
    exceptions: table(s.changes.exceptionColumns),
    findingHistory: table(s.audits.historyColumns, { 1: [{ text: s.audits.raised, style: 'regular' }, { text: s.audits.remediation, style: 'regular' }] }),
    followUp: table(s.incidents.followUpColumns, { 0: [{ text: s.incidents.postmortem, style: 'regular' }, { text: s.incidents.summary, style: 'regular' }] }),
    changeNotes: table(s.changes.notesColumns, { 1: as('regular', c.decision) }),
    timeline: table(s.timeline.columns, { 2: as('bold', c.certificationStep), 3: [...as('regular', c.milestoneKind), ...as('regular', c.timelineSource)] }),
    evidence: table(s.evidence.columns),
    streams: table(s.integrity.columns),
    sovereigntyVerdicts: table(s.sovereignty.verdictColumns, { 0: as('regular', s.sovereignty.requirements), 1: as('bold', s.sovereignty.verdict) }),
    sovereigntyHolders: table(s.sovereignty.holderColumns, { 2: as('regular', c.yesNo), 5: as('regular', s.sovereignty.method) }),
    sovereigntyRights: table(s.sovereignty.rightColumns, { 2: as('regular', s.sovereignty.rightKind), 3: as('regular', c.yesNo) }),
    sovereigntyAccess: table(s.sovereignty.accessColumns, { 2: as('regular', s.sovereignty.path), 3: as('regular', c.yesNo) }),
    sovereigntyLocations: table(s.sovereignty.locationColumns, { 0: as('regular', s.sovereignty.locationKind), 3: as('regular', c.yesNo) }),
    sovereigntyNotices: table(s.sovereignty.noticeColumns, { 4: as('bold', s.sovereignty.noticeStatus) }),
  };
}

describe.each(['fr', 'en'] as const)('column widths in %s', (language) => {
  const t = templates[language];
  const fonts = fontFiles(t.layout.fonts);
  const doc = new PDFDocument({ autoFirstPage: false, font: fonts.regular });
  const textWidth = t.layout.page.size[0] - t.layout.page.margins.left - t.layout.page.margins.right;
  const contents = columnContents(t);

  it('cover every table the layout sizes', () => {
    expect(Object.keys(contents).sort()).toEqual(Object.keys(t.layout.columns).sort());
  });

  it.each(Object.keys(t.layout.columns))('fit every word of the %s table in its column', (table) => {
    const shares = t.layout.columns[table];
    expect(contents[table]).toHaveLength(shares.length);
    const tooWide = contents[table].flatMap((texts, i) => {
      const room = shares[i] * textWidth - 2 * t.layout.table.headerPadding;
      return texts.flatMap(({ text, style }) => {
        doc.font(style === 'bold' ? fonts.bold : fonts.regular).fontSize(style === 'note' ? t.layout.sizes.small : t.layout.sizes.table);
        return text.split(/[\s\u00a0]+|(?<=-)/).filter((word) => doc.widthOfString(word) > room).map((word) => `${word} (column ${i}, ${(doc.widthOfString(word) + 2 * t.layout.table.headerPadding) / textWidth})`);
      });
    });
    expect(tooWide).toEqual([]);
  });
});
