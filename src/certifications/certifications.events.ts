/** A qualification's lifecycle: application, ANSSI's J0 to J3 steps, grant, suspension, renewal, withdrawal. */
export const STEPS = ['J0', 'J1', 'J2', 'J3'] as const;
export type Step = (typeof STEPS)[number];

export type CertificationEvent =
  | {
      type: 'CertificationApplicationFiled';
      /**
       * `filedOn` is absent from events recorded before it existed: the day recorded stands for it.
       * `reviewIntervalDays`: days after which a requirement's check is due again; absent, DEFAULT_REVIEW_INTERVAL_DAYS.
       */
      data: { certificationId: string; label: string; framework: string; service: string; evaluator: string | null; filedOn?: string; reviewIntervalDays?: number };
    }
  | { type: 'CertificationStepRecorded'; data: { certificationId: string; step: Step; on: string; note: string | null } }
  | { type: 'CertificationGranted'; data: { certificationId: string; grantedOn: string; validUntil: string } }
  | { type: 'CertificationSuspended'; data: { certificationId: string; on: string; reason: string } }
  | { type: 'CertificationRenewed'; data: { certificationId: string; on: string; validUntil: string } }
  | { type: 'CertificationWithdrawn'; data: { certificationId: string; on: string; reason: string } };

/** Where a certification stands, as its events leave it; other areas' rules depend on it (controls). */
export type CertificationStatus = 'none' | 'applied' | 'granted' | 'suspended' | 'withdrawn';

export const certificationStream = (id: string) => `certification-${id}`;

/** A grant or renewal is valid for at most this long. */
export const MAX_VALIDITY_YEARS = 3;

/** A requirement is checked again at least once a year unless the certification or its statement says otherwise. */
export const DEFAULT_REVIEW_INTERVAL_DAYS = 365;
