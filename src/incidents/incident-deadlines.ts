/**
 * The regulatory deadlines an incident's facts give rise to, in our own words:
 *
 * - GDPR art. 33: a personal-data breach is notified to the CNIL within 72 h
 *   of becoming aware of it (we take the detection as the moment of awareness).
 * - NIS2 art. 23(4): a significant incident gets an early warning to the CSIRT
 *   or competent authority within 24 h, an incident notification within 72 h,
 *   and a final report within one month of the notification. In France ANSSI
 *   (CERT-FR) is both, so a report to ANSSI or to the CSIRT meets each stage.
 * - Customers (GDPR art. 34, NIS2 art. 23(1)): "without undue delay".
 *
 * Pure: no clock. `status` says whether a deadline was met, missed or is still
 * pending; whether a pending one is overdue depends on the moment asked about,
 * and is decided by queries.
 */
import type { NotificationKind, Obligation, Recipient } from './incidents.events';

export type { Obligation } from './incidents.events';

/** A notification recorded as not owed, with the reason and the provision that says so. */
export interface Waiver {
  obligation: Obligation;
  reason: string;
  legalBasis: string;
}

export interface IncidentFacts {
  incidentId: string;
  detectedAt: string;
  personalData: boolean;
  significant: boolean;
  resolvedAt: string | null;
  notifications: readonly { recipient: Recipient; kind: NotificationKind; sentAt: string }[];
  /** Absent from documents projected before waivers existed. */
  waivers?: readonly Waiver[];
}

export interface Deadline {
  obligation: Obligation;
  /** The incident the deadline belongs to. */
  subject: string;
  /** Who must receive it; for NIS2 stages a report to the CSIRT counts as well as one to ANSSI. */
  recipient: 'CNIL' | 'ANSSI' | 'customers';
  /** UTC instant, as toISOString writes it. */
  dueAt: string;
  /** sentAt of the first notification that counts for it. */
  metAt: string | null;
  /** waived: not owed for this incident (see `waiver`); never overdue. */
  status: 'met' | 'missed' | 'pending' | 'waived';
  waiver?: { reason: string; legalBasis: string };
}

const HOUR = 3600_000;

/**
 * "Without undue delay" for customers, made concrete: 24 h from detection.
 * It is the shortest statutory clock that runs for the same incident (the
 * NIS2 early warning), so customers never learn later than the authority's
 * first warning; a bound tighter than a working day would be met by nothing
 * but an automatic message, which is not the considered information owed.
 */
export const CUSTOMER_INFORMATION_HOURS = 24;

const after = (instant: string, hours: number) => new Date(Date.parse(instant) + hours * HOUR).toISOString();

/** One calendar month later, on the same day or the last day of a shorter month (31 Jan → 28/29 Feb), in UTC. */
export function oneMonthAfter(instant: string): string {
  const d = new Date(instant);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString();
}

const NIS2_RECIPIENTS: readonly Recipient[] = ['ANSSI', 'CSIRT'];

/** The sentAt of the earliest notification to one of `recipients` of one of `kinds`, or null. */
function firstSent(facts: IncidentFacts, recipients: readonly Recipient[], kinds: readonly NotificationKind[]): string | null {
  const sent = facts.notifications
    .filter((n) => recipients.includes(n.recipient) && kinds.includes(n.kind))
    .map((n) => new Date(n.sentAt).toISOString())
    .sort();
  return sent[0] ?? null;
}

function deadline(facts: IncidentFacts, obligation: Obligation, recipient: Deadline['recipient'], dueAt: string, metAt: string | null): Deadline {
  const waived = facts.waivers?.find((w) => w.obligation === obligation);
  if (waived) return { obligation, subject: facts.incidentId, recipient, dueAt, metAt: null, status: 'waived', waiver: { reason: waived.reason, legalBasis: waived.legalBasis } };
  const status = metAt === null ? 'pending' : Date.parse(metAt) <= Date.parse(dueAt) ? 'met' : 'missed';
  return { obligation, subject: facts.incidentId, recipient, dueAt, metAt, status };
}

/**
 * The final report is due one month after the incident notification was
 * sent (or after it was due, while it has not been). When the incident is
 * still being handled then, NIS2 art. 23(4)(f) asks for a progress report at
 * that date and the final report within one month of the end of handling:
 * so a resolution later than the first month moves the deadline to one month
 * after the resolution.
 */
function finalReportDue(facts: IncidentFacts, notifiedAt: string | null): string {
  const firstMonth = oneMonthAfter(notifiedAt ?? after(facts.detectedAt, 72));
  if (facts.resolvedAt !== null && Date.parse(facts.resolvedAt) > Date.parse(firstMonth)) return oneMonthAfter(facts.resolvedAt);
  return firstMonth;
}

export function incidentDeadlines(facts: IncidentFacts): Deadline[] {
  const deadlines: Deadline[] = [];
  if (facts.personalData) {
    deadlines.push(deadline(facts, 'cnil_notification', 'CNIL', after(facts.detectedAt, 72), firstSent(facts, ['CNIL'], ['notification'])));
  }
  if (facts.significant) {
    const notifiedAt = firstSent(facts, NIS2_RECIPIENTS, ['notification']);
    // A full notification says at least what an early warning says: sent first, it serves as the warning too.
    deadlines.push(deadline(facts, 'nis2_early_warning', 'ANSSI', after(facts.detectedAt, 24), firstSent(facts, NIS2_RECIPIENTS, ['early_warning', 'notification'])));
    deadlines.push(deadline(facts, 'nis2_notification', 'ANSSI', after(facts.detectedAt, 72), notifiedAt));
    deadlines.push(deadline(facts, 'nis2_final_report', 'ANSSI', finalReportDue(facts, notifiedAt), firstSent(facts, NIS2_RECIPIENTS, ['final_report'])));
  }
  if (facts.personalData || facts.significant) {
    deadlines.push(deadline(facts, 'customer_information', 'customers', after(facts.detectedAt, CUSTOMER_INFORMATION_HOURS), firstSent(facts, ['customers'], ['information'])));
  }
  return deadlines;
}

/** Pending past its due instant at `now`; met, missed and waived are facts of the log and never overdue. */
export const isOverdue = (d: Pick<Deadline, 'status' | 'dueAt'>, now: Date): boolean => d.status === 'pending' && Date.parse(d.dueAt) < now.getTime();
