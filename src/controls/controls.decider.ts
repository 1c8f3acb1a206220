import type { CertificationStatus } from '../certifications/certifications.events';
import type { Decider } from '../shared/decider';
import { invalid, ruleBroken } from '../shared/errors';
import { notInFuture } from '../shared/rules';
import type { CheckMethod, CheckResult, ControlEvent } from './controls.events';

/**
 * The requirement a command is about. The handler fills in the framework and
 * the certification's status from the certification's own stream, so that
 * `decide` stays pure.
 */
interface RequirementSubject {
  certificationId: string;
  framework: string;
  ref: string;
  certificationStatus: CertificationStatus;
}

export type ControlCommand =
  | (RequirementSubject & { kind: 'StateApplicability'; applicable: boolean; justification: string })
  | (RequirementSubject & {
      kind: 'RecordCheck';
      checkId: string;
      result: CheckResult;
      method: CheckMethod;
      performedAt: string;
      evidence?: string[];
      notes?: string;
    });

export interface ControlState {
  /** null until a statement of applicability is made: the requirement applies by default. */
  applicable: boolean | null;
  justification: string | null;
  checkIds: string[];
}

const IN_SCOPE_RESULTS: readonly CheckResult[] = ['passed', 'partial', 'failed'];
const SHORTFALL_RESULTS: readonly CheckResult[] = ['partial', 'failed'];

export const controlDecider: Decider<ControlCommand, ControlEvent, ControlState> = {
  initialState: { applicable: null, justification: null, checkIds: [] },

  evolve(state, event) {
    switch (event.type) {
      case 'ApplicabilityStated':
        return { ...state, applicable: event.data.applicable, justification: event.data.justification };
      case 'ControlCheckRecorded':
        return { ...state, checkIds: [...state.checkIds, event.data.checkId] };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, now) {
    const { certificationId, framework, ref } = command;
    if (command.certificationStatus === 'withdrawn') {
      throw ruleBroken(`certification ${certificationId} was withdrawn; its requirements take no further statements or checks`);
    }
    switch (command.kind) {
      case 'StateApplicability': {
        const justification = command.justification.trim();
        if (justification === '') throw invalid('justification', 'must say why the requirement applies or not');
        // Restating what is already on record changes nothing: the PUT is idempotent.
        if (state.applicable === command.applicable && state.justification === justification) return [];
        return [{ type: 'ApplicabilityStated', data: { certificationId, framework, ref, applicable: command.applicable, justification } }];
      }
      case 'RecordCheck': {
        const { checkId, result, method } = command;
        notInFuture('performedAt', command.performedAt, now);
        // Stored in UTC so that instants given in any zone order correctly as strings, in read models and the dossier.
        const performedAt = new Date(command.performedAt).toISOString();
        if (state.checkIds.includes(checkId)) throw ruleBroken(`check ${checkId} was already recorded`, { field: 'checkId' });
        if (state.applicable === false && IN_SCOPE_RESULTS.includes(result)) {
          throw ruleBroken(`${ref} is stated not applicable; state it applicable again before recording a ${result} check`, { field: 'result' });
        }
        if (result === 'not_applicable' && state.applicable !== false) {
          throw ruleBroken(`a not_applicable result needs ${ref} to be stated not applicable first, with its justification`, { field: 'result' });
        }
        const notes = command.notes?.trim() || null;
        if (SHORTFALL_RESULTS.includes(result) && notes === null) {
          throw invalid('notes', `must say what falls short when a check is ${result}`);
        }
        const evidence = [...new Set(command.evidence ?? [])];
        return [{ type: 'ControlCheckRecorded', data: { certificationId, framework, ref, checkId, result, method, performedAt, evidence, notes } }];
      }
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};
