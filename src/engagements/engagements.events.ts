/** An auditor's engagement: which certifications, the observation window (business dates) and until when access lasts. */
export interface EngagementTerms {
  engagementId: string;
  auditor: string;
  certificationIds: string[];
  windowFrom: string;
  windowTo: string;
  accessUntil: string;
}

export type EngagementEvent = { type: 'EngagementOpened'; data: EngagementTerms };

export const engagementStream = (id: string) => `engagement-${id}`;
