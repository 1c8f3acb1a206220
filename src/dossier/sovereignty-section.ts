import { evaluate, REQUIREMENTS } from '../../projections/sovereignty/evaluate';
import { holdingsOn } from '../../projections/sovereignty/ledger';
import { noticeStatus } from '../../projections/sovereignty/notices';
import type { SovereigntyDoc } from '../../projections/sovereignty/projection';
import type { DossierSovereignty } from './dossier.model';

/**
 * Protection against non-EU law as the dossier shows it: the evaluation on
 * the dossier's own date (its "today"), so the same position always gives the
 * same section. A pending notice past its day reads as overdue on that date.
 */
export function sovereigntySection(doc: SovereigntyDoc | null, today: string): DossierSovereignty | null {
  const e = doc && evaluate(doc, today);
  if (!doc || !e) return null;
  return {
    validAt: e.validAt,
    provider: e.provider.name,
    verdicts: REQUIREMENTS.map((requirement) => ({ requirement, verdict: e.requirements[requirement].verdict })),
    thresholds: e.thresholds,
    collective: e.nonEu.collective,
    holders: e.holders.map((h) => ({ entityId: h.entityId, name: h.name, country: h.country, nonEu: h.nonEu, ...h.effective, method: h.method })),
    controlRights: e.controlRights.map(({ holder, of, kind, counts }) => ({ holder, of, kind, counts })),
    access: e.access.map(({ party, jurisdiction, path, open }) => ({ party, jurisdiction, path, open })),
    accessReviews: e.accessReviews.map(({ changeId, reviewedAt, effect, party, jurisdiction }) => ({ changeId, reviewedAt, effect, party, jurisdiction })),
    locations: e.locations.map(({ kind, name, country, eu }) => ({ kind, name, country, eu })),
    structure: structureOf(doc, e),
    notices: doc.notices.map((n) => {
      const status = noticeStatus(n);
      return { obligation: n.obligation, changeOn: n.changeOn, dueOn: n.dueOn, sentAt: n.sentAt, status: status === 'pending' && n.dueOn < today ? 'overdue' : status };
    }),
  };
}

/** The ownership chart's data: the provider and every entity with a share in it that day, and the holdings between them. */
function structureOf(doc: SovereigntyDoc, e: NonNullable<ReturnType<typeof evaluate>>): DossierSovereignty['structure'] {
  const entities = [
    // The provider counts as non-EU as 19.6.a does: any of its three seats outside the Union.
    { entityId: e.provider.entityId, name: e.provider.name, country: e.establishment.registeredOffice.country, nonEu: e.requirements['19.6.a'].verdict === 'breached', provider: true },
    ...e.holders.map((h) => ({ entityId: h.entityId, name: h.name, country: h.country, nonEu: h.nonEu, provider: false })),
  ].sort((a, b) => a.entityId.localeCompare(b.entityId));
  const shown = new Set(entities.map((x) => x.entityId));
  const holdings = holdingsOn(doc.holdings, e.validAt)
    .filter((h) => shown.has(h.holder) && shown.has(h.of))
    .map(({ holder, of, capitalPercent, votingPercent }) => ({ holder, of, capitalPercent, votingPercent }))
    .sort((a, b) => a.holder.localeCompare(b.holder) || a.of.localeCompare(b.of));
  return { entities, holdings };
}
