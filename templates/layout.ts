import type { Layout } from './template';

/**
 * The page as both languages draw it: A4 portrait, sober colours that stay
 * readable when printed in grey, and column shares tuned so that the longest
 * French headings fit on two lines.
 */
export const layout: Layout = {
  page: { size: [595.28, 841.89], margins: { top: 64, bottom: 56, left: 50, right: 50 } },
  fonts: { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', mono: 'DejaVuSansMono' },
  sizes: { coverTitle: 26, coverSubtitle: 13, h1: 16, h2: 11.5, body: 9, table: 7.5, small: 6.5, hash: 6, header: 7 },
  colours: {
    paper: '#ffffff',
    text: '#1f2933',
    muted: '#616e7c',
    accent: '#1d3c78',
    rule: '#9aa5b1',
    headerFill: '#dfe5ee',
    groupFill: '#eef2f7',
    zebra: '#f7f9fb',
    highlight: '#fdecea',
    good: '#2f7d4f',
    warning: '#c77c02',
    bad: '#b42318',
    neutral: '#9aa5b1',
  },
  tones: {
    requirementStatus: { passed: 'good', partial: 'warning', failed: 'bad', not_applicable: 'neutral', not_assessed: 'neutral' },
    obligationStatus: { met: 'good', pending: 'neutral', missed: 'bad', overdue: 'bad', waived: 'neutral' },
    findingSeverity: { major: 'bad', minor: 'warning', observation: 'accent' },
    incidentSeverity: { critical: 'bad', high: 'warning', medium: 'accent', low: 'neutral' },
    verdict: { pass: 'good', conditional: 'warning', fail: 'bad' },
    decision: { approved: 'good', rejected: 'bad' },
    risk: { low: 'good', medium: 'warning', high: 'bad' },
    certificationStatus: { applied: 'accent', granted: 'good', suspended: 'warning', withdrawn: 'bad' },
  },
  table: { padding: 3, headerPadding: 3.5 },
  columns: {
    steps: [0.3, 0.3],
    warnings: [0.24, 0.62, 0.14],
    warningCounts: [0.5, 0.12],
    overdue: [0.3, 0.34, 0.2, 0.16],
    applicability: [0.07, 0.41, 0.19, 0.11, 0.12, 0.1],
    programme: [0.14, 0.11, 0.14, 0.19, 0.1, 0.11, 0.12, 0.09],
    passi: [0.2, 0.2],
    findings: [0.12, 0.13, 0.13, 0.26, 0.11, 0.11, 0.14],
    incidents: [0.21, 0.1, 0.12, 0.1, 0.11, 0.1, 0.13, 0.13],
    deadlines: [0.4, 0.2, 0.2, 0.2],
    changes: [0.22, 0.12, 0.11, 0.09, 0.12, 0.34],
    exceptions: [0.2, 0.16, 0.17, 0.47],
    timeline: [0.05, 0.11, 0.34, 0.13, 0.13, 0.12, 0.12],
    evidence: [0.48, 0.24, 0.08, 0.1, 0.1],
    streams: [0.42, 0.1, 0.48],
    sovereigntyVerdicts: [0.7, 0.3],
    sovereigntyHolders: [0.3, 0.18, 0.07, 0.13, 0.15, 0.17],
    sovereigntyRights: [0.3, 0.3, 0.25, 0.15],
    sovereigntyAccess: [0.45, 0.17, 0.23, 0.15],
    sovereigntyLocations: [0.15, 0.55, 0.15, 0.15],
    sovereigntyNotices: [0.2, 0.2, 0.2, 0.2, 0.2],
  },
  charts: { barHeight: 11, barGap: 4, labelWidth: 170, timelineHeight: 150 },
};
