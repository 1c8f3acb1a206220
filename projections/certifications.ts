import { DEFAULT_REVIEW_INTERVAL_DAYS, type CertificationEvent } from '../src/certifications/certifications.events';
import { sourceOf, type Projection, type Source } from './projection';

export interface CertificationDoc {
  id: string;
  label: string;
  framework: string;
  service: string;
  evaluator: string | null;
  /** Days after which a requirement's latest check is due for review. */
  reviewIntervalDays: number;
  status: 'applied' | 'granted' | 'suspended' | 'withdrawn';
  filedAt: string;
  steps: { step: string; on: string; note: string | null }[];
  grantedOn: string | null;
  validUntil: string | null;
  /** The validity of the grant itself, before any renewal extended it. */
  grantedValidUntil: string | null;
  suspended: { on: string; reason: string } | null;
  withdrawn: { on: string; reason: string } | null;
  renewals: { on: string; validUntil: string }[];
  history: (Source & { type: string; on: string })[];
}

/** Certification status: lifecycle, steps J0 to J3, validity. */
export const certificationsProjection: Projection<CertificationDoc, CertificationEvent> = {
  name: 'certifications',
  version: 4,
  handles: [
    'CertificationApplicationFiled',
    'CertificationStepRecorded',
    'CertificationGranted',
    'CertificationSuspended',
    'CertificationRenewed',
    'CertificationWithdrawn',
  ],
  keys: (event) => [String(event.data.certificationId)],
  evolve(doc, event) {
    const type = event.type;
    if (type === 'CertificationApplicationFiled') {
      const d = event.data;
      const filedAt = d.filedOn ?? event.metadata.recordedAt.slice(0, 10);
      return {
        id: d.certificationId,
        label: d.label,
        framework: d.framework,
        service: d.service,
        evaluator: d.evaluator,
        reviewIntervalDays: d.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS,
        status: 'applied',
        filedAt,
        steps: [],
        grantedOn: null,
        validUntil: null,
        grantedValidUntil: null,
        suspended: null,
        withdrawn: null,
        renewals: [],
        history: [{ ...sourceOf(event), type, on: filedAt }],
      };
    }
    if (!doc) return doc;
    switch (type) {
      case 'CertificationStepRecorded': {
        const d = event.data;
        return withHistory({ ...doc, steps: [...doc.steps, { step: d.step, on: d.on, note: d.note }] }, event, d.on);
      }
      case 'CertificationGranted': {
        const d = event.data;
        return withHistory({ ...doc, status: 'granted', grantedOn: d.grantedOn, validUntil: d.validUntil, grantedValidUntil: d.validUntil }, event, d.grantedOn);
      }
      case 'CertificationSuspended': {
        const d = event.data;
        return withHistory({ ...doc, status: 'suspended', suspended: { on: d.on, reason: d.reason } }, event, d.on);
      }
      case 'CertificationRenewed': {
        const d = event.data;
        const renewals = [...doc.renewals, { on: d.on, validUntil: d.validUntil }];
        return withHistory({ ...doc, status: 'granted', suspended: null, validUntil: d.validUntil, renewals }, event, d.on);
      }
      case 'CertificationWithdrawn': {
        const d = event.data;
        return withHistory({ ...doc, status: 'withdrawn', withdrawn: { on: d.on, reason: d.reason } }, event, d.on);
      }
      default: {
        const unknown: never = type;
        return unknown;
      }
    }
  },
};

const withHistory = (doc: CertificationDoc, event: Parameters<Projection['evolve']>[1], on: string): CertificationDoc => ({
  ...doc,
  history: [...doc.history, { ...sourceOf(event), type: event.type, on }],
});

/** Validity on a given day: what an auditor asks first. */
export function validityOn(doc: CertificationDoc, today: string) {
  const valid = doc.status === 'granted' && doc.validUntil !== null && doc.validUntil >= today;
  const expired = doc.validUntil !== null && doc.validUntil < today && doc.status !== 'withdrawn';
  const daysToExpiry = doc.validUntil ? Math.round((Date.parse(doc.validUntil) - Date.parse(today)) / 86_400_000) : null;
  return { valid, expired, daysToExpiry };
}
