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

/** What a release does to a technical access path (SecNumCloud 19.6.c–d): it adds one, or changes one. */
export const ACCESS_EFFECTS = ['adds', 'changes'] as const;
export type AccessEffect = (typeof ACCESS_EFFECTS)[number];

/** The access path a reviewed release adds or changes: who, under which country's law, and its id in the access register once recorded there. */
export interface ReviewedAccessPath {
  effect: AccessEffect;
  party: string;
  jurisdiction: string;
  accessId: string | null;
}

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
      data: {
        changeId: string;
        decision: Decision;
        risk: Risk;
        reviewedAt: string;
        notes: string | null;
        retrospective: boolean;
        /** Present when the release adds or changes a technical access path; absent: it touches none. */
        accessPath?: ReviewedAccessPath;
      };
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
