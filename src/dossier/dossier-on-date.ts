import type { DocumentView } from '../read-side/document-view';
import { notFound } from '../shared/errors';
import type { ValidAt } from '../shared/valid-at';
import { auditOn, certificationOn, changeOn, findingOn, incidentOn, timelineEntryOn } from '../../projections/business-time';
import { statusAt } from '../../projections/freshness';
import { historyPrefix, type RequirementHistoryEntry } from '../../projections/requirement-history';
import type { DossierDocs } from './dossier-sections';

const existing = <T>(item: T | null): item is T => item !== null;

/**
 * The documents a dossier draws on, as they stood on a business date: facts
 * dated after it are left out, statuses are that date's. Pure over the view,
 * so the same position and date always draw the same file.
 */
export function docsOn(docs: DossierDocs, view: DocumentView, at: ValidAt): DossierDocs {
  const certification = certificationOn(docs.certification, at);
  if (!certification) throw notFound(`certification ${docs.certification.id} was not yet filed on ${at.day}`);
  const findings = docs.findings.map((f) => findingOn(f, at)).filter(existing).map(({ overdue: _overdue, ...finding }) => finding);
  const history = (ref: string) => () => view.list<RequirementHistoryEntry>('requirement-history', { keyPrefix: historyPrefix(certification.id, ref) }).map((d) => d.doc);
  return {
    ...docs,
    certification,
    requirements: docs.requirements.map((doc) => statusAt(doc, at, history(doc.ref))),
    audits: docs.audits.map((a) => auditOn(a, at, findings.filter((f) => f.auditId === a.auditId))).filter(existing),
    findings,
    incidents: docs.incidents.map((i) => incidentOn(i, at)).filter(existing),
    changes: docs.changes.map((c) => changeOn(c, at)).filter(existing),
    // The entry as it stood then, without the fields a query adds: the dossier works out slips itself.
    timeline: docs.timeline.map((e) => timelineEntryOn(e, at)).filter(existing).map(({ status: _s, slipDays: _d, daysLate: _l, ...entry }) => entry),
  };
}
