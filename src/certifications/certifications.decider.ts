import type { Decider } from '../shared/decider';
import { invalid, ruleBroken } from '../shared/errors';
import { addYears, notBefore, notInFuture, today } from '../shared/rules';
import { MAX_VALIDITY_YEARS, STEPS, type CertificationEvent, type CertificationStatus, type Step } from './certifications.events';

export type { CertificationStatus } from './certifications.events';

export type CertificationCommand =
  | { kind: 'FileApplication'; certificationId: string; label: string; framework: string; service: string; evaluator?: string; filedOn?: string; reviewIntervalDays?: number }
  | { kind: 'RecordStep'; step: Step; on: string; note?: string }
  | { kind: 'Grant'; grantedOn: string; validUntil: string }
  | { kind: 'Suspend'; on: string; reason: string }
  | { kind: 'Renew'; on: string; validUntil: string }
  | { kind: 'Withdraw'; on: string; reason: string };


export interface CertificationState {
  status: CertificationStatus;
  certificationId: string;
  framework: string;
  /** Steps reached, with their dates, in order. */
  steps: Partial<Record<Step, string>>;
  /** The date of the latest lifecycle fact, which the next one may not precede. */
  lastOn: string | null;
}

export const certificationDecider: Decider<CertificationCommand, CertificationEvent, CertificationState> = {
  initialState: { status: 'none', certificationId: '', framework: '', steps: {}, lastOn: null },

  evolve(state, event) {
    switch (event.type) {
      case 'CertificationApplicationFiled':
        return { ...state, status: 'applied', certificationId: event.data.certificationId, framework: event.data.framework, lastOn: event.data.filedOn ?? null };
      case 'CertificationStepRecorded':
        return { ...state, steps: { ...state.steps, [event.data.step]: event.data.on }, lastOn: event.data.on };
      case 'CertificationGranted':
        return { ...state, status: 'granted', lastOn: event.data.grantedOn };
      case 'CertificationSuspended':
        return { ...state, status: 'suspended', lastOn: event.data.on };
      case 'CertificationRenewed':
        return { ...state, status: 'granted', lastOn: event.data.on };
      case 'CertificationWithdrawn':
        return { ...state, status: 'withdrawn', lastOn: event.data.on };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, now) {
    if (command.kind === 'FileApplication') {
      const { certificationId, label, framework, service, evaluator } = command;
      // Filed today unless the application is recorded after the fact.
      const filedOn = command.filedOn ?? today(now);
      notInFuture('filedOn', filedOn, now);
      const data = { certificationId, label, framework, service, evaluator: evaluator ?? null, filedOn };
      const { reviewIntervalDays } = command;
      return [{ type: 'CertificationApplicationFiled', data: reviewIntervalDays === undefined ? data : { ...data, reviewIntervalDays } }];
    }
    if (state.status === 'withdrawn') throw ruleBroken('the certification was withdrawn; it takes no further steps');
    const id = state.certificationId;
    const on = command.kind === 'Grant' ? command.grantedOn : command.on;
    const field = command.kind === 'Grant' ? 'grantedOn' : 'on';
    notInFuture(field, on, now);
    if (state.lastOn) notBefore(field, on, state.lastOn, 'the previous lifecycle fact');
    switch (command.kind) {
      case 'RecordStep': {
        if (state.steps[command.step]) throw ruleBroken(`${command.step} was already recorded on ${state.steps[command.step]}`);
        const previous = STEPS[STEPS.indexOf(command.step) - 1];
        if (previous && !state.steps[previous]) throw ruleBroken(`${command.step} cannot come before ${previous}`);
        return [{ type: 'CertificationStepRecorded', data: { certificationId: id, step: command.step, on: command.on, note: command.note ?? null } }];
      }
      case 'Grant':
        if (state.status !== 'applied') throw ruleBroken(`a ${state.status} certification cannot be granted again; renew it instead`);
        if (!state.steps.J3) throw ruleBroken('the certification can be granted only after the J3 decision');
        checkValidity(command.grantedOn, command.validUntil);
        return [{ type: 'CertificationGranted', data: { certificationId: id, grantedOn: command.grantedOn, validUntil: command.validUntil } }];
      case 'Suspend':
        if (state.status !== 'granted') throw ruleBroken(`only a granted certification can be suspended; it is ${state.status}`);
        return [{ type: 'CertificationSuspended', data: { certificationId: id, on: command.on, reason: command.reason } }];
      case 'Renew':
        if (state.status !== 'granted' && state.status !== 'suspended') {
          throw ruleBroken(`only a granted or suspended certification can be renewed; it is ${state.status}`);
        }
        checkValidity(command.on, command.validUntil);
        return [{ type: 'CertificationRenewed', data: { certificationId: id, on: command.on, validUntil: command.validUntil } }];
      case 'Withdraw':
        return [{ type: 'CertificationWithdrawn', data: { certificationId: id, on: command.on, reason: command.reason } }];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

function checkValidity(from: string, validUntil: string): void {
  if (validUntil <= from) throw invalid('validUntil', `must be after ${from}`);
  const limit = addYears(from, MAX_VALIDITY_YEARS);
  if (validUntil > limit) throw ruleBroken(`a qualification is valid for at most ${MAX_VALIDITY_YEARS} years: validUntil may be ${limit} at the latest`, { field: 'validUntil' });
}
