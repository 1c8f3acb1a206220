/**
 * State on a business date, from the read models as recorded: pure helpers
 * that drop what had not happened yet on the date asked (`instant`, or its
 * `day` for facts dated by day). What the ledger knew is chosen before these
 * run (asOf picks the documents); these choose what was true on the date.
 */
import { incidentDeadlines } from '../src/incidents/incident-deadlines';
import type { AuditDoc } from './audits';
import type { CertificationDoc } from './certifications';
import type { ChangeDoc } from './changes';
import { isOverdue, type FindingDoc } from './findings';
import type { IncidentDoc } from './incidents';
import type { TimelineEntry } from './timeline';

/** A business point: the last instant it covers, and that instant's day. */
export interface BusinessPoint {
  instant: string;
  day: string;
}

const LIFECYCLE_STATUS: Record<string, CertificationDoc['status'] | undefined> = {
  CertificationApplicationFiled: 'applied',
  CertificationGranted: 'granted',
  CertificationSuspended: 'suspended',
  CertificationRenewed: 'granted',
  CertificationWithdrawn: 'withdrawn',
};

/** The certification as it stood on `at.day`; null before it was filed. */
export function certificationOn(doc: CertificationDoc, at: BusinessPoint): CertificationDoc | null {
  if (doc.filedAt > at.day) return null;
  const history = doc.history.filter((h) => h.on <= at.day);
  const lifecycle = history.filter((h) => LIFECYCLE_STATUS[h.type] !== undefined).sort((a, b) => a.on.localeCompare(b.on));
  const status = LIFECYCLE_STATUS[lifecycle[lifecycle.length - 1].type] ?? 'applied';
  const granted = doc.grantedOn !== null && doc.grantedOn <= at.day;
  const renewals = doc.renewals.filter((r) => r.on <= at.day);
  const validUntil = renewals.length > 0 ? renewals[renewals.length - 1].validUntil : granted ? doc.grantedValidUntil : null;
  return {
    ...doc,
    status,
    steps: doc.steps.filter((s) => s.on <= at.day),
    grantedOn: granted ? doc.grantedOn : null,
    grantedValidUntil: granted ? doc.grantedValidUntil : null,
    validUntil,
    renewals,
    suspended: status === 'suspended' ? doc.suspended : null,
    withdrawn: status === 'withdrawn' ? doc.withdrawn : null,
    history,
  };
}

/** The finding as it stood on `at.day`, with whether it was overdue then; null before it was raised. */
export function findingOn(doc: FindingDoc, at: BusinessPoint): (FindingDoc & { overdue: boolean }) | null {
  if (doc.raisedOn > at.day) return null;
  const remediations = doc.remediations.filter((r) => (r.on ?? r.recorded.recordedAt.slice(0, 10)) <= at.day);
  const closed = doc.closedOn !== null && doc.closedOn <= at.day;
  const remediatedOn = doc.remediatedOn ?? null;
  const remediated = remediatedOn !== null ? remediatedOn <= at.day : remediations.length > 0;
  const status: FindingDoc['status'] = closed ? 'closed' : remediated ? 'remediated' : 'open';
  const finding: FindingDoc = {
    ...doc,
    status,
    remediations,
    remediatedOn: remediated ? remediatedOn : null,
    closedOn: closed ? doc.closedOn : null,
    resolution: closed ? doc.resolution : null,
    justification: closed ? doc.justification : null,
    corrections: doc.corrections ?? [],
  };
  return { ...finding, overdue: isOverdue(finding, at.day) };
}

/**
 * The audit as it stood on `at.day`, its finding counts from `findings` (its
 * findings as they stood then); null before it was planned.
 */
export function auditOn(doc: AuditDoc, at: BusinessPoint, findings: readonly Pick<FindingDoc, 'status'>[]): AuditDoc | null {
  const started = doc.startedOn !== null && doc.startedOn <= at.day;
  if (doc.plannedOn > at.day && !started) return null;
  const completed = doc.completedOn !== null && doc.completedOn <= at.day;
  return {
    ...doc,
    startedOn: started ? doc.startedOn : null,
    completedOn: completed ? doc.completedOn : null,
    verdict: completed ? doc.verdict : null,
    report: completed ? doc.report : null,
    status: completed ? 'completed' : started ? 'in_progress' : 'planned',
    findings: findings.length,
    openFindings: findings.filter((f) => f.status !== 'closed').length,
  };
}

