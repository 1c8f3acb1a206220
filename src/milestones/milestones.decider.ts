import type { Decider } from '../shared/decider';
import { invalid, ruleBroken } from '../shared/errors';
import { notBefore, notInFuture, today } from '../shared/rules';
import type { MilestoneEvent, MilestoneKind } from './milestones.events';

export type MilestoneCommand =
  | { kind: 'RecordMilestone'; milestoneId: string; title: string; milestoneKind: MilestoneKind; plannedFor?: string; occurredOn?: string; source?: string; certificationIds?: string[] }
  | { kind: 'AchieveMilestone'; occurredOn: string }
  | { kind: 'SlipMilestone'; plannedFor: string; reason: string; on?: string };

export interface MilestoneState {
  exists: boolean;
  milestoneId: string;
  plannedFor: string | null;
  occurredOn: string | null;
  /** The day the latest slip was decided; null before any, or for slips recorded without one. */
  slippedOn: string | null;
}

export const milestoneDecider: Decider<MilestoneCommand, MilestoneEvent, MilestoneState> = {
  initialState: { exists: false, milestoneId: '', plannedFor: null, occurredOn: null, slippedOn: null },

  evolve(state, event) {
    switch (event.type) {
      case 'MilestoneRecorded':
        return { exists: true, milestoneId: event.data.milestoneId, plannedFor: event.data.plannedFor, occurredOn: event.data.occurredOn, slippedOn: null };
      case 'MilestoneAchieved':
        return { ...state, occurredOn: event.data.occurredOn };
      case 'MilestoneSlipped':
        return { ...state, plannedFor: event.data.plannedFor, slippedOn: event.data.on ?? null };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, now) {
    switch (command.kind) {
      case 'RecordMilestone': {
        if (!command.plannedFor && !command.occurredOn) throw invalid('plannedFor', 'give plannedFor, occurredOn or both');
        if (command.occurredOn) notInFuture('occurredOn', command.occurredOn, now);
        const { milestoneId, title, milestoneKind, plannedFor, occurredOn, source, certificationIds } = command;
        // Absent: the milestone concerns the whole provider (every certification's timeline).
        const scope = certificationIds === undefined ? {} : { certificationIds: [...certificationIds].sort() };
        return [
          {
            type: 'MilestoneRecorded',
            data: { milestoneId, title, kind: milestoneKind, plannedFor: plannedFor ?? null, occurredOn: occurredOn ?? null, source: source ?? null, ...scope },
          },
        ];
      }
      case 'AchieveMilestone':
        if (state.occurredOn) throw ruleBroken(`the milestone was already achieved on ${state.occurredOn}`);
        notInFuture('occurredOn', command.occurredOn, now);
        return [{ type: 'MilestoneAchieved', data: { milestoneId: state.milestoneId, occurredOn: command.occurredOn } }];
      case 'SlipMilestone':
        if (state.occurredOn) throw ruleBroken(`the milestone was achieved on ${state.occurredOn}; it can no longer slip`);
        if (command.plannedFor === state.plannedFor) throw invalid('plannedFor', `is already ${state.plannedFor}`);
        return [{ type: 'MilestoneSlipped', data: slip(state, command, now) }];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

/** A slip, dated the day it was decided (today by default): slips follow each other in business time, as they do in the log. */
function slip(state: MilestoneState, command: Extract<MilestoneCommand, { kind: 'SlipMilestone' }>, now: Date) {
  const on = command.on ?? today(now);
  notInFuture('on', on, now);
  if (state.slippedOn !== null) notBefore('on', on, state.slippedOn, 'the previous slip');
  return { milestoneId: state.milestoneId, previouslyPlannedFor: state.plannedFor, plannedFor: command.plannedFor, reason: command.reason, on };
}
