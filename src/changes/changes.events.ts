/**
 * Upstream changes: every release of the licensed hyperscaler software is
 * received, reviewed (approved or rejected, with a risk level) and only then
 * deployed on the qualified platform. An emergency deployment (a security fix)
 * may go ahead of the review with a justification; it is then recorded as an
 * exception, closed by the review made afterwards.
 */
export const DECISIONS = ['approved', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

export const RISKS = ['low', 'medium', 'high'] as const;
export type Risk = (typeof RISKS)[number];

export type ChangeEvent =
  | {
      type: 'UpstreamChangeReceived';
      /** `source` names the publisher's channel (e.g. a vendor advisory feed), `release` its version. */
      /** `certificationIds`: the certifications it concerns; absent, the whole provider. */
      data: { changeId: string; source: string; release: string; description: string; receivedAt: string; certificationIds?: string[] };
    }
  | {
      type: 'ChangeReviewed';
      /** `retrospective`: the review came after an emergency deployment and closes that exception. */
      data: { changeId: string; decision: Decision; risk: Risk; reviewedAt: string; notes: string | null; retrospective: boolean };
    }
  | {
      type: 'ChangeDeployed';
      /**
       * `emergency`: deployed under the emergency procedure; `exception`: deployed before any
       * review, which only an emergency with a justification allows.
       */
      data: { changeId: string; environment: string; deployedAt: string; emergency: boolean; exception: boolean; justification: string | null };
    };

export const changeStream = (id: string) => `change-${id}`;
