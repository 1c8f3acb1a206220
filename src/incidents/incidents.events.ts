/**
 * A security incident of the platform: detected, notified to authorities and
 * customers, contained, resolved, then documented by a post-mortem. The facts
 * recorded at detection (personal data involved, significant under NIS2) are
 * what its regulatory deadlines follow from (see incident-deadlines.ts).
 */
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** CNIL for GDPR breaches; ANSSI or the CSIRT for NIS2 reports; the service's customers. */
export const RECIPIENTS = ['CNIL', 'ANSSI', 'CSIRT', 'customers'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

export const NOTIFICATION_KINDS = ['early_warning', 'notification', 'final_report', 'information'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What each recipient can be sent. NIS2 has the three stages of art. 23; the
 * CNIL takes a notification and, when facts come in phases (GDPR art. 33(4)),
 * a complementary final report; customers are informed.
 */
export const KINDS_BY_RECIPIENT: Record<Recipient, readonly NotificationKind[]> = {
  CNIL: ['notification', 'final_report'],
  ANSSI: ['early_warning', 'notification', 'final_report'],
  CSIRT: ['early_warning', 'notification', 'final_report'],
  customers: ['information'],
};

/** Instants in event data are UTC (toISOString) so that they order as strings. */
export type IncidentEvent =
  | {
      type: 'IncidentDetected';
      data: {
        incidentId: string;
        /** null: the incident concerns the whole platform rather than one certified service. */
        certificationId: string | null;
        title: string;
        severity: IncidentSeverity;
        detectedAt: string;
        personalData: boolean;
        significant: boolean;
      };
    }
  | {
      type: 'NotificationSent';
      data: { incidentId: string; recipient: Recipient; kind: NotificationKind; sentAt: string; reference: string | null };
    }
  | { type: 'IncidentContained'; data: { incidentId: string; at: string } }
  | { type: 'IncidentResolved'; data: { incidentId: string; at: string; summary: string } }
  /** `evidence` is the SHA-256 of the post-mortem stored with POST /evidence; a revised post-mortem is attached beside the first. */
  | { type: 'PostmortemAttached'; data: { incidentId: string; evidence: string } }
  /** A notification the law does not require for this incident, and why (e.g. GDPR art. 33(1): no risk to individuals). */
  | { type: 'NotificationWaived'; data: { incidentId: string; obligation: Obligation; reason: string; legalBasis: string } }
  /** A business instant of the incident recorded wrong, set right; who corrected it is the event's actor. */
  | { type: 'IncidentCorrected'; data: { incidentId: string; field: IncidentCorrectableField; from: string; to: string; reason: string } };

export const INCIDENT_CORRECTABLE_FIELDS = ['detectedAt', 'containedAt', 'resolvedAt'] as const;
export type IncidentCorrectableField = (typeof INCIDENT_CORRECTABLE_FIELDS)[number];

export const OBLIGATIONS = ['cnil_notification', 'nis2_early_warning', 'nis2_notification', 'nis2_final_report', 'customer_information'] as const;
export type Obligation = (typeof OBLIGATIONS)[number];

export const incidentStream = (id: string) => `incident-${id}`;
