import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult } from '../support/http';
import { describeRefusals, type Refusal } from '../support/refusals';

type Role = 'admin' | 'compliance' | 'auditor';
const release = { source: 'vendor-release-channel', release: '2026.10.1', description: 'New remote diagnostics agent', receivedAt: '2026-10-01T08:00:00Z' };
const review = { decision: 'approved', risk: 'high', reviewedAt: '2026-10-03T10:00:00Z' };

/** An upstream change review that adds or changes a technical access path (decision 29). */
describe('change reviews in the access register and the 19.6.f notices', () => {
  let t: TestApp;
  let channel: string;

  const post = (path: string, body: object, role: Role = 'compliance') => request(t.http).post(path).set('authorization', t.tokens[role]).send(body);
  const record = async (path: string, body: object) => expectCommandResult(await post(path, body));
  const sovereignty = async (query = '') => (await request(t.http).get(`/sovereignty${query}`).set('authorization', t.tokens.auditor).expect(200)).body;
  const reviewed = async (body: object) => {
    const changeId = (await record('/changes', release)).id!;
    await record(`/changes/${changeId}/review`, body);
    return changeId;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    await record('/sovereignty/entities', { entityId: 'joint-company', name: 'Joint company', country: 'FR', isProvider: true, establishedOn: '2022-06-30' });
    channel = (await record('/sovereignty/access', {
      party: 'Upstream vendor release channel', jurisdiction: 'US', path: 'software_updates', reachesData: false, operates: true, qualified: false,
      blockingMeasures: ['Releases mirrored in France and deployed by the provider’s staff'], from: '2023-01-01',
    })).id!;
  });
  afterAll(() => t.close());

  it('records whether the release adds or changes an access path, with the review', async () => {
    const changeId = await reviewed({ ...review, accessPath: { effect: 'changes', party: 'Upstream vendor release channel', jurisdiction: 'US', accessId: channel } });
    expect((await t.events()).at(-1)).toMatchObject({
      type: 'ChangeReviewed',
      data: { changeId, decision: 'approved', accessPath: { effect: 'changes', party: 'Upstream vendor release channel', jurisdiction: 'US', accessId: channel } },
    });
    const body = await sovereignty('?validAt=2026-10-03');
    expect(body.access.find((a: { accessId: string }) => a.accessId === channel).reviewedIn).toEqual([changeId]);
    expect(body.accessReviews).toEqual([
      { changeId, reviewedAt: '2026-10-03T10:00:00.000Z', effect: 'changes', party: 'Upstream vendor release channel', jurisdiction: 'US', accessId: channel, nonEu: true },
    ]);
    // The register as it stood the day before the review does not show it.
    expect((await sovereignty('?validAt=2026-10-02')).accessReviews).toEqual([]);
  });

  it('opens a 19.6.f obligation due one month after the review, listed in /obligations and met by a notice once', async () => {
    const changeId = await reviewed({ ...review, accessPath: { effect: 'adds', party: 'Upstream vendor diagnostics', jurisdiction: 'US' } });
    const obligation = `change-${changeId}`;
    const notice = (await sovereignty()).notices.find((n: { obligation: string }) => n.obligation === obligation);
    expect(notice).toMatchObject({
      changeOn: '2026-10-03', dueOn: '2026-11-03', fact: 'ChangeReviewed', status: 'pending', overdue: true,
      reasons: [{ kind: 'access_path_reviewed', changeId, effect: 'adds', jurisdiction: 'US', accessId: null }],
    });
    const overdue = await request(t.http).get('/obligations?status=overdue').set('authorization', t.tokens.auditor).expect(200);
    expect(overdue.body.items).toContainEqual(expect.objectContaining({ obligation: 'sovereignty_notice', subject: obligation, dueAt: '2026-11-03' }));

    await record('/sovereignty/notices', { obligation, sentAt: '2026-10-20T09:00:00Z', reference: 'Customer letter 2026-10' });
    expect((await sovereignty()).notices.find((n: { obligation: string }) => n.obligation === obligation)).toMatchObject({ status: 'met', reference: 'Customer letter 2026-10' });
    const again = await post('/sovereignty/notices', { obligation, sentAt: '2026-10-21T09:00:00Z', reference: 'Second letter' });
    expect(again.status).toBe(422);
    expect(await post('/sovereignty/waivers', { obligation, reason: 'Already told' }).then((r) => r.status)).toBe(422);
  });

  it('opens none for a review that touches no path, a rejected release, or a path under EU law', async () => {
    const before = (await sovereignty()).notices.length;
    await reviewed(review);
    await reviewed({ ...review, decision: 'rejected', accessPath: { effect: 'adds', party: 'Upstream vendor diagnostics', jurisdiction: 'US' } });
    await reviewed({ ...review, accessPath: { effect: 'adds', party: 'German subcontractor', jurisdiction: 'DE' } });
    const body = await sovereignty();
    expect(body.notices).toHaveLength(before);
    expect(body.accessReviews.map((r: { party: string; nonEu: boolean }) => [r.party, r.nonEu])).toContainEqual(['German subcontractor', false]);
  });

  let pending: string;
  const refusals: Record<string, Refusal[]> = {
    'POST /changes/:id/review': [
      ['an unknown jurisdiction', () => [`/changes/${pending}/review`, { ...review, accessPath: { effect: 'adds', party: 'p', jurisdiction: 'UK' } }], 400, 'accessPath.jurisdiction'],
      ['an unknown effect', () => [`/changes/${pending}/review`, { ...review, accessPath: { effect: 'removes', party: 'p', jurisdiction: 'US' } }], 400, 'accessPath.effect'],
      ['a path not in the register', () => [`/changes/${pending}/review`, { ...review, accessPath: { effect: 'changes', party: 'p', jurisdiction: 'US', accessId: 'no-such-path' } }], 400, 'accessPath.accessId'],
    ],
    'POST /sovereignty/notices': [['a change that opened no obligation', () => ['/sovereignty/notices', { obligation: `change-${pending}`, sentAt: '2026-10-20T09:00:00Z', reference: 'x' }], 400, 'obligation']],
  };
  beforeAll(async () => {
    pending = (await record('/changes', release)).id!;
  });
  describeRefusals(refusals, () => t, (path, body, role) => post(path, body, role));
});
