import type { CertificationDoc } from './certifications';
import type { FindingDoc } from './findings';

export type ObligationStatus = 'met' | 'missed' | 'pending' | 'overdue' | 'waived';

/** Obligations derived from findings and certifications; incidents add theirs (OBLIGATIONS of the incident register). */
export const FINDING_DUE = 'finding_due';
export const CERTIFICATION_RENEWAL = 'certification_renewal';

/** A dated duty: a notification to send, a finding to correct, a certification to renew. */
export interface Obligation {
  /** cnil_notification, nis2_early_warning, nis2_notification, nis2_final_report, customer_information, finding_due, certification_renewal */
  obligation: string;
  /** The incident, finding or certification it belongs to. */
  subject: string;
  certificationId: string | null;
  /** An instant for notifications, a calendar date for corrections and renewals. */
  dueAt: string;
  metAt: string | null;
  status: ObligationStatus;
}

/** What obligations need of an incident: its deadlines as the incident register computed them from the facts. */
export interface IncidentDeadlines {
  incidentId: string;
  certificationId: string | null;
  deadlines: { obligation: string; dueAt: string; metAt: string | null; status: 'met' | 'missed' | 'pending' | 'waived' }[];
}

export interface ObligationSources {
  certifications: readonly CertificationDoc[];
  findings: readonly FindingDoc[];
  incidents: readonly IncidentDeadlines[];
}

/** Pending becomes overdue once its due point has passed at `now`; met and missed are facts of the log. */
const settle = (status: 'met' | 'missed' | 'pending' | 'waived', dueAt: string, now: string): ObligationStatus =>
  status === 'pending' && dueAt < now.slice(0, dueAt.length) ? 'overdue' : status;

/**
 * Every obligation derived from the other read models, as of `now` (the
 * clock, or the as-of instant): incident deadlines, finding due dates and
 * certification renewals. Derived at query time rather than stored, because
 * "overdue" depends on the moment asked about.
 */
export function obligationsOf(sources: ObligationSources, now: Date): Obligation[] {
  const instant = now.toISOString();
  const incidentDuties = sources.incidents.flatMap((incident) =>
    incident.deadlines.map((d) => ({
      obligation: d.obligation,
      subject: incident.incidentId,
      certificationId: incident.certificationId,
      dueAt: d.dueAt,
      metAt: d.metAt,
      status: settle(d.status, d.dueAt, instant),
    })),
  );
  const findingDuties = sources.findings.map((f) => ({
    obligation: FINDING_DUE,
    subject: f.findingId,
    certificationId: f.certificationId,
    dueAt: f.dueOn,
    metAt: f.closedOn,
    status: settle(f.closedOn === null ? 'pending' : f.closedOn <= f.dueOn ? 'met' : 'missed', f.dueOn, instant),
  }));
  return [...incidentDuties, ...findingDuties, ...sources.certifications.flatMap((c) => renewals(c, instant))].sort(
    (a, b) => a.dueAt.localeCompare(b.dueAt) || a.obligation.localeCompare(b.obligation) || a.subject.localeCompare(b.subject),
  );
}

/** Each renewal met (or missed) the end of the validity it extended; the current validity is the one still to renew. */
function renewals(c: CertificationDoc, now: string): Obligation[] {
  if (c.grantedValidUntil === null || c.validUntil === null || c.status === 'withdrawn') return [];
  const base = { obligation: CERTIFICATION_RENEWAL, subject: c.id, certificationId: c.id };
  const ends = [c.grantedValidUntil, ...c.renewals.map((r) => r.validUntil)];
  const done = c.renewals.map((r, i): Obligation => ({ ...base, dueAt: ends[i], metAt: r.on, status: r.on <= ends[i] ? 'met' : 'missed' }));
  return [...done, { ...base, dueAt: c.validUntil, metAt: null, status: settle('pending', c.validUntil, now) }];
}
