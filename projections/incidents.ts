import { incidentDeadlines, type Deadline, type Waiver } from '../src/incidents/incident-deadlines';
import type { IncidentEvent, IncidentSeverity, NotificationKind, Recipient } from '../src/incidents/incidents.events';
import { sourceOf, type Projection, type EventOf, type Source } from './projection';

export interface IncidentNotification {
  recipient: Recipient;
  kind: NotificationKind;
  sentAt: string;
  reference: string | null;
  recorded: Source;
}

export interface IncidentDoc {
  incidentId: string;
  /** null: the incident concerns the whole platform, hence every certification's dossier. */
  certificationId: string | null;
  title: string;
  severity: IncidentSeverity;
  personalData: boolean;
  significant: boolean;
  detectedAt: string;
  containedAt: string | null;
  resolvedAt: string | null;
  summary: string | null;
  /** SHA-256 of each post-mortem attached, oldest first; null until one is. */
  postmortem: string[] | null;
  status: 'open' | 'contained' | 'resolved';
  /** In the order they were sent. */
  notifications: IncidentNotification[];
  /** Met, missed or pending as the log says; overdue is decided by queries at their own instant. */
  deadlines: Deadline[];
  /** Notifications recorded as not owed, with why. */
  waivers: (Waiver & { recorded: Source })[];
  /** Business instants set right after the fact, oldest first. */
  corrections: { field: string; from: string; to: string; reason: string; recorded: Source }[];
  recorded: Source;
}

/** Recomputed from the facts at every event, so a late notification moves a deadline from pending to missed. */
const withDeadlines = (doc: IncidentDoc): IncidentDoc => ({ ...doc, deadlines: incidentDeadlines(doc) });

/** The incident register: one document per incident, with its notifications and regulatory deadlines. */
export const incidentsProjection: Projection<IncidentDoc, IncidentEvent> = {
  name: 'incidents',
  version: 2,
  handles: ['IncidentDetected', 'NotificationSent', 'IncidentContained', 'IncidentResolved', 'PostmortemAttached', 'NotificationWaived', 'IncidentCorrected'],
  keys: (event) => [String(event.data.incidentId)],
  evolve(doc, event) {
    const type = event.type;
    if (type === 'IncidentDetected') return withDeadlines(detected(event));
    if (!doc) return null;
    switch (type) {
      case 'NotificationSent': {
        const { recipient, kind, sentAt, reference } = event.data;
        const notifications = [...doc.notifications, { recipient, kind, sentAt, reference, recorded: sourceOf(event) }].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
        return withDeadlines({ ...doc, notifications });
      }
      case 'IncidentContained':
        return { ...doc, containedAt: event.data.at, status: 'contained' };
      case 'IncidentResolved': {
        const { at, summary } = event.data;
        return withDeadlines({ ...doc, resolvedAt: at, summary, status: 'resolved' });
      }
      case 'PostmortemAttached':
        return { ...doc, postmortem: [...(doc.postmortem ?? []), event.data.evidence] };
      case 'NotificationWaived': {
        const { obligation, reason, legalBasis } = event.data;
        return withDeadlines({ ...doc, waivers: [...doc.waivers, { obligation, reason, legalBasis, recorded: sourceOf(event) }] });
      }
      case 'IncidentCorrected': {
        const { field, from, to, reason } = event.data;
        return withDeadlines({ ...doc, [field]: to, corrections: [...doc.corrections, { field, from, to, reason, recorded: sourceOf(event) }] });
      }
      default: {
        const unknown: never = type;
        return unknown;
      }
    }
  },
};

function detected(event: EventOf<IncidentEvent, 'IncidentDetected'>): IncidentDoc {
  const d = event.data;
  return {
    incidentId: d.incidentId,
    certificationId: d.certificationId,
    title: d.title,
    severity: d.severity,
    personalData: d.personalData,
    significant: d.significant,
    detectedAt: d.detectedAt,
    containedAt: null,
    resolvedAt: null,
    summary: null,
    postmortem: null,
    status: 'open',
    notifications: [],
    deadlines: [],
    waivers: [],
    corrections: [],
    recorded: sourceOf(event),
  };
}
