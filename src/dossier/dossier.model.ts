import type { Freshness } from '../../projections/freshness';
/**
 * The evidence dossier as data: everything the PDF shows, computed from the
 * read models as of one log position. Language-neutral: codes (statuses,
 * severities, kinds) are translated by the template; every date comes from
 * the log, never from the clock, so the same position gives the same dossier.
 */
import type { Localised } from '../controls/catalog';
import type { TemplateLanguage } from '../../templates/template';

export type Language = TemplateLanguage;

export type { AuditReference, DossierFile, DossierWarning, FindingReference, ObligationSubject, WarningKind } from './dossier-parts.model';
import type { AuditReference, DossierFile, DossierWarning, FindingReference, ObligationSubject } from './dossier-parts.model';

export interface DossierModel {
  cover: {
    certificationId: string;
    label: string;
    service: string;
    evaluator: string | null;
    framework: { id: string; name: string; version: string; publisher: string; catalogVersion: number };
    /** The point the dossier describes: a log position and the instant it was recorded. */
    asOf: { position: string; recordedAt: string };
    /** Head of the whole log at that point, for the integrity annex. */
    logHead: { position: string; events: number };
    /** The business date the dossier shows the state on, when one was asked (else the as-of moment). */
    validAt?: string;
  };
  summary: {
    status: 'applied' | 'granted' | 'suspended' | 'withdrawn';
    steps: { step: string; on: string }[];
    grantedOn: string | null;
    validUntil: string | null;
    valid: boolean;
    daysToExpiry: number | null;
    readiness: {
      chapter: string;
      title: Localised;
      requirements: number;
      applicable: number;
      /** Passed and still current on the dossier's date: met. */
      passed: number;
      /** Passed, but the evidence expired or the review fell due: not counted as met. */
      stale: number;
      partial: number;
      failed: number;
      notAssessed: number;
      coverage: number;
      readiness: number;
    }[];
    counts: {
      requirements: number;
      applicable: number;
      /** Passes still current on the dossier's date: met. */
      passed: number;
      /** Passes no longer current (evidence expired, review due): not met. */
      stale: number;
      partial: number;
      failed: number;
      notAssessed: number;
      openFindings: number;
      overdueFindings: number;
      incidents: number;
      openIncidents: number;
      changes: number;
      emergencyDeployments: number;
      evidence: number;
    };
    overdueObligations: DossierObligation[];
  };
  /** What weakens the file on the dossier's date, before the details; empty when nothing does. */
  warnings: DossierWarning[];
  applicability: {
    ref: string;
    chapter: string;
    section: string;
    summary: Localised;
    /** null: no statement was made, the requirement applies by default. */
    applicable: boolean | null;
    justification: string | null;
    status: 'passed' | 'failed' | 'partial' | 'not_applicable' | 'not_assessed';
    latestCheck: { result: string; method: string; performedAt: string } | null;
    /** Whether the latest result still holds on the dossier's date; null when not assessed or not applicable. */
    freshness: Freshness | null;
    evidence: string[];
    /** The status computed from the sovereignty evaluation (decision 29); absent or null where none is. */
    computed?: { result: 'passed' | 'failed'; validAt: string; breachedBy: string[] } | null;
    /** The files the latest check relies on, by name and hash, flagged when expired on the dossier's date. */
    evidenceFiles: DossierFile[];
  }[];
  audits: {
    programme: {
      auditId: string;
      /** How people name the audit: its kind and year (e.g. PASSI 2026). */
      reference: AuditReference;
      kind: 'internal' | 'passi' | 'evaluation' | 'surveillance';
      auditor: string;
      /** The auditor's subject was erased from the people registry by then: shown as erased. */
      auditorErased: boolean;
      /** The auditor's name and organisation in the people registry; null when erased or never registered. */
      auditorName: string | null;
      auditorOrganisation: string | null;
      plannedStart: string;
      plannedEnd: string;
      startedOn: string | null;
      completedOn: string | null;
      verdict: 'pass' | 'conditional' | 'fail' | null;
      findings: number;
    }[];
    /** One row per calendar year from the application to the dossier's date. */
    passiByYear: { year: number; held: boolean }[];
    findings: {
      findingId: string;
      auditId: string;
      /** Its audit and its number in that audit, in the order raised: PASSI 2026 · F-2. */
      reference: FindingReference;
      severity: 'major' | 'minor' | 'observation';
      requirement: string;
      title: string;
      dueOn: string;
      status: string;
      overdue: boolean;
      resolution: string | null;
      raisedOn: string;
      closedOn: string | null;
      /** Why it was closed: the remediation verified, or the risk accepted and by what reasoning. */
      justification: string | null;
      remediations: { on: string; action: string; evidence: DossierFile[] }[];
    }[];
  };
  incidents: {
    incidentId: string;
    title: string;
    severity: 'low' | 'medium' | 'high' | 'critical';
    detectedAt: string;
    personalData: boolean;
    significant: boolean;
    status: string;
    containedAt: string | null;
    resolvedAt: string | null;
    deadlines: DossierObligation[];
    /** As sent, with the recipient's case number or our reference. */
    notifications: { recipient: string; kind: string; sentAt: string; reference: string | null }[];
    /** Notifications recorded as not owed, with the provision that says so. */
    waivers: { obligation: string; reason: string; legalBasis: string }[];
    /** The resolution summary and the post-mortem files. */
    summary: string | null;
    postmortem: DossierFile[];
  }[];
  changes: {
    changeId: string;
    source: string;
    release: string;
    receivedAt: string;
    decision: 'approved' | 'rejected' | null;
    risk: 'low' | 'medium' | 'high' | null;
    reviewedAt: string | null;
    /** Who recorded the review, named from the people registry (decision 31); null before any review. */
    reviewer: { subject: string; erased: boolean; name: string | null; organisation: string | null } | null;
    description: string;
    /** The reviewer's notes. */
    notes: string | null;
    /** It concerns the whole provider rather than named certifications. */
    providerWide: boolean;
    deployments: { environment: string; deployedAt: string; emergency: boolean; exception: boolean; justification: string | null }[];
  }[];
  timeline: {
    date: string;
    source: 'milestone' | 'certification' | 'audit';
    kind: string;
    title: string;
    originallyPlannedFor: string | null;
    plannedFor: string | null;
    occurredOn: string | null;
    slipDays: number | null;
    /** A milestone of the whole provider rather than of named certifications. */
    providerWide: boolean;
  }[];
  evidence: {
    sha256: string;
    name: string;
    mediaType: string;
    size: number;
    effectiveOn: string | null;
    validUntil: string | null;
    description: string | null;
  }[];
  /** Protection against non-EU law on the dossier's date (decision 22); absent or null when no structure is recorded. */
  sovereignty?: DossierSovereignty | null;
  integrity: {
    /** Head hash of every stream the dossier draws on, at the dossier's position. */
    streams: { stream: string; revision: number; hash: string }[];
  };
}

