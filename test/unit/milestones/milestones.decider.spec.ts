import { milestoneDecider } from '../../../src/milestones/milestones.decider';
import type { MilestoneEvent } from '../../../src/milestones/milestones.events';
import { given } from '../../support/given-when-then';

const recorded: MilestoneEvent = {
  type: 'MilestoneRecorded',
  data: { milestoneId: 'm1', title: 'Joint company created', kind: 'corporate', plannedFor: '2022-06-30', occurredOn: null, source: null },
};

describe('milestones decider', () => {
  it('records a planned milestone', () => {
    given(milestoneDecider)
      .when({ kind: 'RecordMilestone', milestoneId: 'm1', title: 'Joint company created', milestoneKind: 'corporate', plannedFor: '2022-06-30' })
      .then([recorded]);
  });

  it('records the certifications a milestone concerns, or none for the whole provider', () => {
    given(milestoneDecider)
      .when({ kind: 'RecordMilestone', milestoneId: 'm1', title: 'Joint company created', milestoneKind: 'corporate', plannedFor: '2022-06-30', certificationIds: ['scn-paas', 'scn-iaas'] })
      .then([{ ...recorded, data: { ...recorded.data, certificationIds: ['scn-iaas', 'scn-paas'] } } as MilestoneEvent]);
  });

  it('needs at least one date', () => {
    given(milestoneDecider).when({ kind: 'RecordMilestone', milestoneId: 'm1', title: 't', milestoneKind: 'corporate' }).thenFails('validation', /plannedFor/, 'plannedFor');
  });

  it('refuses an achievement dated in the future', () => {
    given(milestoneDecider, [recorded]).when({ kind: 'AchieveMilestone', occurredOn: '2027-01-01' }).thenFails('validation', /future/, 'occurredOn');
  });

  it('records an achievement once', () => {
    const achieved: MilestoneEvent = { type: 'MilestoneAchieved', data: { milestoneId: 'm1', occurredOn: '2022-06-30' } };
    given(milestoneDecider, [recorded]).when({ kind: 'AchieveMilestone', occurredOn: '2022-06-30' }).then([achieved]);
    given(milestoneDecider, [recorded, achieved]).when({ kind: 'AchieveMilestone', occurredOn: '2022-07-01' }).thenFails('rule_broken', /already achieved/);
  });

  it('records a slip from the previously planned date, but not after achievement', () => {
    given(milestoneDecider, [recorded])
      .when({ kind: 'SlipMilestone', plannedFor: '2022-09-30', reason: 'works council' })
      .then([{ type: 'MilestoneSlipped', data: { milestoneId: 'm1', previouslyPlannedFor: '2022-06-30', plannedFor: '2022-09-30', reason: 'works council', on: '2026-11-28' } }]);
    given(milestoneDecider, [recorded, { type: 'MilestoneAchieved', data: { milestoneId: 'm1', occurredOn: '2022-06-30' } }])
      .when({ kind: 'SlipMilestone', plannedFor: '2022-09-30', reason: 'late' })
      .thenFails('rule_broken', /no longer slip/);
  });

  it('dates a slip the day it was decided, not in the future nor before the previous slip', () => {
    given(milestoneDecider, [recorded])
      .when({ kind: 'SlipMilestone', plannedFor: '2022-09-30', reason: 'works council', on: '2022-05-15' })
      .then([{ type: 'MilestoneSlipped', data: { milestoneId: 'm1', previouslyPlannedFor: '2022-06-30', plannedFor: '2022-09-30', reason: 'works council', on: '2022-05-15' } }]);
    given(milestoneDecider, [recorded]).when({ kind: 'SlipMilestone', plannedFor: '2022-09-30', reason: 'x', on: '2027-01-01' }).thenFails('validation', /future/, 'on');
    const slipped = { type: 'MilestoneSlipped', data: { milestoneId: 'm1', previouslyPlannedFor: '2022-06-30', plannedFor: '2022-09-30', reason: 'x', on: '2022-05-15' } } as const;
    given(milestoneDecider, [recorded, slipped]).when({ kind: 'SlipMilestone', plannedFor: '2022-12-31', reason: 'y', on: '2022-05-01' }).thenFails('validation', /previous slip/, 'on');
  });
});
