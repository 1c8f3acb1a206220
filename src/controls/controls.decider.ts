import type { CertificationStatus } from '../certifications/certifications.events';
import type { Decider } from '../shared/decider';
import { invalid, notFound, ruleBroken } from '../shared/errors';
import { notBefore, notInFuture, today } from '../shared/rules';
import { requireInEffect, type CitedEvidence } from '../shared/evidence-in-effect';
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
  | (RequirementSubject & { kind: 'StateApplicability'; applicable: boolean; justification: string; reviewIntervalDays?: number; on?: string })
  | (RequirementSubject & {
      kind: 'CorrectCheck';
      checkId: string;
      field: CheckCorrectableField;
      value: string;
      reason: string;
      /** When each evidence file the check cites took effect: the handler looks them up. */
      cited: readonly CitedEvidence[];
    })
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
  /** The business day of the latest statement; null before any, or for statements recorded without one. */
  statedOn: string | null;
  /** Every statement in business order: a check is judged by the one in force on its own day. */
  statements: readonly StatementInForce[];
  /** Every check recorded: its performedAt (corrected when a correction was) and the evidence it cites. */
  checks: Record<string, RecordedCheck>;
}

export interface StatementInForce {
  /** null: recorded before statements carried a day; it then holds from the start. */
  on: string | null;
  applicable: boolean;
}

/** The applicability in force on `day`: the latest statement made on or before it; null (applies by default) before any. */
export function applicableOn(statements: readonly StatementInForce[], day: string): boolean | null {
  for (let i = statements.length - 1; i >= 0; i -= 1) {
    const { on, applicable } = statements[i];
    if (on === null || on <= day) return applicable;
  }
  return null;
}

export interface RecordedCheck {
  performedAt: string;
  result: CheckResult;
  evidence: readonly string[];
}

const IN_SCOPE_RESULTS: readonly CheckResult[] = ['passed', 'partial', 'failed'];

/** A result must fit the statement of applicability in force on the check's own day, not the latest one. */
function requireResultFits(result: CheckResult, applicable: boolean | null, ref: string, performedAt: string, field = 'result'): void {
  const day = performedAt.slice(0, 10);
  if (applicable === false && IN_SCOPE_RESULTS.includes(result)) {
    throw ruleBroken(`${ref} is stated not applicable on ${day}; state it applicable again before recording a ${result} check on that day`, { field });
  }
  if (result === 'not_applicable' && applicable !== false) {
    throw ruleBroken(`a not_applicable result needs ${ref} to be stated not applicable first (on or before ${day}), with its justification`, { field });
  }
}
const SHORTFALL_RESULTS: readonly CheckResult[] = ['partial', 'failed'];

export const controlDecider: Decider<ControlCommand, ControlEvent, ControlState> = {
  initialState: { applicable: null, justification: null, reviewIntervalDays: null, statedOn: null, statements: [], checks: {} },

  evolve(state, event) {
    switch (event.type) {
      case 'ApplicabilityStated': {
        const d = event.data;
        return {
          ...state,
          applicable: d.applicable,
          justification: d.justification,
          reviewIntervalDays: d.reviewIntervalDays ?? null,
          statedOn: d.on ?? null,
          statements: [...state.statements, { on: d.on ?? null, applicable: d.applicable }],
        };
      }
      case 'ControlCheckRecorded': {
        const { checkId, performedAt, result } = event.data;
        return { ...state, checks: { ...state.checks, [checkId]: { performedAt, result, evidence: event.data.evidence ?? [] } } };
      }
      case 'ControlCheckCorrected': {
        const check = state.checks[event.data.checkId];
        return { ...state, checks: { ...state.checks, [event.data.checkId]: { ...check, performedAt: event.data.to } } };
      }
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
        // The day the statement holds from: statements follow each other in business time, as they do in the log.
        const on = command.on ?? today(now);
        notInFuture('on', on, now);
        if (state.statedOn !== null) notBefore('on', on, state.statedOn, 'the previous statement of applicability');
        const data = { certificationId, framework, ref, applicable: command.applicable, justification };
        return [{ type: 'ApplicabilityStated', data: reviewIntervalDays === null ? { ...data, on } : { ...data, reviewIntervalDays, on } }];
      }
      case 'RecordCheck': {
        const { checkId, result, method } = command;
        notInFuture('performedAt', command.performedAt, now);
        // Stored in UTC so that instants given in any zone order correctly as strings, in read models and the dossier.
        const performedAt = new Date(command.performedAt).toISOString();
        if (state.checks[checkId] !== undefined) throw ruleBroken(`check ${checkId} was already recorded`, { field: 'checkId' });
        requireResultFits(result, applicableOn(state.statements, performedAt.slice(0, 10)), ref, performedAt);
        const notes = command.notes?.trim() || null;
        if (SHORTFALL_RESULTS.includes(result) && notes === null) {
          throw invalid('notes', `must say what falls short when a check is ${result}`);
        }
        const evidence = [...new Set(command.evidence ?? [])];
        return [{ type: 'ControlCheckRecorded', data: { certificationId, framework, ref, checkId, result, method, performedAt, evidence, notes } }];
      }
      case 'CorrectCheck': {
        const { checkId, field } = command;
        const check = state.checks[checkId];
        if (check === undefined) throw notFound(`check ${checkId} of ${ref} not found`, { field: 'checkId' });
        const recorded = check.performedAt;
        const reason = command.reason.trim();
        if (reason === '') throw invalid('reason', 'must say what was wrong');
        notInFuture('value', command.value, now);
        const to = new Date(command.value).toISOString();
        if (to === recorded) throw ruleBroken(`check ${checkId} already says ${field} ${recorded}; nothing to correct`, { field: 'value' });
        requireResultFits(check.result, applicableOn(state.statements, to.slice(0, 10)), ref, to, 'value');
        // On its corrected date the check must still rest on evidence then in effect.
        requireInEffect(command.cited.filter((e) => check.evidence.includes(e.sha256)), to, 'value', `check ${checkId}`);
        return [{ type: 'ControlCheckCorrected', data: { certificationId, framework, ref, checkId, field, from: recorded, to, reason } }];
      }
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};
