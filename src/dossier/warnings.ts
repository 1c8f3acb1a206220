import type { CertificationDoc } from '../../projections/certifications';
import type { EvidenceDoc } from '../../projections/evidence';
import { isOverdue, type FindingDoc } from '../../projections/findings';
import type { Freshness } from '../../projections/freshness';
import type { CheckSummary } from '../../projections/requirement-status';
import type { DossierModel, DossierWarning } from './dossier.model';
import type { References } from './references';

/** What the warnings read of each requirement: its applicability, latest check and whether that result is still current. */
export interface WarningRow {
  ref: string;
  applicable: boolean | null;
  status: string;
  latestCheck: Pick<CheckSummary, 'evidence'> | null;
  freshness: Freshness | null;
}

export interface WarningSources {
  today: string;
  certification: CertificationDoc;
  rows: readonly WarningRow[];
  findings: readonly FindingDoc[];
  evidence: readonly EvidenceDoc[];
  incidents: DossierModel['incidents'];
  passiByYear: DossierModel['audits']['passiByYear'];
  sovereignty: DossierModel['sovereignty'];
  refs: References;
  /** How many applicable requirements had no check on a day, of how many applicable then. */
  unassessedOn(day: string): { count: number; applicable: number };
}

/**
 * What weakens the file on the dossier's day, in the order an evaluator
 * reads it: the decision first (a grant over an open major finding), then
 * findings, requirements, evidence, notifications, audits and sovereignty.
 * Pure: the same sources give the same list.
 */
export function warningsOf(s: WarningSources): DossierWarning[] {
  const majors = [...s.findings].filter((f) => f.severity === 'major').sort((a, b) => a.raisedOn.localeCompare(b.raisedOn) || a.findingId.localeCompare(b.findingId));
  const named = (f: FindingDoc) => ({ finding: s.refs.finding(f.findingId)!, title: f.title });
  const decisions = [
    ...(s.certification.grantedOn ? [{ step: 'granted' as const, on: s.certification.grantedOn }] : []),
    ...s.certification.renewals.map((r) => ({ step: 'renewed' as const, on: r.on })),
  ];
  const grantedOver = decisions.flatMap(({ step, on }) =>
    majors
      .filter((f) => f.raisedOn <= on && (f.closedOn === null || f.closedOn > on))
      .map((f): DossierWarning => ({ kind: 'granted_while_weak', on, step, ...named(f), overdue: f.dueOn < on })),
  );
  const grantedUnassessed = decisions.flatMap(({ step, on }): DossierWarning[] => {
    const { count, applicable } = s.unassessedOn(on);
    return count > 0 ? [{ kind: 'granted_unassessed', on, step, count, applicable }] : [];
  });
  const openMajors = majors
    .filter((f) => f.status !== 'closed')
    .map((f): DossierWarning => ({ kind: 'open_major_finding', on: f.dueOn, ...named(f), requirement: f.requirement, overdue: isOverdue(f, s.today) }));

  const applicable = s.rows.filter((r) => r.applicable !== false);
  const notAssessed = applicable.filter((r) => r.status === 'not_assessed').map((r) => r.ref);
  const notCurrent = applicable.filter((r) => r.freshness !== null && r.freshness !== 'current').map((r) => r.ref);
  const requirements: DossierWarning[] = [
    ...(notAssessed.length > 0 ? [{ kind: 'requirements_not_assessed' as const, on: null, count: notAssessed.length, applicable: applicable.length, refs: notAssessed }] : []),
    ...(notCurrent.length > 0 ? [{ kind: 'requirements_not_current' as const, on: null, count: notCurrent.length, refs: notCurrent }] : []),
  ];

  const reliedOn = new Map<string, string[]>();
  for (const r of applicable) for (const sha of r.latestCheck?.evidence ?? []) reliedOn.set(sha, [...(reliedOn.get(sha) ?? []), r.ref]);
  const expired = s.evidence
    .filter((e) => e.validUntil !== null && e.validUntil < s.today && reliedOn.has(e.sha256))
    .sort((a, b) => a.validUntil!.localeCompare(b.validUntil!) || a.sha256.localeCompare(b.sha256))
    .map((e): DossierWarning => ({ kind: 'expired_evidence', on: e.validUntil!, name: e.name, sha256: e.sha256, refs: reliedOn.get(e.sha256)! }));

  const late = s.incidents.flatMap((i) =>
    i.deadlines.flatMap((d): DossierWarning[] =>
      d.status === 'missed' || d.status === 'overdue' ? [{ kind: 'late_notification', on: d.dueAt, obligation: d.obligation, status: d.status, incident: i.title, metAt: d.metAt }] : [],
    ),
  );

  const thisYear = Number(s.today.slice(0, 4));
  const passi = s.passiByYear.filter((y) => !y.held && y.year < thisYear).map((y): DossierWarning => ({ kind: 'passi_year_missing', on: null, year: y.year }));
  const sovereignty = (s.sovereignty?.verdicts ?? [])
    .filter((v) => v.verdict === 'breached')
    .map((v): DossierWarning => ({ kind: 'sovereignty_breached', on: s.sovereignty!.validAt, requirement: v.requirement }));

  return [...grantedOver, ...grantedUnassessed, ...openMajors, ...requirements, ...expired, ...late, ...passi, ...sovereignty];
}
