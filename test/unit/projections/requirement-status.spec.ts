import type { RecordedEvent } from '../../../src/event-store/event-store';
import { requirementStatusProjection, type RequirementStatusDoc } from '../../../projections/requirement-status';
import { historyPrefix, requirementHistoryProjection, type RequirementHistoryEntry } from '../../../projections/requirement-history';
import type { Projection } from '../../../projections/projection';

/** The projections as the runner holds them: fed stored events of the types they handle. */
const statusProjection: Projection<RequirementStatusDoc> = requirementStatusProjection;
const historyProjection: Projection<RequirementHistoryEntry> = requirementHistoryProjection;

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const SHA_C = 'c'.repeat(64);
const subject = { certificationId: 'c1', framework: 'secnumcloud-3.2', ref: '12.6.c' };

let position = 0;
/** A recorded event as the store would hand it to the runner, at the next position. */
function recorded(type: string, data: Record<string, unknown>, actor = 'compliance-1'): RecordedEvent {
  position += 1;
  return {
    id: `e${position}`,
    stream: `control-c1:12.6.c`,
    revision: position - 1,
    position: String(position),
    type,
    schemaVersion: 1,
    data: { ...subject, ...data },
    metadata: { recordedAt: `2026-11-${String(position).padStart(2, '0')}T08:00:00.000Z`, actor, correlationId: `corr-${position}`, causationId: null, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) },
  };
}
const stated = (applicable: boolean, justification: string) => recorded('ApplicabilityStated', { applicable, justification });
const checked = (checkId: string, result: string, performedAt: string, evidence: string[] = [], notes: string | null = null) =>
  recorded('ControlCheckRecorded', { checkId, result, method: 'automated', performedAt, evidence, notes });

/** given(events) then the document the projection keeps for them, folded in log order. */
const given = (...events: RecordedEvent[]): RequirementStatusDoc => {
  for (const event of events) expect(statusProjection.keys(event)).toEqual(['c1:12.6.c']);
  const doc = events.reduce<RequirementStatusDoc | null>((current, event) => statusProjection.evolve(current, event), null);
  if (!doc) throw new Error('no document');
  return doc;
};

