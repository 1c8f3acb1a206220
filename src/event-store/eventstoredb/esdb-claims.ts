/**
 * Idempotency-Keys on EventStoreDB, the pure part (decision 0026): where a
 * key's claims live, what a claim event holds, and what the events a claim
 * names tell about it. The I/O is in esdb-claim-ledger.ts.
 *
 * ESDB has no transaction across streams, so a claim is written *before* the
 * command's events, to a stream of its own key, and holds those events
 * sealed: whoever finds the claim can finish the append (same event ids, at
 * the same exact revision, which ESDB acknowledges without writing twice) or
 * prove it can no longer happen (the stream moved past that revision with
 * other events). A key is therefore never left half-recorded.
 */
import { createHash } from 'node:crypto';
import { jsonEvent, type EventData } from '@eventstore/db-client';
import type { IdempotencyClaim, RecordedClaim } from '../idempotency';
import type { RecordedEvent } from '../event-store';
import { uuidV5 } from './esdb-event-ids';

/** Category of the key streams: never a ledger stream (the adapter refuses appends to it), never read as one. */
export const CLAIM_CATEGORY = 'confiance.idempotency';
export const CLAIMED = 'IdempotencyKeyClaimed';
export const RELEASED = 'IdempotencyKeyReleased';
/** Namespace of the v5 UUIDs of claim events. */
const CLAIM_ID_NAMESPACE = '0b9e4a43-3f52-4c41-9d0e-6f1f2a61c7d4';
/** ESDB hides a key's events this long after their claim's own expiry, so that clocks a little apart never hide a live claim. */
export const CLAIM_MAX_AGE_MARGIN_S = 3600;

/** The stream of one actor's key: a digest, so that neither the actor nor the key shows in stream names. */
export function claimStreamOf(actor: string, key: string): string {
  // JSON keeps the pair unambiguous whatever characters either holds.
  const digest = createHash('sha256').update(JSON.stringify([actor, key])).digest('hex');
  return `${CLAIM_CATEGORY}-${digest.slice(0, 40)}`;
}

export const isClaimStream = (stream: string): boolean => stream.startsWith(`${CLAIM_CATEGORY}-`);

/** A sealed event as a claim carries it: what the append writes, position not yet known. */
export type SealedEvent = Omit<RecordedEvent, 'position'>;

/** A claim as its key stream records it: the key, the request's answer, and the append it stands for. */
export interface ClaimIntent {
  claim: IdempotencyClaim;
  stream: string;
  /** Revision of the first event: the append is at exactly `fromRevision - 1`. */
  fromRevision: number;
  events: SealedEvent[];
}

/** The last event of a key stream, decoded. */
export type KeyRecord = { kind: 'claimed'; revision: number; intent: ClaimIntent } | { kind: 'released'; revision: number };

/**
 * The claim event. Its id is derived from the intent's first event id, which
 * is unique to this attempt: a client resend of this very write is
 * deduplicated by ESDB, while another request's claim gets another id and
 * meets the key stream's expected revision.
 */
export function claimEvent(intent: ClaimIntent): EventData {
  const { claim, stream, fromRevision, events } = intent;
  return jsonEvent({
    id: uuidV5(JSON.stringify(['claim', claim.actor, claim.key, events[0].id]), CLAIM_ID_NAMESPACE),
    type: CLAIMED,
    data: { claim, stream, fromRevision, events } as unknown as Record<string, unknown>,
  });
}

/** Written after a claim whose events can no longer land: the key is free again. */
export function releaseEvent(claimRevision: number, stream: string): EventData {
  return jsonEvent({ id: uuidV5(`release:${stream}:${claimRevision}`, CLAIM_ID_NAMESPACE), type: RELEASED, data: { claimRevision } });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Decodes a key stream's event; refuses anything a claim event would not hold. */
export function decodeKeyRecord(record: { streamId: string; revision: bigint; type: string; data: unknown }): KeyRecord {
  const revision = Number(record.revision);
  const broken = (why: string) => new Error(`idempotency claim ${record.streamId}@${revision} cannot be decoded: ${why}`);
  if (record.type === RELEASED) return { kind: 'released', revision };
  if (record.type !== CLAIMED) throw broken(`unknown type ${record.type}`);
  const data = record.data;
  if (!isObject(data) || !isObject(data.claim) || typeof data.stream !== 'string' || !Number.isSafeInteger(data.fromRevision)) throw broken('fields missing');
  const claim = data.claim;
  for (const field of ['actor', 'key', 'fingerprint', 'expiresAt'] as const) if (typeof claim[field] !== 'string') throw broken(`claim.${field} is missing`);
  if (!isObject(claim.answer)) throw broken('claim.answer is missing');
  if (!Array.isArray(data.events) || data.events.length === 0 || !data.events.every((e) => isObject(e) && typeof e.id === 'string')) throw broken('events missing');
  return {
    kind: 'claimed',
    revision,
    intent: { claim: claim as unknown as IdempotencyClaim, stream: data.stream, fromRevision: data.fromRevision as number, events: data.events as SealedEvent[] },
  };
}

/** A claim counts until its expiry; then the key is free again, whatever became of its events. */
export const isLive = (intent: ClaimIntent, now: string): boolean => intent.claim.expiresAt > now;

/**
 * What a live claim's events tell: `landed` (they are in the stream where the
 * claim put them: the key answered), `pending` (the stream is still at the
 * revision they were sealed after: they can still land, and must be
 * written), or `void` (the stream holds other events there: they never can).
 * `recorded` are the events of the stream from `fromRevision` on (at most as
 * many as the claim's); `head` the stream's last revision (-1: none).
 */
export function judgeClaim(intent: ClaimIntent, recorded: readonly Pick<RecordedEvent, 'id'>[], head: number): 'landed' | 'pending' | 'void' {
  const ids = intent.events.map((event) => event.id);
  if (recorded.length === ids.length && recorded.every((event, i) => event.id === ids[i])) return 'landed';
  if (recorded.some((event) => ids.includes(event.id))) {
    throw new Error(`the events of an idempotency claim on ${intent.stream} are recorded only in part, or elsewhere`);
  }
  return recorded.length === 0 && head === intent.fromRevision - 1 ? 'pending' : 'void';
}

/** The first answer a landed claim gives again. */
export function recordedClaimOfIntent(intent: ClaimIntent, landed: readonly RecordedEvent[]): RecordedClaim {
  const last = landed[landed.length - 1];
  return {
    fingerprint: intent.claim.fingerprint,
    answer: intent.claim.answer,
    stream: intent.stream,
    revision: last.revision,
    position: last.position,
    eventIds: landed.map((event) => event.id),
  };
}

/** ESDB's `maxAge` for a key stream: events older than their claim's period (plus a margin) are hidden, then scavenged. */
export function claimMaxAgeSeconds(claim: IdempotencyClaim, now: string): number {
  const periodS = Math.ceil((Date.parse(claim.expiresAt) - Date.parse(now)) / 1000);
  return Math.max(1, periodS) + CLAIM_MAX_AGE_MARGIN_S;
}
