import { countryName } from '../../../../projections/sovereignty/countries';
import { fill } from '../format';
import { paragraph, startSection, subheading, type Ctx } from '../layout';
import { drawTable, type Row } from '../tables';
import { ownershipChart } from '../ownership-chart';

/**
 * Protection against non-EU law on the dossier's date: the verdicts, the
 * shares of each holder against the thresholds, control rights, technical
 * access, locations and the 19.6.f customer notices.
 */
export function drawSovereignty(ctx: Ctx): void {
  const { t, f, model, layout } = ctx;
  const words = t.sections.sovereignty;
  startSection(ctx, words.title);
  const s = model.sovereignty;
  if (!s) {
    paragraph(ctx, words.empty);
    return;
  }
  const percent = (value: number) => fill(t.numbers.percent, { n: f.number(value, Number.isInteger(value) ? 0 : 2) });
  const country = (code: string) => `${countryName(code, ctx.language)} (${code})`;
  const good = (ok: boolean): 'good' | 'bad' => (ok ? 'good' : 'bad');
  paragraph(ctx, fill(words.intro, { date: f.date(s.validAt), provider: s.provider, individual: percent(s.thresholds.individualPercent), collective: percent(s.thresholds.collectivePercent) }));
  if (s.structure && s.structure.entities.length > 0) {
    const title = fill(words.chart, { date: f.date(s.validAt) });
    subheading(ctx, title, 200);
    ownershipChart(ctx, title, s.structure, percent);
  }

  const table = (title: string, widths: string, headings: Readonly<Record<string, string>>, rows: Row[]) => {
    subheading(ctx, title);
    if (rows.length === 0) paragraph(ctx, words.none);
    else drawTable(ctx, layout.columns[widths], Object.values(headings).map((heading) => ({ heading })), rows);
  };
  table(words.verdicts, 'sovereigntyVerdicts', words.verdictColumns, s.verdicts.map((v) => ({ cells: [words.requirements[v.requirement] ?? v.requirement, { text: words.verdict[v.verdict], tone: good(v.verdict === 'compliant'), bold: true }] })));
  table(
    words.holders,
    'sovereigntyHolders',
    words.holderColumns,
    s.holders.map((h) => {
      const over = h.nonEu && Math.max(h.capitalPercent, h.votingPercent) > s.thresholds.individualPercent;
      return { cells: [h.name, country(h.country), f.yesNo(!h.nonEu), { text: percent(h.capitalPercent), tone: over ? 'bad' : undefined }, { text: percent(h.votingPercent), tone: over ? 'bad' : undefined }, words.method[h.method] ?? h.method] };
    }),
  );
  paragraph(ctx, fill(words.collective, { capital: percent(s.collective.capitalPercent), voting: percent(s.collective.votingPercent) }));
  table(words.rights, 'sovereigntyRights', words.rightColumns, s.controlRights.map((r) => ({ cells: [r.holder, r.of, words.rightKind[r.kind] ?? r.kind, { text: f.yesNo(r.counts), tone: r.counts ? 'bad' : undefined }] })));
  table(words.access, 'sovereigntyAccess', words.accessColumns, s.access.map((a) => ({ cells: [a.party, country(a.jurisdiction), words.path[a.path] ?? a.path, { text: f.yesNo(a.open), tone: a.open ? 'bad' : undefined }] })));
  const reviews = s.accessReviews ?? [];
  if (reviews.length > 0) {
    const rows = reviews.map((r) => ({ cells: [r.party, country(r.jurisdiction), words.effect[r.effect] ?? r.effect, { text: r.changeId, note: f.instant(r.reviewedAt) }] }));
    table(words.accessReviews, 'sovereigntyAccess', words.accessReviewColumns, rows);
  }
  table(words.locations, 'sovereigntyLocations', words.locationColumns, s.locations.map((l) => ({ cells: [words.locationKind[l.kind] ?? l.kind, l.name, country(l.country), { text: f.yesNo(l.eu), tone: good(l.eu) }] })));
  table(
    words.notices,
    'sovereigntyNotices',
    words.noticeColumns,
    s.notices.map((n) => ({ cells: [n.obligation, f.date(n.changeOn), f.date(n.dueOn), f.instant(n.sentAt), { text: words.noticeStatus[n.status] ?? n.status, tone: good(n.status === 'met' || n.status === 'waived') }] })),
  );
}
