import { oneMonthAfter } from '../../src/incidents/incident-deadlines';
import type { ChangeEvent } from '../../src/changes/changes.events';
import type { SovereigntyEvent } from '../../src/sovereignty/sovereignty.events';
import { isEuMember } from './countries';
import { COLLECTIVE_THRESHOLD, evaluate, INDIVIDUAL_THRESHOLD, REQUIREMENTS, type SovereigntyEvaluation } from './evaluate';
import { applyFact, type AccessReview, type ChangeReason, type Ledger, type NoticeObligation } from './ledger';

/**
 * 19.6.f: customers are informed within one month of any change that could
 * affect the protection against non-EU law. A recorded fact opens such an
 * obligation when it changes the outline of the evaluation on the date it
 * takes effect: a verdict, a threshold crossed or cleared (by one entity or
 * collectively), a control right that counts, an access path open to a
 * non-EU party, a location outside the Union. Figures moving without
 * crossing anything do not (decision 22).
 */
interface Outline {
  verdicts: Record<string, string>;
  over: string[];
  rights: string[];
  access: string[];
  outside: string[];
}

function outlineOf(e: SovereigntyEvaluation): Outline {
  const b = e.requirements['19.6.b'].breaches;
  return {
    verdicts: Object.fromEntries(REQUIREMENTS.map((r) => [r, e.requirements[r].verdict])),
    over: b.flatMap((x) => (x.kind === 'individual' ? [`${x.entityId}|${x.measure}`] : x.kind === 'collective' ? [`|${x.measure}`] : [])).sort(),
    rights: e.controlRights.filter((r) => r.counts).map((r) => r.controlRightId).sort(),
    access: e.access.filter((a) => a.open).map((a) => a.accessId).sort(),
    outside: e.locations.filter((l) => !l.eu).map((l) => l.locationId).sort(),
  };
}

const added = (before: string[], after: string[]) => after.filter((x) => !before.includes(x));

