/**
 * An audit of a certification's scope (internal, PASSI, the evaluation centre's
 * evaluation, or a surveillance audit): planned, started, findings raised
 * against framework requirements, remediated and closed, then completed with
 * a verdict. Findings live inside their audit's stream.
 */
export const AUDIT_KINDS = ['internal', 'passi', 'evaluation', 'surveillance'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Major and minor nonconformities, and observations that ask for no correction. */
export const SEVERITIES = ['major', 'minor', 'observation'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A finding is closed because it was fixed, or because its risk was explicitly accepted. */
export const RESOLUTIONS = ['remediated', 'risk_accepted'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const VERDICTS = ['pass', 'conditional', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The business dates of a finding that a correction can set right. */
export const FINDING_CORRECTABLE_FIELDS = ['raisedOn', 'dueOn', 'closedOn', 'remediatedOn'] as const;
export type FindingCorrectableField = (typeof FINDING_CORRECTABLE_FIELDS)[number];

export type AuditEvent =
  | {
      type: 'AuditPlanned';
      /**
       * `auditor` is a subject id or an organisation, never a person's name.
       * `plannedOn` (the day the plan was made) is absent from events recorded
       * before it existed: the day recorded, or plannedStart if earlier, stands for it.
       */
      data: { auditId: string; certificationId: string; kind: AuditKind; auditor: string; plannedStart: string; plannedEnd: string; plannedOn?: string };
    }
  | { type: 'AuditStarted'; data: { auditId: string; on: string } }
  | {
      type: 'FindingRaised';
      /** `requirement` is a ref of the certification's framework, such as 12.6.c. */
      data: {
        auditId: string;
        certificationId: string;
        findingId: string;
        severity: Severity;
        requirement: string;
        title: string;
        dueOn: string;
        raisedOn: string;
      };
    }
  /** `on` (the day of the remediation) is absent from events recorded before it existed: the day recorded stands for it. */
  | { type: 'FindingRemediated'; data: { auditId: string; findingId: string; action: string; evidence: string[]; on?: string } }
  /** `closedOn` is absent from events recorded before it existed: the day recorded stands for it. */
  | { type: 'FindingClosed'; data: { auditId: string; findingId: string; resolution: Resolution; justification: string; closedOn?: string } }
  /** A business date of a finding recorded wrong, set right; who corrected it is the event's actor. */
  | { type: 'FindingCorrected'; data: { auditId: string; findingId: string; field: FindingCorrectableField; from: string; to: string; reason: string } }
  | {
      type: 'AuditCompleted';
      /** `openFindings` lists the findings still open at completion, to be followed up. */
      data: { auditId: string; verdict: Verdict; on: string; report: string | null; openFindings: string[] };
    };

export const auditStream = (id: string) => `audit-${id}`;
