import type { AuditEvent, AuditKind, Verdict } from '../src/audits/audits.events';
import { sourceOf, type Projection, type EventOf, type Source } from './projection';

export interface AuditDoc {
  auditId: string;
  certificationId: string;
  kind: AuditKind;
  auditor: string;
  plannedStart: string;
  plannedEnd: string;
  /** The day the plan was made: the audit exists from then on in business time. */
  plannedOn: string;
  startedOn: string | null;
  completedOn: string | null;
  verdict: Verdict | null;
  report: string | null;
  status: 'planned' | 'in_progress' | 'completed';
  findings: number;
  openFindings: number;
  recorded: Source;
}

/** The audit programme: one document per audit, with its finding counts. */
export const auditsProjection: Projection<AuditDoc, Extract<AuditEvent, { type: 'AuditPlanned' | 'AuditStarted' | 'FindingRaised' | 'FindingRemediated' | 'FindingClosed' | 'AuditCompleted' }>> = {
  name: 'audits',
  // 2: the day the plan was made.
  version: 2,
  handles: ['AuditPlanned', 'AuditStarted', 'FindingRaised', 'FindingRemediated', 'FindingClosed', 'AuditCompleted'],
  keys: (event) => [String(event.data.auditId)],
  evolve(doc, event) {
    const type = event.type;
    if (type === 'AuditPlanned') return planned(event);
    if (!doc) return null;
    switch (type) {
      case 'AuditStarted':
        return { ...doc, startedOn: event.data.on, status: 'in_progress' };
      case 'FindingRaised':
        return { ...doc, findings: doc.findings + 1, openFindings: doc.openFindings + 1 };
      case 'FindingRemediated':
        return doc;
      case 'FindingClosed':
        return { ...doc, openFindings: doc.openFindings - 1 };
      case 'AuditCompleted': {
        const d = event.data;
        return { ...doc, completedOn: d.on, verdict: d.verdict, report: d.report, status: 'completed' };
      }
      default: {
        const unknown: never = type;
        return unknown;
      }
    }
  },
};

function planned(event: EventOf<AuditEvent, 'AuditPlanned'>): AuditDoc {
  const d = event.data;
  return {
    auditId: d.auditId,
    certificationId: d.certificationId,
    kind: d.kind,
    auditor: d.auditor,
    plannedStart: d.plannedStart,
    plannedEnd: d.plannedEnd,
    plannedOn: plannedOn(d, event.metadata.recordedAt),
    startedOn: null,
    completedOn: null,
    verdict: null,
    report: null,
    status: 'planned',
    findings: 0,
    openFindings: 0,
    recorded: sourceOf(event),
  };
}

/** The day a plan was made: its own, or for plans recorded before they had one, the day recorded or the planned start if earlier. */
export function plannedOn(data: { plannedOn?: string; plannedStart: string }, recordedAt: string): string {
  if (data.plannedOn) return data.plannedOn;
  const recordedOn = recordedAt.slice(0, 10);
  return recordedOn < data.plannedStart ? recordedOn : data.plannedStart;
}
