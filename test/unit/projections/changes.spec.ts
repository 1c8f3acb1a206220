import { changesProjection } from '../../../projections/changes';
import type { DossierModel } from '../../../src/dossier/dossier.model';
import { project, type FactOf } from '../../support/projection-harness';

const received = (changeId = 'ch1', receivedAt = '2026-11-20T08:00:00Z'): FactOf => ({
  type: 'UpstreamChangeReceived',
  data: { changeId, source: 'vendor-bulletin', release: '2026.11.3', description: 'Hypervisor security fix', receivedAt },
});
const reviewed = (decision: 'approved' | 'rejected', retrospective = false): FactOf => ({
  type: 'ChangeReviewed',
  data: { changeId: 'ch1', decision, risk: 'high', reviewedAt: '2026-11-21T10:00:00Z', notes: 'Checked in preproduction', retrospective },
});
const deployed = (environment: string, emergency = false): FactOf => ({
  type: 'ChangeDeployed',
  data: { changeId: 'ch1', environment, deployedAt: '2026-11-22T06:00:00Z', emergency, exception: emergency, justification: emergency ? 'CVE exploited' : null },
});
const changeOf = (facts: FactOf[]) => project(changesProjection, facts).get('ch1')!;

describe('changes projection', () => {
  it('given a received release, shows it received, unreviewed and not deployed', () => {
    expect(changeOf([received()])).toEqual({
      changeId: 'ch1', source: 'vendor-bulletin', release: '2026.11.3', description: 'Hypervisor security fix', receivedAt: '2026-11-20T08:00:00Z', certificationIds: null,
      decision: null, risk: null, reviewedAt: null, reviewedBy: null, notes: null, retrospectiveReview: false, deployments: [], status: 'received',
      reviewedBeforeDeployment: null, recorded: expect.objectContaining({ position: '1', actor: 'compliance-1' }),
    });
  });

  it('given an approval, shows it approved with the review', () => {
    expect(changeOf([received(), reviewed('approved')])).toMatchObject({
      status: 'approved', decision: 'approved', risk: 'high', reviewedAt: '2026-11-21T10:00:00Z', reviewedBy: 'compliance-1', notes: 'Checked in preproduction', reviewedBeforeDeployment: null,
    });
  });

  it('given a rejection, shows it rejected', () => {
    expect(changeOf([received(), reviewed('rejected')])).toMatchObject({ status: 'rejected', decision: 'rejected' });
  });

  it('given an approval then deployments, shows it deployed, reviewed before deployment, with each environment', () => {
    const change = changeOf([received(), reviewed('approved'), deployed('preproduction'), deployed('production')]);
    expect(change).toMatchObject({ status: 'deployed', reviewedBeforeDeployment: true });
    expect(change.deployments.map((d) => [d.environment, d.emergency, d.exception])).toEqual([['preproduction', false, false], ['production', false, false]]);
    expect(change.deployments[1].recorded.position).toBe('4');
  });

  it('given an emergency deployment before any review, shows an open exception with its justification', () => {
    const change = changeOf([received(), deployed('production', true)]);
    expect(change).toMatchObject({ status: 'exception', reviewedBeforeDeployment: false, decision: null });
    expect(change.deployments).toEqual([expect.objectContaining({ emergency: true, exception: true, justification: 'CVE exploited' })]);
  });

  it('given the retrospective review, closes the exception and keeps the deployment made without review', () => {
    const change = changeOf([received(), deployed('production', true), reviewed('approved', true)]);
    expect(change).toMatchObject({ status: 'deployed', retrospectiveReview: true, reviewedBeforeDeployment: false });
    expect(change.deployments[0]).toMatchObject({ exception: true });
  });

  it('given a retrospective rejection, shows it rejected with the deployment still listed, to be rolled back', () => {
    const change = changeOf([received(), deployed('production', true), reviewed('rejected', true)]);
    expect(change).toMatchObject({ status: 'rejected', reviewedBeforeDeployment: false, deployments: [expect.objectContaining({ environment: 'production' })] });
  });

  it('ignores events of a change it never saw received', () => {
    expect(project(changesProjection, [reviewed('approved'), deployed('production')]).size).toBe(0);
  });

  it('is a superset of the dossier row: the dossier takes the document as it is', () => {
    const { retrospectiveReview, status, reviewedBeforeDeployment, recorded, certificationIds, reviewedBy, ...rest } = changeOf([received(), deployed('production', true)]);
    const row: DossierModel['changes'][number] = { ...rest, reviewer: reviewedBy === null ? null : { subject: reviewedBy, erased: false, name: null, organisation: null }, providerWide: certificationIds === null };
    expect([rest.description, rest.notes, certificationIds, retrospectiveReview, status, reviewedBeforeDeployment, recorded.position]).toEqual(['Hypervisor security fix', null, null, false, 'exception', false, '1']);
    expect(row).toMatchObject({
      providerWide: true,
      changeId: 'ch1', source: 'vendor-bulletin', release: '2026.11.3', receivedAt: '2026-11-20T08:00:00Z', decision: null, risk: null, reviewedAt: null,
      deployments: [{ environment: 'production', deployedAt: '2026-11-22T06:00:00Z', emergency: true, exception: true, justification: 'CVE exploited' }],
    });
  });
});
