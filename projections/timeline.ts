import type { AuditEvent } from '../src/audits/audits.events';
import type { CertificationEvent } from '../src/certifications/certifications.events';
import type { MilestoneEvent } from '../src/milestones/milestones.events';
import { plannedOn } from './audits';
import { sourceOf, type Projection, type ProjectedOf, type Source } from './projection';

type CertificationStep = Extract<CertificationEvent, { type: Exclude<CertificationEvent['type'], 'CertificationSuspended'> }>;
type AuditStep = Extract<AuditEvent, { type: 'AuditPlanned' | 'AuditStarted' }>;

export interface TimelineEntry {
  key: string;
  /** What the entry is: a partnership milestone, a certification step, an audit. */
  source: 'milestone' | 'certification' | 'audit';
  kind: string;
  title: string;
  /** The plan as first recorded, and as it stands now. */
  originallyPlannedFor: string | null;
  plannedFor: string | null;
  occurredOn: string | null;
  /** The day the plan was made, where one is recorded (audits): the entry is on the timeline from then on. */
  plannedOn: string | null;
  /** `on`: the day the slip was decided (the day recorded, for slips recorded before it was asked). */
  slips: { from: string | null; to: string; reason: string; on: string }[];
  reference: string | null;
  /** A milestone's certifications; absent: it concerns the whole provider (steps and audits belong to theirs by key). */
  certificationIds?: string[];
  /** Sorting date: achieved if achieved, planned otherwise. */
  date: string;
  recorded: Source;
}

const entry = (e: Omit<TimelineEntry, 'date'>): TimelineEntry => ({ ...e, date: e.occurredOn ?? e.plannedFor ?? '' });

/**
 * The partnership timeline: milestones with planned against achieved dates
 * and slips, the certification's steps and grant, and audits (planned start,
 * actual start), so the first audit appears in its place.
 */
export const timelineProjection: Projection<TimelineEntry, MilestoneEvent | CertificationStep | AuditStep> = {
  name: 'timeline',
  // 3: documents are stored with their date in the order index. 4: business days of plans and slips; milestones carry their certifications.
  version: 4,
  orderBy: 'date',
  handles: [
    'MilestoneRecorded',
    'MilestoneAchieved',
    'MilestoneSlipped',
    'CertificationApplicationFiled',
    'CertificationStepRecorded',
    'CertificationGranted',
    'CertificationRenewed',
    'CertificationWithdrawn',
    'AuditPlanned',
    'AuditStarted',
  ],
  keys(event) {
    switch (event.type) {
      case 'MilestoneRecorded':
      case 'MilestoneAchieved':
      case 'MilestoneSlipped':
        return [`milestone:${event.data.milestoneId}`];
      case 'AuditPlanned':
      case 'AuditStarted':
        return [`audit:${event.data.auditId}`];
      default:
        return [certificationKey(event)];
    }
  },
  evolve(doc, event) {
    switch (event.type) {
      case 'MilestoneRecorded':
      case 'MilestoneAchieved':
      case 'MilestoneSlipped':
        return milestone(doc, event);
      case 'AuditPlanned':
      case 'AuditStarted':
        return audit(doc, event);
      default:
        return certification(event);
    }
  },
};

function milestone(doc: TimelineEntry | null, event: ProjectedOf<MilestoneEvent>): TimelineEntry | null {
  switch (event.type) {
    case 'MilestoneRecorded': {
      const d = event.data;
      return entry({
        key: `milestone:${d.milestoneId}`, source: 'milestone', kind: d.kind, title: d.title, originallyPlannedFor: d.plannedFor,
        plannedFor: d.plannedFor, occurredOn: d.occurredOn, plannedOn: null, slips: [], reference: d.source, recorded: sourceOf(event),
        ...(d.certificationIds === undefined ? {} : { certificationIds: d.certificationIds }),
      });
    }
    case 'MilestoneAchieved':
      return doc && entry({ ...doc, occurredOn: event.data.occurredOn });
    case 'MilestoneSlipped': {
      const d = event.data;
      const slip = { from: d.previouslyPlannedFor, to: d.plannedFor, reason: d.reason, on: d.on ?? event.metadata.recordedAt.slice(0, 10) };
      return doc && entry({ ...doc, plannedFor: d.plannedFor, slips: [...doc.slips, slip] });
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

const certificationKey = (event: ProjectedOf<CertificationStep>): string =>
  event.type === 'CertificationStepRecorded'
    ? `certification:${event.data.certificationId}:${event.data.step}`
    : `certification:${event.data.certificationId}:${event.type.replace('Certification', '').toLowerCase()}`;

/** The timeline kind of a certification event other than a step: CertificationApplicationFiled reads "application filed". */
export const certificationEventKind = (type: CertificationEvent['type']): string => type.replace('Certification', '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function certification(event: ProjectedOf<CertificationStep>): TimelineEntry {
  const kind = event.type === 'CertificationStepRecorded' ? event.data.step : certificationEventKind(event.type);
  const on =
    event.type === 'CertificationApplicationFiled'
      ? (event.data.filedOn ?? event.metadata.recordedAt.slice(0, 10))
      : event.type === 'CertificationGranted'
        ? event.data.grantedOn
        : event.data.on;
  return entry({
    key: certificationKey(event), source: 'certification', kind, title: event.type === 'CertificationApplicationFiled' ? event.data.label : kind,
    originallyPlannedFor: null, plannedFor: null, occurredOn: on, plannedOn: null, slips: [], reference: event.data.certificationId, recorded: sourceOf(event),
  });
}

function audit(doc: TimelineEntry | null, event: ProjectedOf<AuditStep>): TimelineEntry | null {
  if (event.type === 'AuditPlanned') {
    const d = event.data;
    return entry({
      key: `audit:${d.auditId}`, source: 'audit', kind: d.kind, title: `${d.kind} audit`, originallyPlannedFor: d.plannedStart,
      plannedFor: d.plannedStart, occurredOn: null, plannedOn: plannedOn(d, event.metadata.recordedAt), slips: [], reference: d.certificationId, recorded: sourceOf(event),
    });
  }
  return doc && entry({ ...doc, occurredOn: event.data.on ?? doc.occurredOn });
}

/** Slip of an entry in days: how much later it is (or was) than first planned. */
export function slipDays(entry: TimelineEntry): number | null {
  const current = entry.occurredOn ?? entry.plannedFor;
  if (!entry.originallyPlannedFor || !current) return null;
  return Math.round((Date.parse(current) - Date.parse(entry.originallyPlannedFor)) / 86_400_000);
}
