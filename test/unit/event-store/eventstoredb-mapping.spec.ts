import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  AccessDeniedError,
} from '@eventstore/db-client';
import { UnreadableEventError, type NewEvent, type RecordedEvent } from '../../../src/event-store/event-store';
import { sealEvent } from '../../../src/event-store/envelope';
import { ChainVerifier, GENESIS_HASH } from '../../../src/event-store/hash-chain';
import {
  CONFIANCE_ID_NAMESPACE,
  decodePosition,
  decodeRecordedEvent,
  encodeAllPosition,
  encodePosition,
  esdbEventId,
  isStreamNotFound,
  isSystemRecord,
  isWrongExpectedVersion,
  judgeRetry,
  matchesReadFilter,
  normalizeConnectionString,
  RETRY_WINDOW,
  retryWindow,
  toDomainError,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toEsdbMetadata,
  uuidV5,
  type EsdbRecord,
} from '../../../src/event-store/eventstoredb/esdb-mapping';
import { isDomainError } from '../../../src/shared/errors';

type ServiceErrorLike = ConstructorParameters<typeof UnavailableError>[0];
const serviceError = (code: number, message: string) => ({ code, message, details: message }) as unknown as ServiceErrorLike;

const newEvent = (id: string, data: Record<string, unknown> = { n: 1 }, causationId: string | null = null): NewEvent => ({
  id,
  type: 'CheckRecorded',
  data,
  actor: 'subject-alice',
  correlationId: 'corr-1',
  causationId,
});

/** A stream sealed as the adapter seals it, then stored and read back the way the client returns ESDB records. */
function storedStream(stream: string, ids: string[], firstPosition = 1000n): { recorded: RecordedEvent[]; records: EsdbRecord[] } {
  let prevHash = GENESIS_HASH;
  const records: EsdbRecord[] = [];
  const recorded: RecordedEvent[] = [];
  ids.forEach((id, revision) => {
    const sealed = sealEvent(stream, revision, prevHash, '2025-03-01T10:00:00.000Z', newEvent(id, { n: revision, note: 'é – 検査', nested: { ok: true } }));
    prevHash = sealed.metadata.hash;
    const written = toEsdbEvent(sealed);
    const position = firstPosition + BigInt(revision) * 250n;
    // What the server gives back: the JSON bytes parsed again by the client, the id as a lower-case UUID.
    const record: EsdbRecord = {
      streamId: stream,
      id: written.id,
      revision: BigInt(revision),
      type: written.type,
      isJson: true,
      data: JSON.parse(JSON.stringify(written.data)),
      metadata: JSON.parse(JSON.stringify(written.metadata)),
      position: { commit: position, prepare: position },
    };
    records.push(record);
    recorded.push(decodeRecordedEvent(record, encodeAllPosition(record.position, 'test')));
  });
  return { recorded, records };
}

