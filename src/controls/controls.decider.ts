import type { CertificationStatus } from '../certifications/certifications.events';
import type { Decider } from '../shared/decider';
import { invalid, notFound, ruleBroken } from '../shared/errors';
import { notInFuture } from '../shared/rules';
import type { CheckCorrectableField, CheckMethod, CheckResult, ControlEvent } from './controls.events';

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
  | (RequirementSubject & { kind: 'StateApplicability'; applicable: boolean; justification: string; reviewIntervalDays?: number })
  | (RequirementSubject & { kind: 'CorrectCheck'; checkId: string; field: CheckCorrectableField; value: string; reason: string })
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
  reviewIntervalDays: number | null;
  /** performedAt of every check recorded, corrected when a correction was. */
  checks: Record<string, string>;
}

const IN_SCOPE_RESULTS: readonly CheckResult[] = ['passed', 'partial', 'failed'];
const SHORTFALL_RESULTS: readonly CheckResult[] = ['partial', 'failed'];

export const controlDecider: Decider<ControlCommand, ControlEvent, ControlState> = {
  initialState: { applicable: null, justification: null, reviewIntervalDays: null, checks: {} },

  evolve(state, event) {
    switch (event.type) {
      case 'ApplicabilityStated':
        return { ...state, applicable: event.data.applicable, justification: event.data.justification, reviewIntervalDays: event.data.reviewIntervalDays ?? null };
      case 'ControlCheckRecorded':
        return { ...state, checks: { ...state.checks, [event.data.checkId]: event.data.performedAt } };
      case 'ControlCheckCorrected':
        return { ...state, checks: { ...state.checks, [event.data.checkId]: event.data.to } };
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
        const reviewIntervalDays = command.reviewIntervalDays ?? null;
        // Restating what is already on record changes nothing: the PUT is idempotent.
        if (state.applicable === command.applicable && state.justification === justification && state.reviewIntervalDays === reviewIntervalDays) return [];
        const data = { certificationId, framework, ref, applicable: command.applicable, justification };
        return [{ type: 'ApplicabilityStated', data: reviewIntervalDays === null ? data : { ...data, reviewIntervalDays } }];
      }
      case 'RecordCheck': {
        const { checkId, result, method } = command;
        notInFuture('performedAt', command.performedAt, now);
        // Stored in UTC so that instants given in any zone order correctly as strings, in read models and the dossier.
        const performedAt = new Date(command.performedAt).toISOString();
        if (state.checks[checkId] !== undefined) throw ruleBroken(`check ${checkId} was already recorded`, { field: 'checkId' });
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
      case 'CorrectCheck': {
        const { checkId, field } = command;
        const recorded = state.checks[checkId];
        if (recorded === undefined) throw notFound(`check ${checkId} of ${ref} not found`, { field: 'checkId' });
        const reason = command.reason.trim();
        if (reason === '') throw invalid('reason', 'must say what was wrong');
        notInFuture('value', command.value, now);
        const to = new Date(command.value).toISOString();
        if (to === recorded) throw ruleBroken(`check ${checkId} already says ${field} ${recorded}; nothing to correct`, { field: 'value' });
        return [{ type: 'ControlCheckCorrected', data: { certificationId, framework, ref, checkId, field, from: recorded, to, reason } }];
      }
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};
