import type { CertificationEvent } from '../src/certifications/certifications.events';
import type { MilestoneEvent } from '../src/milestones/milestones.events';
import { dataOf, sourceOf, type Projection, type ProjectedEvent, type Source } from './projection';

type MilestoneData<T extends MilestoneEvent['type']> = Extract<MilestoneEvent, { type: T }>['data'];

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
  slips: { from: string | null; to: string; reason: string }[];
  reference: string | null;
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
export const timelineProjection: Projection<TimelineEntry> = {
  name: 'timeline',
  // 3: documents are stored with their date in the order index.
  version: 3,
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
    const d = event.data as Record<string, unknown>;
    if (event.type.startsWith('Milestone')) return [`milestone:${d.milestoneId}`];
    if (event.type.startsWith('Audit')) return [`audit:${d.auditId}`];
    if (event.type === 'CertificationStepRecorded') return [`certification:${d.certificationId}:${d.step}`];
    return [`certification:${d.certificationId}:${event.type.replace('Certification', '').toLowerCase()}`];
  },
  evolve(doc, event) {
    if (event.type.startsWith('Milestone')) return milestone(doc, event);
    if (event.type.startsWith('Audit')) return audit(doc, event);
    return certification(event);
  },
};

function milestone(doc: TimelineEntry | null, event: ProjectedEvent): TimelineEntry | null {
  const type = event.type as MilestoneEvent['type'];
  switch (type) {
    case 'MilestoneRecorded': {
      const d = dataOf<MilestoneData<'MilestoneRecorded'>>(event);
      return entry({
        key: `milestone:${d.milestoneId}`, source: 'milestone', kind: d.kind, title: d.title, originallyPlannedFor: d.plannedFor,
        plannedFor: d.plannedFor, occurredOn: d.occurredOn, slips: [], reference: d.source, recorded: sourceOf(event),
      });
    }
    case 'MilestoneAchieved':
      return doc && entry({ ...doc, occurredOn: dataOf<MilestoneData<'MilestoneAchieved'>>(event).occurredOn });
    case 'MilestoneSlipped': {
      const d = dataOf<MilestoneData<'MilestoneSlipped'>>(event);
      return doc && entry({ ...doc, plannedFor: d.plannedFor, slips: [...doc.slips, { from: d.previouslyPlannedFor, to: d.plannedFor, reason: d.reason }] });
    }
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}

function certification(event: ProjectedEvent): TimelineEntry {
  const type = event.type as CertificationEvent['type'];
  const d = event.data as Record<string, string>;
  const on = d.on ?? d.grantedOn ?? d.filedOn ?? event.metadata.recordedAt.slice(0, 10);
  const key = timelineProjection.keys(event)[0];
  const kind = type === 'CertificationStepRecorded' ? d.step : type.replace('Certification', '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return entry({
    key, source: 'certification', kind, title: d.label ?? kind, originallyPlannedFor: null, plannedFor: null,
    occurredOn: on, slips: [], reference: d.certificationId, recorded: sourceOf(event),
  });
}

function audit(doc: TimelineEntry | null, event: ProjectedEvent): TimelineEntry | null {
  const d = event.data as Record<string, string>;
  if (event.type === 'AuditPlanned') {
    return entry({
      key: `audit:${d.auditId}`, source: 'audit', kind: d.kind, title: `${d.kind} audit`, originallyPlannedFor: d.plannedStart,
      plannedFor: d.plannedStart, occurredOn: null, slips: [], reference: d.certificationId, recorded: sourceOf(event),
    });
  }
  return doc && entry({ ...doc, occurredOn: d.on ?? doc.occurredOn });
}

/** Slip of an entry in days: how much later it is (or was) than first planned. */
export function slipDays(entry: TimelineEntry): number | null {
  const current = entry.occurredOn ?? entry.plannedFor;
  if (!entry.originallyPlannedFor || !current) return null;
  return Math.round((Date.parse(current) - Date.parse(entry.originallyPlannedFor)) / 86_400_000);
}
