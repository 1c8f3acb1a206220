import type { SovereigntyDoc } from '../../projections/sovereignty/projection';
import type { CertificationDoc } from '../../projections/certifications';
import type { RequirementStatusDoc } from '../../projections/requirement-status';
import type { AuditDoc } from '../../projections/audits';
import type { FindingDoc } from '../../projections/findings';
import { obligationsOf } from '../../projections/obligations';
import { slipDays, type TimelineEntry } from '../../projections/timeline';
import type { IncidentDoc } from '../../projections/incidents';
import type { ChangeDoc } from '../../projections/changes';
import type { EvidenceDoc } from '../../projections/evidence';
import type { DossierModel, DossierPersonName } from './dossier.model';
import { personOf, type References } from './references';
import type { RequirementHistory } from './unassessed-on';
import type { FilesOf } from './evidence-files';

export interface DossierDocs {
  certification: CertificationDoc;
  requirements: RequirementStatusDoc[];
  audits: AuditDoc[];
  findings: FindingDoc[];
  incidents: IncidentDoc[];
  changes: ChangeDoc[];
  timeline: TimelineEntry[];
  evidence: EvidenceDoc[];
  /** Subject ids erased from the people registry at the dossier's position. */
  erased: ReadonlySet<string>;
  /** Names and organisations of the people the dossier names, from the people registry (none for the erased). */
  people: ReadonlyMap<string, DossierPersonName>;
  /** Facts of protection against non-EU law, when any are recorded. */
  sovereignty?: SovereigntyDoc | null;
  /** A requirement's statements and checks, read when a past day's status is asked (grants over unassessed requirements). */
  history?: RequirementHistory;
}

/** An incident concerns a certification when it names it, or names none: then it concerns the whole platform. */
export const incidentsOf = (incidents: IncidentDoc[], certificationId: string) =>
  incidents.filter((i) => i.certificationId === null || i.certificationId === certificationId);

export function incidentRows(incidents: IncidentDoc[], asOf: string, refs: References, files: FilesOf): DossierModel['incidents'] {
  return [...incidents]
    .sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.incidentId.localeCompare(b.incidentId))
    .map((i) => ({
      incidentId: i.incidentId, title: i.title, severity: i.severity, detectedAt: i.detectedAt, personalData: i.personalData, significant: i.significant,
      status: i.status, containedAt: i.containedAt, resolvedAt: i.resolvedAt,
      deadlines: obligationsOf({ certifications: [], findings: [], incidents: [i] }, new Date(asOf)).map(refs.obligation),
      notifications: i.notifications.map(({ recipient, kind, sentAt, reference }) => ({ recipient, kind, sentAt, reference })),
      waivers: i.waivers.map(({ obligation, reason, legalBasis }) => ({ obligation, reason, legalBasis })),
      summary: i.summary,
      postmortem: files(i.postmortem ?? []),
    }));
}

export function changeRows(changes: ChangeDoc[], erased: ReadonlySet<string>, people: ReadonlyMap<string, DossierPersonName>): DossierModel['changes'] {
  return [...changes]
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.changeId.localeCompare(b.changeId))
    .map((ch) => ({
      changeId: ch.changeId, source: ch.source, release: ch.release, receivedAt: ch.receivedAt, decision: ch.decision, risk: ch.risk,
      reviewedAt: ch.reviewedAt, reviewer: ch.reviewedBy ? { subject: ch.reviewedBy, ...personOf(ch.reviewedBy, erased, people) } : null, description: ch.description, notes: ch.notes, providerWide: (ch.certificationIds ?? null) === null,
      deployments: ch.deployments.map(({ environment, deployedAt, emergency, exception, justification }) => ({ environment, deployedAt, emergency, exception, justification })),
    }));
}

/** The partnership's milestones, and this certification's steps and audits. */
export function timelineRows(docs: DossierDocs, certificationId: string): DossierModel['timeline'] {
  const audits = new Set(docs.audits.map((a) => `audit:${a.auditId}`));
  return docs.timeline
    .filter((e) => e.source === 'milestone' || e.key.startsWith(`certification:${certificationId}:`) || audits.has(e.key))
    .sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key))
    .map((e) => ({
      date: e.date, source: e.source, kind: e.kind, title: e.title, originallyPlannedFor: e.originallyPlannedFor, plannedFor: e.plannedFor,
      occurredOn: e.occurredOn, slipDays: slipDays(e), providerWide: e.source === 'milestone' && e.certificationIds === undefined,
    }));
}

/** Every stored file the dossier cites: check evidence, remediations, audit reports and post-mortems. */
export function evidenceRows(docs: DossierDocs, applicability: DossierModel['applicability']): DossierModel['evidence'] {
  const cited = new Set([
    ...applicability.flatMap((r) => r.evidence),
    ...docs.findings.flatMap((f) => f.remediations.flatMap((r) => r.evidence)),
    ...docs.audits.flatMap((a) => (a.report ? [a.report] : [])),
    ...docs.incidents.flatMap((i) => i.postmortem ?? []),
  ]);
  return docs.evidence
    .filter((e) => cited.has(e.sha256))
    .sort((a, b) => a.sha256.localeCompare(b.sha256))
    .map(({ sha256, name, mediaType, size, effectiveOn, validUntil, description }) => ({ sha256, name, mediaType, size, effectiveOn, validUntil, description }));
}
