import type { DossierTemplate } from '../../templates/template';
import { AUDIT_KINDS, RESOLUTIONS, SEVERITIES, VERDICTS } from '../audits/audits.events';
import { STEPS, type CertificationEvent } from '../certifications/certifications.events';
import { DECISIONS, RISKS } from '../changes/changes.events';
import { CHECK_METHODS, CHECK_RESULTS } from '../controls/controls.events';
import { INCIDENT_SEVERITIES, NOTIFICATION_KINDS, OBLIGATIONS } from '../incidents/incidents.events';
import { MILESTONE_KINDS } from '../milestones/milestones.events';
import type { CertificationDoc } from '../../projections/certifications';
import type { FindingDoc } from '../../projections/findings';
import type { IncidentDoc } from '../../projections/incidents';
import { CERTIFICATION_RENEWAL, FINDING_DUE, type ObligationStatus } from '../../projections/obligations';
import { certificationEventKind, type TimelineEntry } from '../../projections/timeline';
import { FRESHNESS } from '../../projections/freshness';
import type { DossierModel, WarningKind } from './dossier.model';

/**
 * Every code the domain can put in a dossier, by the template family that
 * labels it. Unions without a runtime list are spelled as records keyed by
 * the union, so the compiler refuses a list that misses a member; a test
 * then fails when a template has no label for one of these codes.
 */
const every = <T extends string>(codes: Record<T, true>): T[] => Object.keys(codes) as T[];

const requirementStatuses = every<DossierModel['applicability'][number]['status']>({ passed: true, failed: true, partial: true, not_applicable: true, not_assessed: true });
const findingStatuses = every<FindingDoc['status']>({ open: true, remediated: true, closed: true });
const incidentStatuses = every<IncidentDoc['status']>({ open: true, contained: true, resolved: true });
const obligationStatuses = every<ObligationStatus>({ met: true, missed: true, pending: true, overdue: true, waived: true });
const certificationStatuses = every<CertificationDoc['status']>({ applied: true, granted: true, suspended: true, withdrawn: true });
const timelineSources = every<TimelineEntry['source']>({ milestone: true, certification: true, audit: true });
/** Certification events the timeline shows by their kind (a step shows its name; a suspension is not on the timeline). */
const certificationEvents = every<Exclude<CertificationEvent['type'], 'CertificationStepRecorded' | 'CertificationSuspended'>>({
  CertificationApplicationFiled: true,
  CertificationGranted: true,
  CertificationRenewed: true,
  CertificationWithdrawn: true,
});

/** Every kind of warning the dossier can raise: each template words them all. */
export const WARNING_KINDS = every<WarningKind>({
  granted_while_weak: true,
  granted_unassessed: true,
  open_major_finding: true,
  requirements_not_assessed: true,
  requirements_not_current: true,
  expired_evidence: true,
  late_notification: true,
  passi_year_missing: true,
  sovereignty_breached: true,
});

export const DOSSIER_CODES: Readonly<Record<keyof DossierTemplate['codes'], readonly string[]>> = {
  requirementStatus: requirementStatuses,
  checkResult: CHECK_RESULTS,
  method: CHECK_METHODS,
  applicable: ['yes', 'no', 'default'],
  yesNo: ['yes', 'no'],
  findingSeverity: SEVERITIES,
  incidentSeverity: INCIDENT_SEVERITIES,
  auditKind: AUDIT_KINDS,
  verdict: VERDICTS,
  findingStatus: findingStatuses,
  resolution: RESOLUTIONS,
  incidentStatus: incidentStatuses,
  notificationKind: NOTIFICATION_KINDS,
  obligation: [...OBLIGATIONS, FINDING_DUE, CERTIFICATION_RENEWAL],
  obligationStatus: obligationStatuses,
  certificationStatus: certificationStatuses,
  certificationStep: [...STEPS, ...certificationEvents.map(certificationEventKind)],
  decision: DECISIONS,
  risk: RISKS,
  milestoneKind: MILESTONE_KINDS,
  timelineSource: timelineSources,
  freshness: FRESHNESS,
};