/** The incident as it stood at `at.instant`, its deadlines computed from what had been sent by then; null before its detection. */
export function incidentOn(doc: IncidentDoc, at: BusinessPoint): IncidentDoc | null {
  if (doc.detectedAt > at.instant) return null;
  const notifications = doc.notifications.filter((n) => n.sentAt <= at.instant);
  const containedAt = doc.containedAt !== null && doc.containedAt <= at.instant ? doc.containedAt : null;
  const resolvedAt = doc.resolvedAt !== null && doc.resolvedAt <= at.instant ? doc.resolvedAt : null;
  const status: IncidentDoc['status'] = resolvedAt ? 'resolved' : containedAt ? 'contained' : 'open';
  const waivers = doc.waivers ?? [];
  const incident = { ...doc, notifications, containedAt, resolvedAt, status, summary: resolvedAt ? doc.summary : null, waivers, corrections: doc.corrections ?? [] };
  return { ...incident, postmortem: resolvedAt ? doc.postmortem : null, deadlines: incidentDeadlines(incident) };
}

/** The change as it stood at `at.instant`: reviews and deployments after it are not yet there; null before it was received. */
export function changeOn(doc: ChangeDoc, at: BusinessPoint): ChangeDoc | null {
  if (doc.receivedAt > at.instant) return null;
  const reviewed = doc.reviewedAt !== null && doc.reviewedAt <= at.instant;
  const deployments = doc.deployments.filter((d) => d.deployedAt <= at.instant);
  if (reviewed && deployments.length === doc.deployments.length) return doc;
  const deployed = deployments.length > 0;
  // As the change register's own status: an unreviewed deployment is an exception, a rejection stands.
  const status: ChangeDoc['status'] = !reviewed ? (deployed ? 'exception' : 'received') : doc.decision === 'rejected' ? 'rejected' : deployed ? 'deployed' : 'approved';
  return {
    ...doc,
    decision: reviewed ? doc.decision : null,
    risk: reviewed ? doc.risk : null,
    reviewedAt: reviewed ? doc.reviewedAt : null,
    notes: reviewed ? doc.notes : null,
    retrospectiveReview: reviewed && doc.retrospectiveReview,
    deployments,
    status,
    reviewedBeforeDeployment: deployed ? deployments.every((d) => !d.exception) : null,
  };
}

const DAY = 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY);

/**
 * A timeline entry on `at.day`: its plan as it stood then (slips decided
 * later not yet made), achieved once its date has come, late (by so many
 * days) once its planned date has passed without it. Null for what was not
 * on the timeline yet: an audit not yet planned, or a fact with no plan that
 * had not happened.
 */
export function timelineEntryOn(entry: TimelineEntry, at: BusinessPoint) {
  const achieved = entry.occurredOn !== null && entry.occurredOn <= at.day;
  if (entry.plannedOn !== null && entry.plannedOn > at.day && !achieved) return null;
  const slips = entry.slips.filter((slip) => slip.on <= at.day);
  const plannedFor = slips.length > 0 ? slips[slips.length - 1].to : entry.originallyPlannedFor;
  if (!achieved && plannedFor === null) return null;
  const occurredOn = achieved ? entry.occurredOn : null;
  const late = !achieved && plannedFor !== null && plannedFor < at.day;
  const status = achieved ? 'achieved' : late ? 'late' : 'planned';
  const current = occurredOn ?? (late ? at.day : plannedFor);
  const slipDays = entry.originallyPlannedFor && current ? daysBetween(entry.originallyPlannedFor, current) : null;
  const date = occurredOn ?? plannedFor ?? entry.date;
  return { ...entry, plannedFor, slips, occurredOn, date, status, slipDays, daysLate: late && plannedFor ? daysBetween(plannedFor, at.day) : null };
}
