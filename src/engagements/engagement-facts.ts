import { categoryOf } from '../event-store/event-store';
import type { EngagementScope } from '../auth/engagement-policy';

/** The log's facts as an engagement sees them: whose they are, on which business day. */
export interface LoggedFact {
  stream: string;
  type: string;
  data: Record<string, unknown>;
  metadata: { recordedAt: string };
}

/**
 * Whose facts a stream holds: some certifications, the whole provider (which
 * every certification's dossier shows: provider-wide incidents, changes and
 * milestones, the sovereignty structure), evidence files (seen only when
 * relied on), or nobody an auditor may see (tokens, engagements, people,
 * witnesses, checkpoints).
 */
export type StreamOwner = { certifications: readonly string[] } | 'provider' | 'evidence' | 'hidden';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const list = (value: unknown): string[] | null => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null);

/** Owners known from the stream's name alone; null when the stream's first event must say. */
export function ownerByName(stream: string): StreamOwner | null {
  const rest = stream.slice(stream.indexOf('-') + 1);
  switch (categoryOf(stream)) {
    case 'certification':
    case 'dossier':
      return { certifications: [rest] };
    case 'control':
      return { certifications: [rest.slice(0, rest.lastIndexOf(':'))] };
    case 'sovereignty':
      return 'provider';
    case 'evidence':
      return 'evidence';
    case 'audit':
    case 'incident':
    case 'change':
    case 'milestone':
      return null;
    default:
      return 'hidden';
  }
}

/** The owner of an audit, incident, change or milestone stream, from the event that opened it. */
export function ownerByFirstEvent(first: Pick<LoggedFact, 'type' | 'data'>): StreamOwner {
  switch (first.type) {
    case 'AuditPlanned':
      return { certifications: [String(first.data.certificationId)] };
    case 'IncidentDetected': {
      const id = text(first.data.certificationId);
      return id === null ? 'provider' : { certifications: [id] };
    }
    case 'UpstreamChangeReceived':
    case 'MilestoneRecorded': {
      const ids = list(first.data.certificationIds);
      return ids === null ? 'provider' : { certifications: ids };
    }
    default:
      return 'hidden';
  }
}

export const concernsEngagement = (owner: StreamOwner, scope: Pick<EngagementScope, 'certificationIds'>): boolean =>
  owner === 'provider' || (typeof owner === 'object' && owner.certifications.some((id) => scope.certificationIds.includes(id)));

/** The field of each fact that holds its business date or instant; facts not listed are dated by the day they were recorded. */
const BUSINESS_FIELD: Record<string, readonly string[]> = {
  CertificationApplicationFiled: ['filedOn'],
  CertificationStepRecorded: ['on'],
  CertificationGranted: ['grantedOn'],
  CertificationSuspended: ['on'],
  CertificationRenewed: ['on'],
  CertificationWithdrawn: ['on'],
  ApplicabilityStated: ['on'],
  ControlCheckRecorded: ['performedAt'],
  AuditPlanned: ['plannedOn'],
  AuditStarted: ['on'],
  FindingRaised: ['raisedOn'],
  FindingRemediated: ['on'],
  FindingClosed: ['closedOn'],
  AuditCompleted: ['on'],
  IncidentDetected: ['detectedAt'],
  NotificationSent: ['sentAt'],
  IncidentContained: ['at'],
  IncidentResolved: ['at'],
  UpstreamChangeReceived: ['receivedAt'],
  ChangeReviewed: ['reviewedAt'],
  ChangeDeployed: ['deployedAt'],
  MilestoneRecorded: ['occurredOn', 'plannedFor'],
  MilestoneAchieved: ['occurredOn'],
  MilestoneSlipped: ['on'],
  EntityRegistered: ['establishedOn'],
  EntityRelocated: ['on'],
  HoldingRecorded: ['on'],
  ControlRightGranted: ['on'],
  ControlRightEnded: ['on'],
  AccessPathRecorded: ['from'],
  LocationRecorded: ['from'],
  CustomerNoticeSent: ['sentAt'],
  EvidenceStored: ['effectiveOn'],
};

/**
 * The business day of a fact (UTC day of an instant). A correction is dated
 * by the day it was recorded; the fact it corrects keeps its recorded date.
 */
export function businessDayOf(fact: Pick<LoggedFact, 'type' | 'data' | 'metadata'>): string {
  for (const field of BUSINESS_FIELD[fact.type] ?? []) {
    const value = text(fact.data[field]);
    if (value !== null) return value.length > 10 ? new Date(value).toISOString().slice(0, 10) : value;
  }
  return fact.metadata.recordedAt.slice(0, 10);
}

export const inWindow = (day: string, scope: Pick<EngagementScope, 'windowFrom' | 'windowTo'>) => day >= scope.windowFrom && day <= scope.windowTo;

/** The evidence each kind of fact relies on. */
function evidenceOf(fact: Pick<LoggedFact, 'type' | 'data'>): string[] {
  switch (fact.type) {
    case 'ControlCheckRecorded':
    case 'FindingRemediated':
      return list(fact.data.evidence) ?? [];
    case 'PostmortemAttached':
      return [text(fact.data.evidence)].filter((s): s is string => s !== null);
    case 'AuditCompleted':
      return [text(fact.data.report)].filter((s): s is string => s !== null);
    default:
      return [];
  }
}

export const citesEvidence = (fact: Pick<LoggedFact, 'type' | 'data'>): boolean => evidenceOf(fact).length > 0;

/**
 * The evidence an engagement may download: what its certifications' facts
 * dated in the window rely on, and what the state at the window's start
 * rests on (each requirement's latest check before the window). `facts` are
 * the facts of the streams the engagement concerns, in log order.
 */
export function evidenceRelied(facts: Iterable<LoggedFact>, scope: EngagementScope): Set<string> {
  const relied = new Set<string>();
  const latestBefore = new Map<string, { day: string; evidence: string[] }>();
  for (const fact of facts) {
    const evidence = evidenceOf(fact);
    if (evidence.length === 0) continue;
    const day = businessDayOf(fact);
    if (inWindow(day, scope)) evidence.forEach((sha256) => relied.add(sha256));
    else if (fact.type === 'ControlCheckRecorded' && day < scope.windowFrom) {
      const latest = latestBefore.get(fact.stream);
      if (!latest || latest.day <= day) latestBefore.set(fact.stream, { day, evidence });
    }
  }
  for (const { evidence } of latestBefore.values()) evidence.forEach((sha256) => relied.add(sha256));
  return relied;
}
