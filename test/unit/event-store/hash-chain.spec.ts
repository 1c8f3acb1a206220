import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../../src/event-store/event-store';
import { ChainVerifier, eventHash, GENESIS_HASH, hashedContentOf } from '../../../src/event-store/hash-chain';

function chained(stream: string, count: number, firstPosition = 1): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let revision = 0; revision < count; revision += 1) {
    const unsealed = {
      id: `${stream}-${revision}`,
      stream,
      revision,
      type: 'CheckRecorded',
      schemaVersion: 1,
      data: { result: 'passed', note: 'é – 検査', n: revision },
      metadata: { recordedAt: '2022-06-30T09:00:00.000Z', actor: 'alice', correlationId: 'c-1', causationId: null, prevHash },
    };
    const hash = eventHash(unsealed);
    events.push({ ...unsealed, position: String(firstPosition + revision), metadata: { ...unsealed.metadata, hash } });
    prevHash = hash;
  }
  return events;
}

describe('per-stream hash chain', () => {
  it('hashes prevHash followed by the RFC 8785 canonical JSON of the event without its hash', () => {
    const [event] = chained('control-a', 1);
    const canonical =
      '{"data":{"n":0,"note":"é – 検査","result":"passed"},"id":"control-a-0","metadata":{"actor":"alice","causationId":null,' +
      '"correlationId":"c-1","prevHash":"' + GENESIS_HASH + '","recordedAt":"2022-06-30T09:00:00.000Z"},"revision":0,' +
      '"schemaVersion":1,"stream":"control-a","type":"CheckRecorded"}';
    expect(event.metadata.hash).toBe(createHash('sha256').update(GENESIS_HASH + canonical).digest('hex'));
  });

  it('does not depend on key order or on the position the backend assigned', () => {
    const [event] = chained('control-a', 1);
    const reordered = { ...event, position: '999', data: { result: 'passed', n: 0, note: 'é – 検査' } };
    expect(eventHash(hashedContentOf(reordered))).toBe(event.metadata.hash);
  });

  it('accepts sound interleaved chains and reports their head hashes', () => {
    const a = chained('control-a', 3, 1);
    const b = chained('control-b', 2, 10);
    const verifier = new ChainVerifier();
    for (const event of [a[0], b[0], a[1], b[1], a[2]]) expect(verifier.check(event)).toBeNull();
    expect(verifier.headHashes()).toEqual({ 'control-a': a[2].metadata.hash, 'control-b': b[1].metadata.hash });
  });

  it('names an event whose content was changed', () => {
    const events = chained('control-a', 3);
    events[1] = { ...events[1], data: { ...events[1].data, result: 'failed' } };
    const verifier = new ChainVerifier();
    const breaks = events.map((event) => verifier.check(event));
    expect(breaks[0]).toBeNull();
    expect(breaks[1]).toEqual({ stream: 'control-a', revision: 1, position: '2', reason: 'content does not match its recorded hash' });
  });

  it('names an event that no longer follows its predecessor', () => {
    const events = chained('control-a', 3);
    const verifier = new ChainVerifier();
    expect(verifier.check(events[0])).toBeNull();
    expect(verifier.check(events[2])).toMatchObject({ revision: 2, reason: 'revision 2 cannot follow revision 0' });
  });

  it('names an event whose prevHash was rewritten even if its own hash was recomputed', () => {
    const events = chained('control-a', 2);
    const forgedMeta = { ...events[1].metadata, prevHash: 'f'.repeat(64) };
    const forged = { ...events[1], metadata: { ...forgedMeta, hash: eventHash(hashedContentOf({ ...events[1], metadata: forgedMeta })) } };
    const verifier = new ChainVerifier();
    verifier.check(events[0]);
    expect(verifier.check(forged)?.reason).toMatch(/prevHash/);
  });
});
