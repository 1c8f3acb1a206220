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
      .then([{ type: 'MilestoneSlipped', data: { milestoneId: 'm1', previouslyPlannedFor: '2022-06-30', plannedFor: '2022-09-30', reason: 'works council' } }]);
    given(milestoneDecider, [recorded, { type: 'MilestoneAchieved', data: { milestoneId: 'm1', occurredOn: '2022-06-30' } }])
      .when({ kind: 'SlipMilestone', plannedFor: '2022-09-30', reason: 'late' })
      .thenFails('rule_broken', /no longer slip/);
  });
});