describe('requirement-status projection', () => {
  beforeEach(() => {
    position = 0;
  });

  it('handles statements of applicability and control checks', () => {
    expect(statusProjection.handles).toEqual(expect.arrayContaining(['ApplicabilityStated', 'ControlCheckRecorded']));
  });

  describe('applicability', () => {
    it('places the requirement in its chapter and shows the statement with its justification, still not assessed', () => {
      expect(given(stated(false, 'No customer data in this service'))).toMatchObject({
        ...subject,
        chapter: '12',
        applicable: false,
        justification: 'No customer data in this service',
        status: 'not_assessed',
        latestCheck: null,
        checks: 0,
      });
    });

    it('keeps the latest statement when applicability is restated', () => {
      expect(given(stated(false, 'Out of scope'), stated(true, 'Back in scope after the 2026 extension'))).toMatchObject({
        applicable: true,
        justification: 'Back in scope after the 2026 extension',
      });
    });

    it('leaves applicability unknown (null) when only checks were recorded', () => {
      expect(given(checked('k1', 'passed', '2026-10-01T09:00:00Z'))).toMatchObject({ applicable: null, justification: null, status: 'passed' });
    });
  });

  describe('latest check', () => {
    it('shows the check performed last, and its result as status', () => {
      const doc = given(checked('k1', 'failed', '2026-10-01T09:00:00Z', [], 'retention 30 days'), checked('k2', 'passed', '2026-10-20T09:00:00Z'));
      expect(doc).toMatchObject({ status: 'passed', checks: 2, latestCheck: { checkId: 'k2', result: 'passed', performedAt: '2026-10-20T09:00:00Z' } });
    });

    it('keeps the check performed last even when an older check is recorded afterwards', () => {
      const doc = given(checked('k2', 'passed', '2026-10-20T09:00:00Z'), checked('k1', 'failed', '2026-10-01T09:00:00Z', [], 'retention 30 days'));
      expect(doc).toMatchObject({ status: 'passed', checks: 2, latestCheck: { checkId: 'k2', result: 'passed' } });
    });

    it('cites where the latest check was recorded and by whom, with its method, evidence and notes', () => {
      const doc = given(stated(true, 'In scope'), recorded('ControlCheckRecorded', { checkId: 'k1', result: 'partial', method: 'interview', performedAt: '2026-10-01T09:00:00Z', evidence: [SHA_A], notes: 'two of three sites' }, 'compliance-2'));
      expect(doc.latestCheck).toEqual({
        checkId: 'k1',
        result: 'partial',
        method: 'interview',
        performedAt: '2026-10-01T09:00:00Z',
        evidence: [SHA_A],
        notes: 'two of three sites',
        recorded: { position: '2', eventId: 'e2', recordedAt: '2026-11-02T08:00:00.000Z', actor: 'compliance-2' },
      });
    });
  });

  it('gathers the evidence of every check, each digest once, in the order first cited', () => {
    const doc = given(checked('k1', 'passed', '2026-10-01T09:00:00Z', [SHA_A, SHA_B]), checked('k2', 'passed', '2026-10-02T09:00:00Z', [SHA_B, SHA_C]), checked('k3', 'passed', '2026-09-01T09:00:00Z'));
    expect(doc.evidence).toEqual([SHA_A, SHA_B, SHA_C]);
    expect(doc.latestCheck?.evidence).toEqual([SHA_B, SHA_C]);
  });

  it('counts a digest cited twice by one check once, and leaves earlier documents as they were', () => {
    const first = given(checked('k1', 'passed', '2026-10-01T09:00:00Z', [SHA_A]));
    const second = statusProjection.evolve(first, checked('k2', 'passed', '2026-10-02T09:00:00Z', [SHA_C, SHA_A, SHA_C]));
    const third = statusProjection.evolve(second, checked('k3', 'failed', '2026-10-03T09:00:00Z', [SHA_A]));
    expect(second?.evidence).toEqual([SHA_A, SHA_C]);
    expect(third?.evidence).toEqual([SHA_A, SHA_C]);
    expect(first.evidence).toEqual([SHA_A]);
    expect(first.checks).toBe(1);
  });

  it('keeps the history as a read model of its own, in log order, each entry citing its event, actor and a summary', () => {
    const events = [stated(false, 'Out of scope'), stated(true, 'In scope'), checked('k1', 'passed', '2026-10-01T09:00:00Z')];
    const entries = events.map((event) => {
      const [key] = historyProjection.keys(event);
      return { key, doc: historyProjection.evolve(null, event) };
    });
    expect(entries.map((e) => e.key)).toEqual([...entries.map((e) => e.key)].sort());
    expect(entries.every((e) => e.key.startsWith(historyPrefix('c1', '12.6.c')))).toBe(true);
    const base = events[0].position;
    expect(entries.map((e) => e.doc)).toEqual([
      { position: base, eventId: events[0].id, recordedAt: events[0].metadata.recordedAt, actor: 'compliance-1', certificationId: 'c1', ref: '12.6.c', type: 'ApplicabilityStated', summary: expect.stringMatching(/^not applicable from \d{4}-\d{2}-\d{2}: Out of scope/),
        statement: { applicable: false, justification: 'Out of scope', reviewIntervalDays: null, on: events[0].metadata.recordedAt.slice(0, 10) } },
      expect.objectContaining({ type: 'ApplicabilityStated', summary: expect.stringMatching(/^applicable from \d{4}-\d{2}-\d{2}: In scope/) }),
      expect.objectContaining({ type: 'ControlCheckRecorded', summary: expect.stringContaining('passed (automated)') }),
    ]);
    expect(given(...events)).not.toHaveProperty('history');
  });

  it('gives the same document for the same events: no clock, no I/O', () => {
    const events = [stated(true, 'In scope'), checked('k1', 'failed', '2026-10-01T09:00:00Z', [SHA_A], 'gap'), checked('k2', 'passed', '2026-10-05T09:00:00Z', [SHA_B])];
    const fold = () => events.reduce<RequirementStatusDoc | null>((doc, event) => statusProjection.evolve(doc, event), null);
    expect(fold()).toEqual(fold());
  });
});
