import { changeDecider, type ChangeCommand } from '../../../src/changes/changes.decider';
import type { ChangeEvent } from '../../../src/changes/changes.events';
import { given } from '../../support/given-when-then';

const received: ChangeEvent = {
  type: 'UpstreamChangeReceived',
  data: { changeId: 'ch1', source: 'vendor-bulletin', release: '2026.11.3', description: 'Hypervisor security fix', receivedAt: '2026-11-20T08:00:00Z' },
};
const reviewed = (decision: 'approved' | 'rejected', reviewedAt = '2026-11-21T10:00:00Z', retrospective = false): ChangeEvent => ({
  type: 'ChangeReviewed',
  data: { changeId: 'ch1', decision, risk: 'medium', reviewedAt, notes: null, retrospective },
});
const deployed = (environment: string, deployedAt: string, emergency = false, justification: string | null = null): ChangeEvent => ({
  type: 'ChangeDeployed',
  data: { changeId: 'ch1', environment, deployedAt, emergency, exception: emergency, justification },
});
describe('the scope of a change', () => {
  it('records the certifications it concerns; without any, it concerns the whole provider', () => {
    const receive = { kind: 'ReceiveChange', changeId: 'ch1', source: 'vendor-bulletin', release: '2026.11.3', description: 'Hypervisor security fix', receivedAt: '2026-11-20T08:00:00Z' } as const;
    given(changeDecider).when({ ...receive, certificationIds: ['scn-paas', 'scn-iaas'] }).then([{ ...received, data: { ...received.data, certificationIds: ['scn-iaas', 'scn-paas'] } } as ChangeEvent]);
    given(changeDecider).when(receive).then([received]);
  });
});

const review = { kind: 'ReviewChange', decision: 'approved', risk: 'medium', reviewedAt: '2026-11-21T10:00:00Z' } as const;
const deploy = { kind: 'DeployChange', environment: 'production', deployedAt: '2026-11-22T06:00:00Z' } as const;
const emergency = (justification: string): Extract<ChangeCommand, { kind: 'DeployChange' }> => ({ ...deploy, deployedAt: '2026-11-20T09:00:00Z', emergency: { justification } });

