import { UnreadableEventError } from '../../../src/event-store/event-store';
import { sealEvent } from '../../../src/event-store/envelope';
import { ChainVerifier, GENESIS_HASH } from '../../../src/event-store/hash-chain';
import { CONFIANCE_ID_NAMESPACE, esdbEventId, uuidV5 } from '../../../src/event-store/eventstoredb/esdb-event-ids';
import {
  decodeRecordedEvent,
  isSystemRecord,
  matchesReadFilter,
  toEsdbEvent,
  toEsdbMetadata,
  type EsdbRecord,
} from '../../../src/event-store/eventstoredb/esdb-mapping';
import { newEvent, storedStream } from './esdb-fixtures';

describe('EventStoreDB event ids', () => {
  it('computes RFC 4122 version 5 UUIDs', () => {
    // The RFC's DNS namespace and the well-known vector for www.example.com.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('keeps a UUID id (lower-cased, as ESDB returns it) and maps any other id to a stable v5 UUID', () => {
    expect(esdbEventId('0B4D1C5E-8F5A-4C3B-9E2D-1A2B3C4D5E6F')).toBe('0b4d1c5e-8f5a-4c3b-9e2d-1a2b3c4d5e6f');
    // Checked against the `uuid` package's v5 with the same namespace.
    expect(esdbEventId('e1')).toBe('2366e952-00b6-5874-a3b6-1e407aa5f1be');
    expect(esdbEventId('e1')).toBe(uuidV5('e1', CONFIANCE_ID_NAMESPACE));
    expect(esdbEventId('e2')).not.toBe(esdbEventId('e1'));
    expect(esdbEventId('control-secnumcloud-3.2:12.6.c/42')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('writes the UUID as the ESDB event id and keeps the original id in the metadata', () => {
    const sealed = sealEvent('audit-1', 0, GENESIS_HASH, '2025-03-01T10:00:00.000Z', newEvent('e1'));
    const written = toEsdbEvent(sealed);
    expect(written).toMatchObject({ id: esdbEventId('e1'), type: 'CheckRecorded', contentType: 'application/json', data: { n: 1 } });
    expect(written.metadata).toMatchObject({ id: 'e1' });
  });
});

describe('EventStoreDB metadata', () => {
  it('carries the envelope metadata, the schema version and ESDB correlation conventions', () => {
    const sealed = sealEvent('incident-9', 3, 'a'.repeat(64), '2025-03-01T10:00:00.000Z', {
      ...newEvent('e7', {}, 'cause-1'),
      schemaVersion: 2,
    });
    expect(toEsdbMetadata(sealed)).toEqual({
      id: 'e7',
      recordedAt: '2025-03-01T10:00:00.000Z',
      actor: 'subject-alice',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      prevHash: 'a'.repeat(64),
      hash: sealed.metadata.hash,
      schemaVersion: 2,
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
    });
  });

  it('leaves $causationId out when there is no cause', () => {
    const sealed = sealEvent('incident-9', 0, GENESIS_HASH, '2025-03-01T10:00:00.000Z', newEvent('e7'));
    const metadata = toEsdbMetadata(sealed);
    expect(metadata.causationId).toBeNull();
    expect('$causationId' in metadata).toBe(false);
  });
});

describe('EventStoreDB decoding of recorded events', () => {
  it('gives back the exact envelope, so the chain verifies after a round trip through ESDB', () => {
    const { recorded } = storedStream('control-12.6.c', ['e1', 'e2', '3f0e8d4b-2a41-4c39-8a77-0c1d2e3f4a5b']);
    expect(recorded.map((e) => e.id)).toEqual(['e1', 'e2', '3f0e8d4b-2a41-4c39-8a77-0c1d2e3f4a5b']);
    expect(recorded[1]).toMatchObject({
      stream: 'control-12.6.c',
      revision: 1,
      position: '1250',
      type: 'CheckRecorded',
      schemaVersion: 1,
      data: { n: 1, note: 'é – 検査', nested: { ok: true } },
      metadata: { actor: 'subject-alice', correlationId: 'corr-1', causationId: null, recordedAt: '2025-03-01T10:00:00.000Z' },
    });
    const verifier = new ChainVerifier();
    expect(recorded.map((e) => verifier.check(e))).toEqual([null, null, null]);
  });

  it('refuses an event that is not a sound Confiance event, naming where it is', () => {
    const { records } = storedStream('audit-1', ['e1']);
    const record = records[0];
    const damaged: [string, EsdbRecord][] = [
      ['malformed JSON data (the client hands it over as a string)', { ...record, data: '{"n":' }],
      ['binary data', { ...record, isJson: false, data: new Uint8Array([1, 2]) }],
      ['no metadata', { ...record, metadata: undefined }],
      ['a missing hash', { ...record, metadata: { ...(record.metadata as object), hash: undefined } }],
      ['a missing original id', { ...record, metadata: { ...(record.metadata as object), id: 42 } }],
      ['a bad schema version', { ...record, metadata: { ...(record.metadata as object), schemaVersion: '1' } }],
      ['a bad causation id', { ...record, metadata: { ...(record.metadata as object), causationId: 7 } }],
    ];
    for (const [, bad] of damaged) {
      const error = (() => {
        try {
          decodeRecordedEvent(bad, '1000');
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(UnreadableEventError);
      expect((error as UnreadableEventError).at).toEqual({ stream: 'audit-1', revision: 0, position: '1000' });
    }
  });

  it('recognises system events by type or stream', () => {
    expect(isSystemRecord({ type: '$statistics-collected', streamId: '$stats-127.0.0.1:2113' })).toBe(true);
    expect(isSystemRecord({ type: '$metadata', streamId: '$$audit-1' })).toBe(true);
    expect(isSystemRecord({ type: 'Anything', streamId: '$settings' })).toBe(true);
    expect(isSystemRecord({ type: 'AuditPlanned', streamId: 'audit-1' })).toBe(false);
  });

  it('filters by types and categories as the SQLite adapter does', () => {
    const event = { type: 'FindingRaised', stream: 'audit-2025-passi-01' };
    expect(matchesReadFilter(event, {})).toBe(true);
    expect(matchesReadFilter(event, { types: [], categories: [] })).toBe(true);
    expect(matchesReadFilter(event, { types: ['FindingRaised'] })).toBe(true);
    expect(matchesReadFilter(event, { types: ['AuditPlanned'] })).toBe(false);
    expect(matchesReadFilter(event, { categories: ['audit', 'incident'] })).toBe(true);
    expect(matchesReadFilter(event, { categories: ['audit-2025'] })).toBe(false);
    expect(matchesReadFilter(event, { types: ['FindingRaised'], categories: ['incident'] })).toBe(false);
  });
});
