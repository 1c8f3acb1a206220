import type { AuditEvent, Resolution, Severity } from '../src/audits/audits.events';
import { sourceOf, type Projection, type Source } from './projection';

export interface FindingDoc {
  findingId: string;
  auditId: string;
  certificationId: string;
  severity: Severity;
  requirement: string;
  title: string;
  raisedOn: string;
  dueOn: string;
  status: 'open' | 'remediated' | 'closed';
  remediations: { action: string; evidence: string[]; recorded: Source }[];
  resolution: Resolution | null;
  justification: string | null;
  /** The day the finding was closed: when the obligation to correct was met. */
  closedOn: string | null;
  /** Still open when its audit completed: followed up after the audit. */
  openAtCompletion: boolean;
  recorded: Source;
}

/** Findings raised by audits, keyed by finding id, from raised to closed. */
export const findingsProjection: Projection<FindingDoc, Extract<AuditEvent, { type: 'FindingRaised' | 'FindingRemediated' | 'FindingClosed' | 'AuditCompleted' }>> = {
  name: 'findings',
  version: 2,
  handles: ['FindingRaised', 'FindingRemediated', 'FindingClosed', 'AuditCompleted'],
  keys(event) {
    if (event.type === 'AuditCompleted') return event.data.openFindings;
    return [String(event.data.findingId)];
  },
  evolve(doc, event) {
    const type = event.type;
    if (type === 'FindingRaised') {
      const d = event.data;
      return {
        findingId: d.findingId, auditId: d.auditId, certificationId: d.certificationId, severity: d.severity, requirement: d.requirement,
        title: d.title, raisedOn: d.raisedOn, dueOn: d.dueOn, status: 'open', remediations: [], resolution: null, justification: null,
        closedOn: null, openAtCompletion: false, recorded: sourceOf(event),
      };
    }
    if (!doc) return null;
    switch (type) {
      case 'FindingRemediated': {
        const { action, evidence } = event.data;
        return { ...doc, status: 'remediated', remediations: [...doc.remediations, { action, evidence, recorded: sourceOf(event) }] };
      }
      case 'FindingClosed': {
        const { resolution, justification, closedOn } = event.data;
        return { ...doc, status: 'closed', resolution, justification, closedOn: closedOn ?? event.metadata.recordedAt.slice(0, 10) };
      }
      case 'AuditCompleted':
        return { ...doc, openAtCompletion: true };
      default: {
        const unknown: never = type;
        return unknown;
      }
    }
  },
};

/** A finding not closed by the end of its due day. */
export const isOverdue = (finding: FindingDoc, today: string) => finding.status !== 'closed' && finding.dueOn < today;