describe('EventStoreDB mapping', () => {
  describe('connection strings', () => {
    it.each([
      ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
      ['esdb+discover://cluster.example:2113', 'esdb+discover://cluster.example:2113'],
      ['kurrentdb://node1:2113,node2:2113?tls=false', 'esdb://node1:2113,node2:2113?tls=false'],
      ['kurrentdb+discover://cluster:2113', 'esdb+discover://cluster:2113'],
      ['kdb://admin:changeit@localhost:2113', 'esdb://admin:changeit@localhost:2113'],
    ])('%s is given to the client as %s', (url, expected) => {
      expect(normalizeConnectionString(url)).toBe(expected);
    });
  });

  describe('event ids', () => {
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

  describe('metadata', () => {
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

  describe('decoding recorded events', () => {
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

  describe('positions', () => {
    it('uses the prepare position, the log position of the event record', () => {
      expect(encodePosition({ commit: 4096n, prepare: 4096n }, 'e')).toBe('4096');
      // A stream read may report the write's transaction position as commit: the prepare position is the event's own.
      expect(encodePosition({ commit: 4096n, prepare: 4321n }, 'e')).toBe('4321');
    });

    it('refuses missing positions (servers before 22.6 do not return them on stream reads)', () => {
      expect(() => encodePosition(undefined, 'event a-1@0')).toThrow(/event a-1@0.*22\.6/);
      expect(() => encodePosition({ commit: (1n << 64n) - 1n, prepare: (1n << 64n) - 1n }, 'e')).toThrow(/no log position/);
    });

    it('refuses $all events of legacy multi-record transactions, which one number cannot resume', () => {
      expect(encodeAllPosition({ commit: 77n, prepare: 77n }, 'e')).toBe('77');
      expect(() => encodeAllPosition({ commit: 900n, prepare: 700n }, 'event x-1@2')).toThrow(/event x-1@2.*multi-record transaction/);
    });

    it('resumes reads from {commit: p, prepare: p}', () => {
      expect(decodePosition('123456789012345678')).toEqual({ commit: 123456789012345678n, prepare: 123456789012345678n });
      expect(decodePosition('0')).toEqual({ commit: 0n, prepare: 0n });
      for (const bad of ['', '-1', '1.5', '01', 'abc', ' 1']) {
        expect(() => decodePosition(bad)).toThrow(/invalid position/);
      }
    });
  });

  describe('expected revisions and retries', () => {
    it('appends with the exact revision read; no event is no_stream', () => {
      expect(toEsdbExpectedRevision(-1)).toBe(NO_STREAM);
      expect(toEsdbExpectedRevision(0)).toBe(0n);
      expect(toEsdbExpectedRevision(41)).toBe(41n);
    });

    it('looks for a retry where the expectation puts it', () => {
      // No stream: nothing to compare with.
      expect(retryWindow('no_stream', -1, 2)).toBeNull();
      expect(retryWindow('any', -1, 2)).toBeNull();
      // Exact expectations: the revisions right after the expected one, if the stream has moved past it.
      expect(retryWindow('no_stream', 1, 2)).toEqual({ fromRevision: 0, maxCount: 2 });
      expect(retryWindow(3, 9, 2)).toEqual({ fromRevision: 4, maxCount: 2 });
      expect(retryWindow(3, 4, 2)).toEqual({ fromRevision: 4, maxCount: 1 });
      expect(retryWindow(3, 3, 2)).toBeNull();
      expect(retryWindow(5, 3, 2)).toBeNull();
      // any / stream_exists: the tail of the stream, with room for events appended after the retried ones.
      expect(retryWindow('any', 1, 2)).toEqual({ fromRevision: 0, maxCount: 2 });
      expect(retryWindow('stream_exists', 10_000, 3)).toEqual({ fromRevision: 10_000 - (3 + RETRY_WINDOW) + 1, maxCount: 3 + RETRY_WINDOW });
    });

    it('recognises a retry of the same ids at the implied revisions as an idempotent success', () => {
      const { recorded } = storedStream('audit-1', ['a', 'b', 'c']);
      expect(judgeRetry('audit-1', 'no_stream', [newEvent('a'), newEvent('b')], recorded)).toEqual(recorded.slice(0, 2));
      expect(judgeRetry('audit-1', 0, [newEvent('b'), newEvent('c')], recorded.slice(1))).toEqual(recorded.slice(1));
      expect(judgeRetry('audit-1', 'any', [newEvent('b'), newEvent('c')], recorded)).toEqual(recorded.slice(1));
      expect(judgeRetry('audit-1', 'stream_exists', [newEvent('c')], recorded)).toEqual(recorded.slice(2));
    });

    it('finds a fresh append when none of its ids is recorded', () => {
      const { recorded } = storedStream('audit-1', ['a', 'b']);
      expect(judgeRetry('audit-1', 'any', [newEvent('x'), newEvent('y')], recorded)).toBeNull();
      expect(judgeRetry('audit-1', 'any', [newEvent('x')], [])).toBeNull();
    });

    it('calls a partial overlap or a reordering a conflict', () => {
      const { recorded } = storedStream('audit-1', ['a', 'b']);
      const attempts: [string, NewEvent[]][] = [
        ['an old id followed by a new one', [newEvent('b'), newEvent('new')]],
        ['a new id followed by an old one', [newEvent('new'), newEvent('a')]],
        ['old ids out of order', [newEvent('b'), newEvent('a')]],
      ];
      for (const [, events] of attempts) {
        let error: unknown = null;
        try {
          judgeRetry('audit-1', 'any', events, recorded);
        } catch (e) {
          error = e;
        }
        expect(isDomainError(error, 'conflict')).toBe(true);
      }
      // The ids are there, but not at the revisions the exact expectation implies.
      expect(() => judgeRetry('audit-1', 1, [newEvent('a')], recorded)).toThrow(/already recorded/);
    });
  });

  describe('errors', () => {
    it('maps a wrong expected version to a conflict', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'audit-1', expected: 1n, current: 2n });
      expect(isWrongExpectedVersion(error)).toBe(true);
      const mapped = toDomainError(error, 'appending to audit-1');
      expect(isDomainError(mapped, 'conflict')).toBe(true);
      expect((mapped as Error).message).toContain('appending to audit-1');
    });

    it('maps an unreachable, slow or refusing server to unavailable', () => {
      const cases: unknown[] = [
        new UnavailableError(serviceError(14, '14 UNAVAILABLE: No connection established')),
        new DeadlineExceededError(serviceError(4, '4 DEADLINE_EXCEEDED: Deadline exceeded')),
        new AccessDeniedError(serviceError(16, '16 UNAUTHENTICATED')),
        new Error('Failed to discover after 10 attempts.'),
      ];
      for (const error of cases) {
        expect(isDomainError(toDomainError(error, 'reading $all'), 'unavailable')).toBe(true);
      }
    });

    it('maps an oversized append to a validation error', () => {
      expect(isDomainError(toDomainError(MaxAppendSizeExceededError.fromMaxAppendSize(1048576), 'appending'), 'validation')).toBe(true);
    });

    it('recognises a missing stream and lets other errors through unchanged', () => {
      expect(isStreamNotFound(new StreamNotFoundError(undefined as unknown as ServiceErrorLike, 'audit-1'))).toBe(true);
      expect(isStreamNotFound(new Error('audit-1 not found'))).toBe(false);
      const bug = new TypeError('x is undefined');
      expect(toDomainError(bug, 'reading')).toBe(bug);
      const unreadable = new UnreadableEventError({ stream: 'a-1', revision: 0, position: '1' }, 'bad');
      expect(toDomainError(unreadable, 'reading')).toBe(unreadable);
    });
  });
});
