import type { IdempotencyClaim } from '../../../src/event-store/event-store';
import {
  CLAIM_MAX_AGE_MARGIN_S,
  CLAIMED,
  claimEvent,
  claimMaxAgeSeconds,
  claimStreamOf,
  decodeKeyRecord,
  isClaimStream,
  isLive,
  judgeClaim,
  recordedClaimOfIntent,
  releaseEvent,
  RELEASED,
  type ClaimIntent,
} from '../../../src/event-store/eventstoredb/esdb-claims';
import { isSystemRecord } from '../../../src/event-store/eventstoredb/esdb-mapping';
import { validateNewEvents } from '../../../src/event-store/envelope';
import { newEvent, storedStream } from './esdb-fixtures';

const claim: IdempotencyClaim = { actor: 'subject-alice', key: 'k-1', fingerprint: 'f1', answer: { id: 'm1' }, expiresAt: '2026-11-30T12:00:00.000Z' };
const { recorded } = storedStream('milestone-m1', ['a', 'b', 'c']);
/** A claim for the events a and b of milestone-m1, sealed at revisions 0 and 1. */
const intent: ClaimIntent = { claim, stream: 'milestone-m1', fromRevision: 0, events: recorded.slice(0, 2).map(({ position: _, ...sealed }) => sealed) };
/** A claim event as the server hands it back: its JSON parsed again. */
const stored = (revision: number, event = claimEvent(intent)) => ({
  streamId: claimStreamOf(claim.actor, claim.key),
  revision: BigInt(revision),
  type: event.type,
  data: JSON.parse(JSON.stringify(event.data)) as unknown,
});

describe('Idempotency-Key claims on EventStoreDB (pure rules)', () => {
  it('gives each actor and key a stream of its own, named by a digest, in a category no ledger stream may use', () => {
    const stream = claimStreamOf('subject-alice', 'k-1');
    expect(stream).toMatch(/^confiance\.idempotency-[0-9a-f]{40}$/);
    expect(claimStreamOf('subject-alice', 'k-1')).toBe(stream);
    expect(claimStreamOf('subject-bob', 'k-1')).not.toBe(stream);
    expect(claimStreamOf('subject-alice', 'k-2')).not.toBe(stream);
    // However the characters fall, two pairs never share a stream.
    expect(claimStreamOf('a', 'b\nc')).not.toBe(claimStreamOf('a\nb', 'c'));
    expect(stream).not.toContain('alice');
    expect(isClaimStream(stream)).toBe(true);
    expect(isClaimStream('milestone-m1')).toBe(false);
    // A valid stream name for the envelope, yet never read as a ledger event.
    expect(() => validateNewEvents(stream, [newEvent('a')])).not.toThrow();
    expect(isSystemRecord({ type: CLAIMED, streamId: stream })).toBe(true);
    expect(isSystemRecord({ type: 'MilestoneRecorded', streamId: 'milestone-m1' })).toBe(false);
  });

  it('writes a claim holding the key, the answer and the sealed events, and reads it back unchanged', () => {
    const event = claimEvent(intent);
    expect(event.type).toBe(CLAIMED);
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(decodeKeyRecord(stored(3))).toEqual({ kind: 'claimed', revision: 3, intent });
  });

  it('derives the claim event id from the attempt: the same attempt gets the same id, another request another one', () => {
    expect(claimEvent(intent).id).toBe(claimEvent(intent).id);
    const otherAttempt = { ...intent, events: [{ ...intent.events[0], id: 'x' }, intent.events[1]] };
    expect(claimEvent(otherAttempt).id).not.toBe(claimEvent(intent).id);
    expect(claimEvent({ ...intent, claim: { ...claim, actor: 'subject-bob' } }).id).not.toBe(claimEvent(intent).id);
  });

  it('reads a release, and refuses a key stream event it cannot understand', () => {
    const release = releaseEvent(3, 'milestone-m1');
    expect(release.type).toBe(RELEASED);
    expect(decodeKeyRecord(stored(4, release))).toEqual({ kind: 'released', revision: 4 });
    expect(() => decodeKeyRecord({ ...stored(0), type: 'Other' })).toThrow(/cannot be decoded: unknown type Other/);
    expect(() => decodeKeyRecord({ ...stored(0), data: { claim: { ...claim, fingerprint: 1 }, stream: 's', fromRevision: 0, events: [] } })).toThrow(/claim.fingerprint is missing/);
    expect(() => decodeKeyRecord({ ...stored(0), data: { claim, stream: 's', fromRevision: 0, events: [] } })).toThrow(/events missing/);
  });

  it('counts a claim until its expiry, not at it', () => {
    expect(isLive(intent, '2026-11-30T11:59:59.999Z')).toBe(true);
    expect(isLive(intent, '2026-11-30T12:00:00.000Z')).toBe(false);
  });

  it('judges a claim landed when its events are where it put them, in order', () => {
    expect(judgeClaim(intent, recorded.slice(0, 2), 2)).toBe('landed');
    expect(recordedClaimOfIntent(intent, recorded.slice(0, 2))).toEqual({
      fingerprint: 'f1',
      answer: { id: 'm1' },
      stream: 'milestone-m1',
      revision: 1,
      position: recorded[1].position,
      eventIds: ['a', 'b'],
    });
  });

  it('judges a claim pending while its stream still stands at the revision its events were sealed after', () => {
    expect(judgeClaim(intent, [], -1)).toBe('pending');
    expect(judgeClaim({ ...intent, fromRevision: 5 }, [], 4)).toBe('pending');
  });

  it('judges a claim void once its stream holds other events there: its events can never land', () => {
    const { recorded: others } = storedStream('milestone-m1', ['x', 'y']);
    expect(judgeClaim(intent, others, 1)).toBe('void');
    expect(judgeClaim(intent, others.slice(0, 1), 0)).toBe('void');
    // A stream shorter than the claim's revision (deleted meanwhile) cannot take its events either.
    expect(judgeClaim({ ...intent, fromRevision: 5 }, [], 2)).toBe('void');
  });

  it('refuses a claim whose events are recorded only in part', () => {
    expect(() => judgeClaim(intent, recorded.slice(0, 1), 0)).toThrow(/recorded only in part/);
    expect(() => judgeClaim(intent, [recorded[1], recorded[0]], 1)).toThrow(/recorded only in part/);
  });

  it('has the server hide a key stream\'s events one margin after their claim expired', () => {
    expect(claimMaxAgeSeconds(claim, '2026-11-29T12:00:00.000Z')).toBe(24 * 3600 + CLAIM_MAX_AGE_MARGIN_S);
    expect(claimMaxAgeSeconds(claim, '2026-11-30T11:59:59.500Z')).toBe(1 + CLAIM_MAX_AGE_MARGIN_S);
    expect(claimMaxAgeSeconds(claim, '2026-12-01T00:00:00.000Z')).toBe(1 + CLAIM_MAX_AGE_MARGIN_S);
  });
});
