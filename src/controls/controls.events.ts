/**
 * What is recorded about one requirement of a certification's framework: the
 * statement of applicability (with its justification) and the control checks
 * performed against it. Both carry the certification and its framework so a
 * read model needs no other stream to place them.
 */
export const CHECK_RESULTS = ['passed', 'failed', 'partial', 'not_applicable'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export const CHECK_METHODS = ['automated', 'manual', 'interview', 'document_review'] as const;
export type CheckMethod = (typeof CHECK_METHODS)[number];

export interface ApplicabilityStatedData {
  certificationId: string;
  framework: string;
  ref: string;
  applicable: boolean;
  justification: string;
  /** Days after which a check of this requirement is due again; absent: the certification's interval. */
  reviewIntervalDays?: number;
  /** Business date: the day the statement holds from. Absent from events recorded before it existed: the day recorded stands for it. */
  on?: string;
}

export interface ControlCheckRecordedData {
  certificationId: string;
  framework: string;
  ref: string;
  checkId: string;
  result: CheckResult;
  method: CheckMethod;
  /** Business time: when the check was performed, an instant with its zone. */
  performedAt: string;
  /** SHA-256 digests of evidence files, without duplicates. */
  evidence: string[];
  notes: string | null;
}

/** The business date of a check can be corrected; the result and evidence are new checks. */
export const CHECK_CORRECTABLE_FIELDS = ['performedAt'] as const;
export type CheckCorrectableField = (typeof CHECK_CORRECTABLE_FIELDS)[number];

/**
 * A check recorded with a wrong business date, set right: what was recorded,
 * what it should have said and why. Who corrected it is the event's actor.
 */
export interface ControlCheckCorrectedData {
  certificationId: string;
  framework: string;
  ref: string;
  checkId: string;
  field: CheckCorrectableField;
  from: string;
  to: string;
  reason: string;
}

export type ControlEvent =
  | { type: 'ApplicabilityStated'; data: ApplicabilityStatedData }
  | { type: 'ControlCheckRecorded'; data: ControlCheckRecordedData }
  | { type: 'ControlCheckCorrected'; data: ControlCheckCorrectedData };

/** One stream per requirement of a certification (docs/decisions/0003-control-streams.md). */
export const controlStream = (certificationId: string, ref: string) => `control-${certificationId}:${ref}`;
