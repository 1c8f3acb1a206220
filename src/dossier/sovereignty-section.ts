import { evaluate, REQUIREMENTS } from '../../projections/sovereignty/evaluate';
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
    locations: e.locations.map(({ kind, name, country, eu }) => ({ kind, name, country, eu })),
    notices: doc.notices.map((n) => {
      const status = noticeStatus(n);
      return { obligation: n.obligation, changeOn: n.changeOn, dueOn: n.dueOn, sentAt: n.sentAt, status: status === 'pending' && n.dueOn < today ? 'overdue' : status };
    }),
  };
}
