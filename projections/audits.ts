import type { AuditEvent, AuditKind, Verdict } from '../src/audits/audits.events';
import { dataOf, sourceOf, type Projection, type ProjectedEvent, type Source } from './projection';

type Data<T extends AuditEvent['type']> = Extract<AuditEvent, { type: T }>['data'];

export interface AuditDoc {
  auditId: string;
  certificationId: string;
  kind: AuditKind;
  auditor: string;
  plannedStart: string;
  plannedEnd: string;
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
export const auditsProjection: Projection<AuditDoc> = {
  name: 'audits',
  version: 1,
  handles: ['AuditPlanned', 'AuditStarted', 'FindingRaised', 'FindingRemediated', 'FindingClosed', 'AuditCompleted'],
  keys: (event) => [String(event.data.auditId)],
  evolve(doc, event) {
    const type = event.type as AuditEvent['type'];
    if (type === 'AuditPlanned') return planned(event);
    if (!doc) return null;
    switch (type) {
      case 'AuditStarted':
        return { ...doc, startedOn: dataOf<Data<'AuditStarted'>>(event).on, status: 'in_progress' };
      case 'FindingRaised':
        return { ...doc, findings: doc.findings + 1, openFindings: doc.openFindings + 1 };
      case 'FindingRemediated':
      case 'FindingCorrected':
        return doc;
      case 'FindingClosed':
        return { ...doc, openFindings: doc.openFindings - 1 };
      case 'AuditCompleted': {
        const d = dataOf<Data<'AuditCompleted'>>(event);
        return { ...doc, completedOn: d.on, verdict: d.verdict, report: d.report, status: 'completed' };
      }
      default: {
        const unknown: never = type;
        return unknown;
      }
    }
  },
};

function planned(event: ProjectedEvent): AuditDoc {
  const d = dataOf<Data<'AuditPlanned'>>(event);
  return {
    auditId: d.auditId,
    certificationId: d.certificationId,
    kind: d.kind,
    auditor: d.auditor,
    plannedStart: d.plannedStart,
    plannedEnd: d.plannedEnd,
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
