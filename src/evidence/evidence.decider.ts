import type { Decider } from '../shared/decider';
import { notBefore } from '../shared/rules';
import type { EvidenceEvent, EvidenceStoredData } from './evidence.events';

export type EvidenceCommand = { kind: 'StoreEvidence' } & EvidenceStoredData;

export type EvidenceState = { stored: false } | ({ stored: true } & EvidenceStoredData);

/**
 * One stream per content hash. Storing the same bytes again is a retry, not
 * a new fact: it appends nothing, and the details recorded the first time
 * stand (a different description or validity on a re-upload is ignored and
 * the answer shows what is recorded). Changing them would be a fact of its
 * own, with its own event, should users ever need it.
 */
export const evidenceDecider: Decider<EvidenceCommand, EvidenceEvent, EvidenceState> = {
  initialState: { stored: false },

  evolve(state, event) {
    switch (event.type) {
      case 'EvidenceStored':
        return state.stored ? state : { stored: true, ...event.data };
      default: {
        const unknown: never = event.type;
        return unknown;
      }
    }
  },

  decide(command, state) {
    switch (command.kind) {
      case 'StoreEvidence': {
        if (state.stored) return [];
        const { kind: _, ...data } = command;
        if (data.effectiveOn && data.validUntil) notBefore('validUntil', data.validUntil, data.effectiveOn, 'effectiveOn');
        return [{ type: 'EvidenceStored', data }];
      }
      default: {
        const unknown: never = command.kind;
        return unknown;
      }
    }
  },
};
