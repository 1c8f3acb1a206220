import type { RequirementRow } from './readiness';

export interface RequirementChange {
  ref: string;
  from: { status: string; applicable: boolean | null };
  to: { status: string; applicable: boolean | null };
}

/** Requirements whose status or applicability differs between two points. */
export function diffRequirements(before: readonly RequirementRow[], after: readonly RequirementRow[]): RequirementChange[] {
  const earlier = new Map(before.map((row) => [row.ref, row]));
  return after.flatMap((row) => {
    const old = earlier.get(row.ref);
    const from = { status: old?.status ?? 'not_assessed', applicable: old?.applicable ?? null };
    const to = { status: row.status, applicable: row.applicable };
    return from.status === to.status && from.applicable === to.applicable ? [] : [{ ref: row.ref, from, to }];
  });
}

/** The fields of a finding a diff compares. */
export interface FindingLike {
  findingId: string;
  auditId: string;
  severity: string;
  requirement: string;
  title: string;
  status: string;
}

export interface FindingChange {
  findingId: string;
  auditId: string;
  requirement: string;
  title: string;
  severity: string;
  change: 'raised' | 'status_changed';
  from: string | null;
  to: string;
}

export function diffFindings(before: readonly FindingLike[], after: readonly FindingLike[]): FindingChange[] {
  const earlier = new Map(before.map((f) => [f.findingId, f]));
  return after.flatMap((f): FindingChange[] => {
    const old = earlier.get(f.findingId);
    if (old && old.status === f.status) return [];
    const { findingId, auditId, requirement, title, severity } = f;
    return [{ findingId, auditId, requirement, title, severity, change: old ? 'status_changed' : 'raised', from: old?.status ?? null, to: f.status }];
  });
}
