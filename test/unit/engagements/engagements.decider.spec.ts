import { engagementDecider } from '../../../src/engagements/engagements.decider';
import type { EngagementEvent } from '../../../src/engagements/engagements.events';
import { given } from '../../support/given-when-then';

const terms = {
  engagementId: 'eng-1',
  auditor: 'paul.passi',
  certificationIds: ['scn-1'],
  windowFrom: '2026-01-01',
  windowTo: '2026-06-30',
  accessUntil: '2027-01-31T00:00:00Z',
};
const open = { kind: 'OpenEngagement' as const, ...terms };
const opened: EngagementEvent = { type: 'EngagementOpened', data: terms };

describe('engagement decider: what an auditor is given to see', () => {
  it('opens an engagement with its certifications, window and end of access', () => {
    given(engagementDecider).when(open).then([opened]);
  });

  it('refuses a window that ends before it starts, naming windowTo', () => {
    given(engagementDecider).when({ ...open, windowTo: '2025-12-31' }).thenFails('validation', /windowFrom/, 'windowTo');
  });

  it('refuses access that would already be over, naming accessUntil', () => {
    given(engagementDecider).when({ ...open, accessUntil: '2026-11-28T11:59:59Z' }).thenFails('validation', /future/, 'accessUntil');
  });

  it('refuses a certification named twice, and opening the same engagement again', () => {
    given(engagementDecider).when({ ...open, certificationIds: ['scn-1', 'scn-1'] }).thenFails('validation', /twice/, 'certificationIds');
    given(engagementDecider, [opened]).when(open).thenFails('conflict', /already open/);
  });
});
