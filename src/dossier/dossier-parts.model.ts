/** Parts of the dossier model that several sections share: references, files, points of attention. */

/**
 * One point an evaluator must notice. `on`: the date it is about (due date,
 * grant, expiry), null for a count. Language-neutral; the template words it.
 */
export type DossierWarning =
  | { kind: 'open_major_finding'; on: string; finding: FindingReference; title: string; requirement: string; overdue: boolean }
  | { kind: 'granted_while_weak'; on: string; step: 'granted' | 'renewed'; finding: FindingReference; title: string; overdue: boolean }
  | { kind: 'granted_unassessed'; on: string; step: 'granted' | 'renewed'; count: number; applicable: number }
  | { kind: 'requirements_not_assessed'; on: null; count: number; applicable: number; refs: string[] }
  | { kind: 'requirements_not_current'; on: null; count: number; refs: string[] }
  | { kind: 'expired_evidence'; on: string; name: string; sha256: string; refs: string[] }
  | { kind: 'late_notification'; on: string; obligation: string; status: 'missed' | 'overdue'; incident: string; metAt: string | null }
  | { kind: 'passi_year_missing'; on: null; year: number }
  | { kind: 'sovereignty_breached'; on: string; requirement: string };

export type WarningKind = DossierWarning['kind'];

/** A stored file as an evaluator checks it: name, hash, expiry. `name` is null when the log cites a hash it never stored. */
export interface DossierFile {
  name: string | null;
  sha256: string;
  validUntil: string | null;
  /** Past its validity on the dossier's date. */
  expired: boolean;
}

/** How people name an audit: `{kind} {year}`, with a number when several of a kind start the same year. */
export interface AuditReference {
  kind: 'internal' | 'passi' | 'evaluation' | 'surveillance';
  year: number;
  /** 1, 2… among audits of the same kind and year; null when it is the only one. */
  n: number | null;
}

export interface FindingReference {
  audit: AuditReference;
  /** 1-based, in the order the audit raised its findings. */
  number: number;
}

/** What an obligation is about, as a reader names it (never by id). */
export type ObligationSubject =
  | { kind: 'incident'; title: string; detectedAt: string }
  | { kind: 'finding'; reference: FindingReference; title: string }
  | { kind: 'certification'; label: string }
  | { kind: 'other' };
