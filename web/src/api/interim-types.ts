/**
 * Response shapes the OpenAPI document does not describe yet. Request bodies,
 * paths and parameters come from the generated `schema.d.ts`; these local
 * types cover only answers, and go once the document carries their schemas.
 */
export type Localised = { fr: string; en: string };

export interface Recorded {
  position: string;
  eventId: string;
  recordedAt: string;
  actor: string;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface ChapterReadiness {
  chapter: string;
  title: Localised;
  requirements: number;
  applicable: number;
  passed: number;
  partial: number;
  failed: number;
  notAssessed: number;
  coverage: number;
  readiness: number;
}

export interface Certification {
  id: string;
  label: string;
  framework: string;
  service: string;
  evaluator: string;
  status: 'applied' | 'granted' | 'suspended' | 'withdrawn';
  filedAt: string;
  steps: { step: string; on: string; note: string | null }[];
  grantedOn: string | null;
  validUntil: string | null;
  valid: boolean;
  expired: boolean;
  daysToExpiry: number | null;
  readiness?: ChapterReadiness[];
}

export type RequirementStatus = 'passed' | 'failed' | 'partial' | 'not_applicable' | 'not_assessed';

export interface Check {
  checkId: string;
  result: string;
  method: string;
  performedAt: string;
  evidence: string[];
  notes: string | null;
  recorded: Recorded;
}

export interface Requirement {
  ref: string;
  chapter: string;
  section: string;
  summary: Localised;
  applicable: boolean | null;
  justification: string | null;
  latestCheck: Check | null;
  status: RequirementStatus;
  checks: number;
  evidenceCount: number;
}

export interface HistoryEntry extends Recorded {
  type: string;
  summary?: string;
}

export interface RequirementDetail extends Requirement {
  evidence: string[];
  /** Events of the requirement's stream, oldest first: its length is the stream's next revision. */
  history: HistoryEntry[];
}

export interface EvidenceMeta {
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
  effectiveOn: string | null;
  validUntil: string | null;
  description: string | null;
  expired: boolean;
  file: 'intact' | 'missing' | 'altered';
}

export interface Audit {
  auditId: string;
  certificationId: string;
  kind: string;
  auditor: string;
  plannedStart: string;
  plannedEnd: string;
  startedOn: string | null;
  completedOn: string | null;
  verdict: string | null;
  status: string;
  findings: number;
  openFindings: number;
}

export interface Finding {
  findingId: string;
  auditId: string;
  certificationId: string;
  severity: string;
  requirement: string | null;
  title: string;
  raisedOn: string;
  dueOn: string | null;
  status: string;
  resolution: string | null;
  remediations: { action: string; recorded: Recorded }[];
  overdue: boolean;
}

export interface Deadline {
  obligation: string;
  recipient: string;
  dueAt: string;
  metAt: string | null;
  status: string;
  overdue: boolean;
}

export interface Incident {
  incidentId: string;
  title: string;
  severity: string;
  personalData: boolean;
  detectedAt: string;
  status: string;
  deadlines: Deadline[];
  overdue: boolean;
}

export interface Change {
  changeId: string;
  source: string;
  release: string;
  receivedAt: string;
  decision: string | null;
  risk: string | null;
  status: string;
  reviewedBeforeDeployment: boolean | null;
  deployments: { environment: string; deployedAt: string; emergency: boolean; exception: boolean; justification: string | null }[];
}

export interface TimelineEntry {
  key: string;
  source: string;
  kind: string;
  title: string;
  date: string;
  status: string;
  slipDays: number | null;
}

export interface CommandAnswer {
  id: string;
  stream: string;
  revision: number;
  position: string;
  eventIds: string[];
}

export interface StoredEvidence extends CommandAnswer {
  sha256: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; messages: string[] }[];
  field?: string;
}