describe('changes decider', () => {
  describe('reception', () => {
    const receive = { kind: 'ReceiveChange', changeId: 'ch1', source: 'vendor-bulletin', release: '2026.11.3', description: 'Hypervisor security fix' } as const;

    it('given nothing, when a release is received, then it is recorded with its source and date', () => {
      given(changeDecider).when({ ...receive, receivedAt: '2026-11-20T08:00:00Z' }).then([received]);
    });

    it('refuses a reception dated in the future', () => {
      given(changeDecider).when({ ...receive, receivedAt: '2026-12-01T00:00:00Z' }).thenFails('validation', /future/, 'receivedAt');
    });

    it('refuses to receive the same change twice', () => {
      given(changeDecider, [received]).when({ ...receive, receivedAt: '2026-11-20T08:00:00Z' }).thenFails('rule_broken', /already received/);
    });
  });

  describe('review', () => {
    it('given a received change, when reviewed, then the decision, risk and notes are recorded', () => {
      given(changeDecider, [received]).when({ ...review, decision: 'rejected', risk: 'high', notes: 'Breaks tenant isolation' }).then([
        { type: 'ChangeReviewed', data: { changeId: 'ch1', decision: 'rejected', risk: 'high', reviewedAt: '2026-11-21T10:00:00Z', notes: 'Breaks tenant isolation', retrospective: false } },
      ]);
    });

    it('refuses a review in the future or before the reception', () => {
      given(changeDecider, [received]).when({ ...review, reviewedAt: '2026-12-01T00:00:00Z' }).thenFails('validation', /future/, 'reviewedAt');
      given(changeDecider, [received]).when({ ...review, reviewedAt: '2026-11-19T23:59:00Z' }).thenFails('validation', /reception/, 'reviewedAt');
    });

    it('reviews a change once: a second review is refused', () => {
      given(changeDecider, [received, reviewed('rejected')]).when(review).thenFails('rule_broken', /already reviewed \(rejected/);
    });

    it('given an emergency deployment, accepts the review afterwards as retrospective', () => {
      given(changeDecider, [received, deployed('production', '2026-11-20T09:00:00Z', true, 'CVE exploited')]).when(review).then([reviewed('approved', '2026-11-21T10:00:00Z', true)]);
    });

    it('refuses a retrospective review dated before the emergency deployment it reviews', () => {
      given(changeDecider, [received, deployed('production', '2026-11-21T12:00:00Z', true, 'CVE exploited')])
        .when(review)
        .thenFails('validation', /emergency deployment to production/, 'reviewedAt');
    });
  });

  describe('deployment', () => {
    it('given an approved change, deploys it as an ordinary deployment', () => {
      given(changeDecider, [received, reviewed('approved')]).when(deploy).then([deployed('production', '2026-11-22T06:00:00Z')]);
    });

    it('refuses to deploy a change not reviewed yet without the emergency procedure', () => {
      given(changeDecider, [received]).when(deploy).thenFails('rule_broken', /not approved yet/, 'emergency');
    });

    it('refuses to deploy a rejected change, even as an emergency', () => {
      given(changeDecider, [received, reviewed('rejected')]).when(deploy).thenFails('rule_broken', /rejected change is not deployed/);
      given(changeDecider, [received, reviewed('rejected')]).when({ ...emergency('CVE exploited'), deployedAt: '2026-11-22T06:00:00Z' }).thenFails('rule_broken', /rejected/);
    });

    it('given no review, records an emergency deployment with its justification as an exception', () => {
      given(changeDecider, [received]).when(emergency('  CVE-2026-1234 exploited in the wild ')).then([
        deployed('production', '2026-11-20T09:00:00Z', true, 'CVE-2026-1234 exploited in the wild'),
      ]);
    });

    it('refuses an emergency deployment with a blank justification', () => {
      given(changeDecider, [received]).when(emergency('   ')).thenFails('validation', /why/, 'emergency.justification');
    });

    it('records an emergency deployment of an approved change as emergency but not as an exception', () => {
      given(changeDecider, [received, reviewed('approved')]).when({ ...emergency('Out-of-hours window'), deployedAt: '2026-11-21T11:00:00Z' }).then([
        { type: 'ChangeDeployed', data: { changeId: 'ch1', environment: 'production', deployedAt: '2026-11-21T11:00:00Z', emergency: true, exception: false, justification: 'Out-of-hours window' } },
      ]);
    });

    it('records as an exception an emergency deployment made before the review but recorded after it', () => {
      given(changeDecider, [received, reviewed('approved')]).when(emergency('CVE exploited')).then([deployed('production', '2026-11-20T09:00:00Z', true, 'CVE exploited')]);
    });

    it('refuses a deployment in the future, before the reception, or before the approval when not an emergency', () => {
      given(changeDecider, [received, reviewed('approved')]).when({ ...deploy, deployedAt: '2026-12-01T00:00:00Z' }).thenFails('validation', /future/, 'deployedAt');
      given(changeDecider, [received]).when({ ...emergency('CVE'), deployedAt: '2026-11-19T00:00:00Z' }).thenFails('validation', /reception/, 'deployedAt');
      given(changeDecider, [received, reviewed('approved')]).when({ ...deploy, deployedAt: '2026-11-21T09:00:00Z' }).thenFails('validation', /approval/, 'deployedAt');
    });

    it('refuses to deploy the same release twice to the same environment, but deploys it to another one', () => {
      const history = [received, reviewed('approved'), deployed('production', '2026-11-22T06:00:00Z')];
      given(changeDecider, history).when({ ...deploy, deployedAt: '2026-11-23T06:00:00Z' }).thenFails('rule_broken', /already deployed to production/, 'environment');
      given(changeDecider, history).when({ ...deploy, environment: 'preproduction' }).then([deployed('preproduction', '2026-11-22T06:00:00Z')]);
    });

    it('given an emergency deployment then its approval, deploys further environments ordinarily', () => {
      const history = [received, deployed('production', '2026-11-20T09:00:00Z', true, 'CVE'), reviewed('approved', '2026-11-21T10:00:00Z', true)];
      given(changeDecider, history).when({ ...deploy, environment: 'secours' }).then([deployed('secours', '2026-11-22T06:00:00Z')]);
    });

    it('given an emergency deployment rejected afterwards, refuses any further deployment', () => {
      const history = [received, deployed('production', '2026-11-20T09:00:00Z', true, 'CVE'), reviewed('rejected', '2026-11-21T10:00:00Z', true)];
      given(changeDecider, history).when({ ...deploy, environment: 'secours' }).thenFails('rule_broken', /rejected/);
    });
  });
});
