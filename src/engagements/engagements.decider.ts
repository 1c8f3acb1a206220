import type { Decider } from '../shared/decider';
import { conflict, invalid } from '../shared/errors';
import type { EngagementEvent, EngagementTerms } from './engagements.events';

export type EngagementCommand = { kind: 'OpenEngagement' } & EngagementTerms;

export type EngagementState = { opened: false } | ({ opened: true } & EngagementTerms);

export const engagementDecider: Decider<EngagementCommand, EngagementEvent, EngagementState> = {
  initialState: { opened: false },

  evolve(_state, event) {
    switch (event.type) {
      case 'EngagementOpened':
        return { opened: true, ...event.data };
      default: {
        const unknown: never = event.type;
        return unknown;
      }
    }
  },

  decide(command, state, now) {
    switch (command.kind) {
      case 'OpenEngagement': {
        if (state.opened) throw conflict(`engagement ${command.engagementId} is already open`);
        if (command.windowTo < command.windowFrom) throw invalid('windowTo', `must not be before windowFrom (${command.windowFrom})`);
        if (Date.parse(command.accessUntil) <= now.getTime()) throw invalid('accessUntil', 'must be in the future: access ends then');
        if (new Set(command.certificationIds).size !== command.certificationIds.length) throw invalid('certificationIds', 'names a certification twice');
        const { kind: _kind, ...terms } = command;
        return [{ type: 'EngagementOpened', data: terms }];
      }
      default: {
        const unknown: never = command.kind;
        return unknown;
      }
    }
  },
};