/** What changed between two outlines of the same day. */
export function changesBetween(before: SovereigntyEvaluation, after: SovereigntyEvaluation): ChangeReason[] {
  const [a, b] = [outlineOf(before), outlineOf(after)];
  const reasons: ChangeReason[] = REQUIREMENTS.filter((r) => a.verdicts[r] !== b.verdicts[r]).map((requirement) => ({ kind: 'verdict', requirement, from: a.verdicts[requirement], to: b.verdicts[requirement] }));
  const threshold = (kind: 'threshold_crossed' | 'threshold_cleared') => (key: string): ChangeReason => {
    const [entityId, measure] = key.split('|');
    return { kind, entityId: entityId || null, measure: measure as 'capital' | 'voting', thresholdPercent: entityId ? INDIVIDUAL_THRESHOLD : COLLECTIVE_THRESHOLD };
  };
  reasons.push(...added(a.over, b.over).map(threshold('threshold_crossed')), ...added(b.over, a.over).map(threshold('threshold_cleared')));
  reasons.push(...added(a.rights, b.rights).map((controlRightId) => ({ kind: 'control_right_added' as const, controlRightId })));
  reasons.push(...added(b.rights, a.rights).map((controlRightId) => ({ kind: 'control_right_removed' as const, controlRightId })));
  reasons.push(...added(a.access, b.access).map((accessId) => ({ kind: 'access_opened' as const, accessId })));
  reasons.push(...added(b.access, a.access).map((accessId) => ({ kind: 'access_closed' as const, accessId })));
  reasons.push(...added(a.outside, b.outside).map((locationId) => ({ kind: 'location_outside_eu' as const, locationId })));
  reasons.push(...added(b.outside, a.outside).map((locationId) => ({ kind: 'location_back_in_eu' as const, locationId })));
  return reasons;
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The business date from which a fact changes the structure; null for facts that change nothing evaluated. */
export function effectiveOn(event: SovereigntyEvent): string | null {
  switch (event.type) {
    case 'EntityRegistered':
      return event.data.establishedOn;
    case 'EntityRelocated':
    case 'HoldingRecorded':
    case 'ControlRightGranted':
      return event.data.on;
    case 'ControlRightEnded':
      return nextDay(event.data.on);
    case 'AccessPathRecorded':
    case 'LocationRecorded':
      return event.data.from;
    case 'CustomerNoticeSent':
    case 'CustomerNoticeWaived':
      return null;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const noticeDueOn = (changeOn: string) => oneMonthAfter(`${changeOn}T00:00:00Z`).slice(0, 10);

/** The ledger after a fact, with the 19.6.f obligation it opens, if any (numbered notice-1, notice-2... in the order recorded). */
export function recordFact(ledger: Ledger, event: SovereigntyEvent): Ledger {
  const next = applyFact(ledger, event);
  const on = effectiveOn(event);
  if (on === null || ledger.providerId === null) return next;
  const [before, after] = [evaluate(ledger, on), evaluate(next, on)];
  if (before === null || after === null) return next;
  const reasons = changesBetween(before, after);
  if (reasons.length === 0) return next;
  const obligation: NoticeObligation = {
    obligation: `notice-${ledger.notices.length + 1}`,
    changeOn: on,
    dueOn: noticeDueOn(on),
    fact: event.type,
    reasons,
    sentAt: null,
    reference: null,
    waived: null,
  };
  return { ...next, notices: [...next.notices, obligation] };
}

type Review = Extract<ChangeEvent, { type: 'ChangeReviewed' }>['data'];

/**
 * The 19.6.f obligation an upstream change review opens: an approved release
 * that adds or changes a technical access path for a party under the law of
 * a state outside the Union on the review's day, due one month after it. A
 * rejected release is not deployed and changes nothing; a path under EU law
 * is not one non-EU law reaches (decision 29).
 */
export function reviewNotice(review: Pick<Review, 'changeId' | 'decision' | 'reviewedAt' | 'accessPath'>): NoticeObligation | null {
  const path = review.accessPath;
  const on = review.reviewedAt.slice(0, 10);
  if (!path || review.decision !== 'approved' || isEuMember(path.jurisdiction, on)) return null;
  const { effect, jurisdiction, accessId } = path;
  return {
    obligation: `change-${review.changeId}`,
    changeOn: on,
    dueOn: noticeDueOn(on),
    fact: 'ChangeReviewed',
    reasons: [{ kind: 'access_path_reviewed', changeId: review.changeId, effect, jurisdiction, accessId }],
    sentAt: null,
    reference: null,
    waived: null,
  };
}

/** The ledger after an approved review that adds or changes an access path: the register shows it, and it may open an obligation. */
export function recordReview(ledger: Ledger, review: Review): Ledger {
  if (!review.accessPath || review.decision !== 'approved') return ledger;
  const entry: AccessReview = { changeId: review.changeId, reviewedAt: new Date(review.reviewedAt).toISOString(), ...review.accessPath };
  const notice = reviewNotice(review);
  return { ...ledger, accessReviews: [...ledger.accessReviews, entry], notices: notice ? [...ledger.notices, notice] : ledger.notices };
}

export type NoticeStatus = 'pending' | 'met' | 'missed' | 'waived';

/** Met when sent by the due day (in UTC), missed when sent later; whether a pending one is overdue depends on when one asks. */
export function noticeStatus(n: NoticeObligation): NoticeStatus {
  if (n.waived) return 'waived';
  if (n.sentAt === null) return 'pending';
  return n.sentAt.slice(0, 10) <= n.dueOn ? 'met' : 'missed';
}

/** The obligations as /obligations lists them: a pending one past its due day (UTC) is overdue at `now`. */
export function noticeDuties(notices: readonly NoticeObligation[], now: Date) {
  const today = now.toISOString().slice(0, 10);
  return notices.map((n) => {
    const status = noticeStatus(n);
    return {
      obligation: 'sovereignty_notice',
      subject: n.obligation,
      certificationId: null,
      dueAt: n.dueOn,
      metAt: n.sentAt,
      status: status === 'pending' && n.dueOn < today ? ('overdue' as const) : status,
    };
  });
}
