import type { ChangeEvent, Decision, Risk } from '../src/changes/changes.events';
import { sourceOf, type Projection, type EventOf, type Source } from './projection';

export type ChangeStatus = 'received' | 'approved' | 'rejected' | 'deployed' | 'exception';
export const CHANGE_STATUSES: readonly ChangeStatus[] = ['received', 'approved', 'rejected', 'deployed', 'exception'];

export interface ChangeDeployment {
  environment: string;
  deployedAt: string;
  emergency: boolean;
  /** Deployed ahead of the review (emergency procedure). */
  exception: boolean;
  justification: string | null;
  recorded: Source;
}

export interface ChangeDoc {
  changeId: string;
  source: string;
  release: string;
  description: string;
  receivedAt: string;
  /** The certifications it concerns; null: the whole provider. */
  certificationIds: string[] | null;
  decision: Decision | null;
  risk: Risk | null;
  reviewedAt: string | null;
  /** Who recorded the review (the command's subject), named in the dossier from the people registry. */
  reviewedBy: string | null;
  notes: string | null;
  /** The review came after an emergency deployment and closed its exception. */
  retrospectiveReview: boolean;
  deployments: ChangeDeployment[];
  /**
   * received / approved / rejected: the review so far, nothing deployed (a change rejected after an
   * emergency deployment stays rejected: it is to be rolled back); deployed: approved and deployed;
   * exception: deployed in emergency and still waiting for its review.
   */
  status: ChangeStatus;
  /** null until deployed; false when any deployment went ahead of the review. */
  reviewedBeforeDeployment: boolean | null;
  recorded: Source;
}

/** Upstream changes: one document per release received, with its review and deployments. */
export const changesProjection: Projection<ChangeDoc, ChangeEvent> = {
  name: 'changes',
  // 2: documents carry the certifications a change concerns. 3: and who reviewed it.
  version: 3,
  handles: ['UpstreamChangeReceived', 'ChangeReviewed', 'ChangeDeployed'],
  keys: (event) => [String(event.data.changeId)],
  evolve(doc, event) {
    const type = event.type;
    if (type === 'UpstreamChangeReceived') return received(event);
    if (!doc) return null;
    switch (type) {
      case 'ChangeReviewed': {
        const { decision, risk, reviewedAt, notes, retrospective } = event.data;
        return withStatus({ ...doc, decision, risk, reviewedAt, reviewedBy: event.metadata.actor, notes, retrospectiveReview: retrospective });
      }
      case 'ChangeDeployed': {
        const { environment, deployedAt, emergency, exception, justification } = event.data;
        const deployment = { environment, deployedAt, emergency, exception, justification, recorded: sourceOf(event) };
        return withStatus({ ...doc, deployments: [...doc.deployments, deployment] });
      }
      default: {
        const unknown: never = type;
        return unknown;
      }
    }
  },
};

function received(event: EventOf<ChangeEvent, 'UpstreamChangeReceived'>): ChangeDoc {
  const { changeId, source, release, description, receivedAt, certificationIds } = event.data;
  return {
    changeId, source, release, description, receivedAt, certificationIds: certificationIds ?? null,
    decision: null, risk: null, reviewedAt: null, reviewedBy: null, notes: null, retrospectiveReview: false,
    deployments: [], status: 'received', reviewedBeforeDeployment: null, recorded: sourceOf(event),
  };
}

function withStatus(doc: ChangeDoc): ChangeDoc {
  const deployed = doc.deployments.length > 0;
  const reviewedBeforeDeployment = deployed ? doc.deployments.every((d) => !d.exception) : null;
  return { ...doc, status: statusOf(doc, deployed), reviewedBeforeDeployment };
}

function statusOf(doc: ChangeDoc, deployed: boolean): ChangeStatus {
  if (doc.decision === 'rejected') return 'rejected';
  if (doc.decision === null) return deployed ? 'exception' : 'received';
  return deployed ? 'deployed' : 'approved';
}
