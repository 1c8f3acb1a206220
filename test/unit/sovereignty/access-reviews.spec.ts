import { changeDecider } from '../../../src/changes/changes.decider';
import type { ChangeEvent } from '../../../src/changes/changes.events';
import { EMPTY_LEDGER } from '../../../projections/sovereignty/ledger';
import { recordReview, reviewNotice } from '../../../projections/sovereignty/notices';
import { sovereigntyDecider } from '../../../src/sovereignty/sovereignty.decider';
import type { SovereigntyEvent } from '../../../src/sovereignty/sovereignty.events';
import { given } from '../../support/given-when-then';
import { provider } from './structure';

const received: ChangeEvent = {
  type: 'UpstreamChangeReceived',
  data: { changeId: 'ch1', source: 'vendor-release-channel', release: '2026.10.1', description: 'Remote diagnostics agent', receivedAt: '2026-10-01T08:00:00Z' },
};
const review = { kind: 'ReviewChange', decision: 'approved', risk: 'high', reviewedAt: '2026-10-03T10:00:00Z' } as const;
const path = { effect: 'adds', party: 'Upstream vendor diagnostics', jurisdiction: 'US' } as const;
const reviewed = { changeId: 'ch1', decision: 'approved', risk: 'high', reviewedAt: '2026-10-03T10:00:00Z', notes: null, retrospective: false, accessPath: { ...path, accessId: null } } as const;

describe('a change review that adds or changes a technical access path', () => {
  it('given a received release, when reviewed with the path it adds, then the review records it; without one, the event is as before', () => {
    given(changeDecider, [received]).when({ ...review, accessPath: path }).then([{ type: 'ChangeReviewed', data: reviewed }]);
    const { accessPath: _none, ...without } = reviewed;
    given(changeDecider, [received]).when(review).then([{ type: 'ChangeReviewed', data: without }]);
  });

  it('given a received release, when the path names an unknown country, then the review is refused naming the field', () => {
    given(changeDecider, [received]).when({ ...review, accessPath: { ...path, jurisdiction: 'UK' } }).thenFails('validation', /UK/, 'accessPath.jurisdiction');
  });

  it('opens a 19.6.f obligation for an approved release under non-EU law only, due one month after the review', () => {
    expect(reviewNotice(reviewed)).toMatchObject({ obligation: 'change-ch1', changeOn: '2026-10-03', dueOn: '2026-11-03', fact: 'ChangeReviewed', reasons: [{ kind: 'access_path_reviewed', changeId: 'ch1', effect: 'adds' }] });
    expect(reviewNotice({ ...reviewed, decision: 'rejected' })).toBeNull();
    expect(reviewNotice({ ...reviewed, accessPath: { ...reviewed.accessPath, jurisdiction: 'DE' } })).toBeNull();
    expect(reviewNotice({ ...reviewed, accessPath: undefined })).toBeNull();
    const ledger = recordReview(EMPTY_LEDGER, reviewed);
    expect(ledger.accessReviews).toEqual([{ changeId: 'ch1', reviewedAt: '2026-10-03T10:00:00.000Z', ...reviewed.accessPath }]);
    expect(ledger.notices.map((n) => n.obligation)).toEqual(['change-ch1']);
  });

  it('given the obligation a review opened, when its notice is sent, then it is recorded once', () => {
    const opened = reviewNotice(reviewed);
    const notice = { kind: 'SendNotice', obligation: 'change-ch1', sentAt: '2026-10-20T09:00:00Z', reference: 'Letter 2026-10', opened } as const;
    const sent: SovereigntyEvent = { type: 'CustomerNoticeSent', data: { obligation: 'change-ch1', sentAt: '2026-10-20T09:00:00.000Z', reference: 'Letter 2026-10' } };
    given(sovereigntyDecider, [provider()]).when(notice).then([sent]);
    given(sovereigntyDecider, [provider(), sent]).when(notice).thenFails('rule_broken', /already met/, 'obligation');
    given(sovereigntyDecider, [provider()]).when({ ...notice, opened: null }).thenFails('validation', /no 19.6.f obligation/, 'obligation');
  });
});
