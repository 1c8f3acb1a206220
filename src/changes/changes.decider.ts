import type { Decider } from '../shared/decider';
import { invalid, ruleBroken } from '../shared/errors';
import { notBefore, notInFuture } from '../shared/rules';
import { isCountry } from '../../projections/sovereignty/countries';
import type { ChangeEvent, Decision, Risk, ReviewedAccessPath } from './changes.events';

export type ChangeCommand =
  | { kind: 'ReceiveChange'; changeId: string; source: string; release: string; description: string; receivedAt: string; certificationIds?: string[] }
  | { kind: 'ReviewChange'; decision: Decision; risk: Risk; reviewedAt: string; notes?: string; accessPath?: Omit<ReviewedAccessPath, 'accessId'> & { accessId?: string } }
  | { kind: 'DeployChange'; environment: string; deployedAt: string; emergency?: { justification: string } };

export interface ChangeState {
  exists: boolean;
  changeId: string;
  release: string;
  receivedAt: string;
  review: { decision: Decision; reviewedAt: string; accessPath: ReviewedAccessPath | null } | null;
  deployments: { environment: string; deployedAt: string; exception: boolean }[];
}

/**
 * Rules of a change (README, upstream changes; decision 9):
 * - a change is reviewed once: the decision is what deployments relied on; a
 *   corrected or re-issued release is received as a new change;
 * - it is deployed after approval, never once rejected (a retrospective
 *   rejection stops further deployments too);
 * - an emergency deployment may precede the review with a justification and is
 *   an exception; the review made afterwards (the retrospective review) closes
 *   it and cannot be dated before the emergency deployments it reviews;
 * - a release is deployed once per environment.
 */
export const changeDecider: Decider<ChangeCommand, ChangeEvent, ChangeState> = {
  initialState: { exists: false, changeId: '', release: '', receivedAt: '', review: null, deployments: [] },

  evolve(state, event) {
    switch (event.type) {
      case 'UpstreamChangeReceived': {
        const { changeId, release, receivedAt } = event.data;
        return { ...state, exists: true, changeId, release, receivedAt };
      }
      case 'ChangeReviewed':
        return { ...state, review: { decision: event.data.decision, reviewedAt: event.data.reviewedAt, accessPath: event.data.accessPath ?? null } };
      case 'ChangeDeployed': {
        const { environment, deployedAt, exception } = event.data;
        return { ...state, deployments: [...state.deployments, { environment, deployedAt, exception }] };
      }
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, now) {
    const changeId = state.changeId;
    switch (command.kind) {
      case 'ReceiveChange': {
        if (state.exists) throw ruleBroken(`change ${state.changeId} was already received`);
        notInFuture('receivedAt', command.receivedAt, now);
        const { source, release, description, receivedAt, certificationIds } = command;
        const scope = certificationIds === undefined ? {} : { certificationIds: [...certificationIds].sort() };
        return [{ type: 'UpstreamChangeReceived', data: { changeId: command.changeId, source, release, description, receivedAt, ...scope } }];
      }
      case 'ReviewChange': {
        if (state.review) {
          throw ruleBroken(
            `change ${changeId} was already reviewed (${state.review.decision} at ${state.review.reviewedAt}); a change is reviewed once, a re-issued release is received as a new change`,
          );
        }
        notInFuture('reviewedAt', command.reviewedAt, now);
        notBefore('reviewedAt', command.reviewedAt, state.receivedAt, 'the reception of the change');
        const exceptions = state.deployments.filter((d) => d.exception);
        for (const d of exceptions) notBefore('reviewedAt', command.reviewedAt, d.deployedAt, `the emergency deployment to ${d.environment} it reviews`);
        const { decision, risk, reviewedAt } = command;
        const notes = command.notes ?? null;
        const data = { changeId, decision, risk, reviewedAt, notes, retrospective: exceptions.length > 0 };
        if (!command.accessPath) return [{ type: 'ChangeReviewed', data }];
        const { effect, party, jurisdiction, accessId } = command.accessPath;
        if (!isCountry(jurisdiction)) throw invalid('accessPath.jurisdiction', `${jurisdiction} is not an ISO 3166-1 alpha-2 country code`);
        return [{ type: 'ChangeReviewed', data: { ...data, accessPath: { effect, party, jurisdiction, accessId: accessId ?? null } } }];
      }
      case 'DeployChange':
        return [{ type: 'ChangeDeployed', data: deployment(command, state, now) }];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

type Deploy = Extract<ChangeCommand, { kind: 'DeployChange' }>;
type Deployed = Extract<ChangeEvent, { type: 'ChangeDeployed' }>['data'];

function deployment(command: Deploy, state: ChangeState, now: Date): Deployed {
  const { review, changeId } = state;
  if (review?.decision === 'rejected') throw ruleBroken(`change ${changeId} was rejected at ${review.reviewedAt}; a rejected change is not deployed`);
  const emergency = command.emergency !== undefined;
  if (!review && !emergency) {
    throw ruleBroken(`change ${changeId} is not approved yet; deploy it after the review, or as an emergency with a justification`, { field: 'emergency' });
  }
  const justification = command.emergency?.justification.trim() ?? null;
  if (justification === '') throw invalid('emergency.justification', 'must say why the deployment cannot wait for the review');
  const environment = command.environment.trim();
  const earlier = state.deployments.find((d) => d.environment === environment);
  if (earlier) throw ruleBroken(`release ${state.release} was already deployed to ${environment} at ${earlier.deployedAt}`, { field: 'environment' });
  notInFuture('deployedAt', command.deployedAt, now);
  notBefore('deployedAt', command.deployedAt, state.receivedAt, 'the reception of the change');
  if (review && !emergency) notBefore('deployedAt', command.deployedAt, review.reviewedAt, 'the approval');
  // An emergency deployment recorded after the review but made before it still went ahead of the review.
  const exception = emergency && (!review || Date.parse(command.deployedAt) < Date.parse(review.reviewedAt));
  return { changeId, environment, deployedAt: command.deployedAt, emergency, exception, justification };
}
