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
  /** `on`: the day of the remediation (the day recorded, for remediations recorded before it was asked). */
  remediations: { action: string; evidence: string[]; on: string; recorded: Source }[];
  /** The latest remediation's day, as corrected: when the finding reads remediated in business time. */
  remediatedOn: string | null;
  /** Business dates set right after the fact, oldest first. */
  corrections: { field: string; from: string; to: string; reason: string; recorded: Source }[];
  resolution: Resolution | null;
  justification: string | null;
  /** The day the finding was closed: when the obligation to correct was met. */
  closedOn: string | null;
  /** Still open when its audit completed: followed up after the audit. */
  openAtCompletion: boolean;
  recorded: Source;
}

/** Findings raised by audits, keyed by finding id, from raised to closed. */
export const findingsProjection: Projection<FindingDoc, Extract<AuditEvent, { type: 'FindingRaised' | 'FindingRemediated' | 'FindingClosed' | 'AuditCompleted' | 'FindingCorrected' }>> = {
  name: 'findings',
  version: 3,
  handles: ['FindingRaised', 'FindingRemediated', 'FindingClosed', 'AuditCompleted', 'FindingCorrected'],
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
        closedOn: null, openAtCompletion: false, recorded: sourceOf(event), remediatedOn: null, corrections: [],
      };
    }
    if (!doc) return null;
    switch (type) {
      case 'FindingRemediated': {
        const { action, evidence, on } = event.data;
        const day = on ?? event.metadata.recordedAt.slice(0, 10);
        const remediatedOn = doc.remediatedOn !== null && doc.remediatedOn > day ? doc.remediatedOn : day;
        return { ...doc, status: 'remediated', remediatedOn, remediations: [...doc.remediations, { action, evidence, on: day, recorded: sourceOf(event) }] };
      }
      case 'FindingClosed': {
        const { resolution, justification, closedOn } = event.data;
        return { ...doc, status: 'closed', resolution, justification, closedOn: closedOn ?? event.metadata.recordedAt.slice(0, 10) };
      }
      case 'AuditCompleted':
        return { ...doc, openAtCompletion: true };
      case 'FindingCorrected': {
        const { field, from, to, reason } = event.data;
        return { ...doc, [field]: to, corrections: [...(doc.corrections ?? []), { field, from, to, reason, recorded: sourceOf(event) }] };
      }
      default: {
        const unknown: never = type;
        return unknown;
      }
    }
  },
};

/** A finding not closed by the end of its due day. */
export const isOverdue = (finding: FindingDoc, today: string) => finding.status !== 'closed' && finding.dueOn < today;