export interface DossierSovereignty {
  validAt: string;
  provider: string;
  verdicts: { requirement: string; verdict: 'compliant' | 'breached' }[];
  thresholds: { individualPercent: number; collectivePercent: number };
  collective: { capitalPercent: number; votingPercent: number };
  holders: { entityId: string; name: string; country: string; nonEu: boolean; capitalPercent: number; votingPercent: number; method: string }[];
  controlRights: { holder: string; of: string; kind: string; counts: boolean }[];
  access: { party: string; jurisdiction: string; path: string; open: boolean }[];
  /** Approved upstream releases that added or changed an access path by the date (decision 29). */
  accessReviews?: { changeId: string; reviewedAt: string; effect: string; party: string; jurisdiction: string }[];
  locations: { kind: string; name: string; country: string; eu: boolean }[];
  notices: { obligation: string; changeOn: string; dueOn: string; sentAt: string | null; status: string }[];
  /** The ownership chart: the provider and the entities with a share in it on the date, and the holdings between them. */
  structure?: {
    entities: { entityId: string; name: string; country: string; nonEu: boolean; provider: boolean }[];
    holdings: { holder: string; of: string; capitalPercent: number; votingPercent: number }[];
  };
}

export interface DossierObligation {
  /** e.g. cnil_notification, nis2_early_warning, finding_due, certification_renewal */
  obligation: string;
  subject: string;
  about: ObligationSubject;
  dueAt: string;
  metAt: string | null;
  status: 'met' | 'missed' | 'pending' | 'overdue' | 'waived';
}

export interface DossierPersonName {
  name: string;
  organisation: string | null;
}

/** Embedded in the PDF as an attachment, so the file says where it came from. */
export interface DossierManifest {
  certificationId: string;
  language: Language;
  position: string;
  recordedAt: string;
  templateVersion: string;
  streamHeads: Record<string, string>;
  evidence: string[];
  /** The business date asked, so the same file can be drawn again; absent for the state at the position itself. */
  validAt?: string;
  /** The transparency log's signed checkpoint of the dossier's position, and a proof for every stream head. */
  transparency?: DossierTransparency;
  /**
   * Names and organisations of the people the pages name, as the registry gave them when the file was
   * drawn: the registry is not part of the log, so verification draws the pages again with these.
   */
  people?: Record<string, DossierPersonName>;
  /** SHA-256 of the pages' decoded content streams (read-pages.ts): ties the manifest to these pages. */
  pagesSha256?: string;
  /** SHA-256 of the DER certificate whose key signs the file (PAdES); absent: the file carries no signature field. */
  signingCertificateSha256?: string;
}

/** What an auditor needs offline, with the log's public key, to check the stream heads came from the log. */
export interface DossierTransparency {
  /** C2SP checkpoint of the tree of every event up to the dossier's position. */
  checkpoint: string;
  heads: {
    stream: string;
    leafIndex: number;
    /** The head event as exported (one JSON line of `confiance export`): its hash is recomputed from it. */
    event: Record<string, unknown>;
    /** RFC 9162 inclusion proof, base64, against the checkpoint's root. */
    hashes: string[];
  }[];
  /** RFC 3161 time-stamp token (DER, base64) over the SHA-256 of `checkpoint`, when a TSA had stamped it. */
  timestamp?: string;
  /**
   * The largest checkpoint witnesses had cosigned by the dossier's position
   * (signed note and the cosignature lines recorded by then), and the RFC
   * 9162 consistency proof, base64, from it to `checkpoint`.
   */
  witnessed?: { checkpoint: string; hashes: string[] };
}
