import { comparePositions } from '../event-store/event-store';
import type { AuditDoc } from '../../projections/audits';
import type { FindingDoc } from '../../projections/findings';
import type { IncidentDoc } from '../../projections/incidents';
import type { CertificationDoc } from '../../projections/certifications';
import type { Obligation } from '../../projections/obligations';
import type { AuditReference, DossierObligation, DossierPersonName, FindingReference, ObligationSubject } from './dossier.model';

/**
 * How the dossier names things: an evaluator reads "PASSI 2026 · F-2", an
 * incident's title, a person's name; identifiers stay in the integrity annex.
 * Everything here is language-neutral; the template writes the words.
 */
export interface References {
  audit(auditId: string): AuditReference | null;
  finding(findingId: string): FindingReference | null;
  obligation(o: Pick<Obligation, 'obligation' | 'subject' | 'dueAt' | 'metAt' | 'status'>): DossierObligation;
}

/** The year an audit is known by: when it started, else when it was planned to. */
const yearOf = (a: AuditDoc) => Number((a.startedOn ?? a.plannedStart).slice(0, 4));

export function referencesOf(certification: CertificationDoc, audits: readonly AuditDoc[], findings: readonly FindingDoc[], incidents: readonly IncidentDoc[]): References {
  const ordered = [...audits].sort((a, b) => a.plannedStart.localeCompare(b.plannedStart) || a.auditId.localeCompare(b.auditId));
  const groups = new Map<string, AuditDoc[]>();
  for (const a of ordered) groups.set(`${a.kind}:${yearOf(a)}`, [...(groups.get(`${a.kind}:${yearOf(a)}`) ?? []), a]);
  const auditRefs = new Map<string, AuditReference>();
  for (const group of groups.values()) {
    group.forEach((a, i) => auditRefs.set(a.auditId, { kind: a.kind, year: yearOf(a), n: group.length > 1 ? i + 1 : null }));
  }
  const findingRefs = new Map<string, FindingReference>();
  const byAudit = new Map<string, FindingDoc[]>();
  for (const f of [...findings].sort((a, b) => comparePositions(a.recorded.position, b.recorded.position) || a.findingId.localeCompare(b.findingId))) {
    byAudit.set(f.auditId, [...(byAudit.get(f.auditId) ?? []), f]);
  }
  for (const [auditId, list] of byAudit) {
    const audit = auditRefs.get(auditId);
    if (audit) list.forEach((f, i) => findingRefs.set(f.findingId, { audit, number: i + 1 }));
  }
  const findingById = new Map(findings.map((f) => [f.findingId, f]));
  const incidentById = new Map(incidents.map((i) => [i.incidentId, i]));

  const about = (subject: string): ObligationSubject => {
    const incident = incidentById.get(subject);
    if (incident) return { kind: 'incident', title: incident.title, detectedAt: incident.detectedAt };
    const finding = findingById.get(subject);
    const reference = findingRefs.get(subject);
    if (finding && reference) return { kind: 'finding', reference, title: finding.title };
    if (subject === certification.id) return { kind: 'certification', label: certification.label };
    return { kind: 'other' };
  };
  return {
    audit: (auditId) => auditRefs.get(auditId) ?? null,
    finding: (findingId) => findingRefs.get(findingId) ?? null,
    obligation: ({ obligation, subject, dueAt, metAt, status }) => ({ obligation, subject, about: about(subject), dueAt, metAt, status }),
  };
}

/** A person as the dossier shows them, from the names the registry gave (erased people have none). */
export function personOf(subject: string, erased: ReadonlySet<string>, people: ReadonlyMap<string, DossierPersonName>) {
  const known = erased.has(subject) ? undefined : people.get(subject);
  return { erased: erased.has(subject), name: known?.name ?? null, organisation: known?.organisation ?? null };
}
