import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../../src/event-store/event-store';
import type { DocumentView, OrderedListOptions } from '../../../src/read-side/document-view';
import { InMemoryView } from '../../../src/read-side/in-memory-view';
import { ReadModelStore } from '../../../src/read-side/read-model-store';
import { isDomainError } from '../../../src/shared/errors';
import type { Projection } from '../../../projections/projection';

/** Entries keyed by id, listed by date: the shape of the timeline, small enough to reason about. */
type DatedEvent = { type: 'Dated'; data: { id: string; date: string } } | { type: 'Undated'; data: { id: string } };
const datedReducer: Projection<{ id: string; date: string }, DatedEvent> = {
  name: 'dated',
  version: 1,
  handles: ['Dated', 'Undated'],
  orderBy: 'date',
  keys: (event) => [event.data.id],
  evolve: (_doc, event) => (event.type === 'Undated' ? null : { id: event.data.id, date: event.data.date }),
};
/** As the runner holds it: fed stored events of the types it handles. */
const dated: Projection<{ id: string; date: string }> = datedReducer;

let position = 0;
const event = (type: string, id: string, date?: string): RecordedEvent => {
  position += 1;
  return {
    id: `e${position}`, stream: `dated-${id}`, revision: 0, position: String(position), type, schemaVersion: 1, data: { id, date },
    metadata: { recordedAt: '2026-11-28T12:00:00.000Z', actor: 'a', correlationId: 'c', causationId: null, prevHash: '', hash: '' },
  };
};

const log = [
  event('Dated', 'm3', '2023-03-01'),
  event('Dated', 'm1', '2022-06-30'),
  event('Dated', 'm2', '2022-06-30'),
  event('Dated', 'm4', '2024-01-15'),
  event('Dated', 'm5', '2021-12-01'),
  event('Dated', 'm6', '2023-03-01'),
  // m5 moves from first to last place; m6 is deleted.
  event('Dated', 'm5', '2025-02-01'),
  event('Undated', 'm6'),
];

describe('ordered pages of a read model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-ordered-'));
  const live = new ReadModelStore(join(dir, 'read-models.db'));
  const memory = new InMemoryView();
  beforeAll(() => {
    live.ensureLanes([dated]);
    live.apply(log, null, [dated], () => true);
    for (const e of log) memory.put('dated', String(e.data.id), dated.evolve(memory.get('dated', String(e.data.id)), e));
  });
  afterAll(() => {
    live.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const keys = (view: DocumentView, options: Omit<OrderedListOptions, 'by'>) => view.listOrdered('dated', { by: 'date', ...options }).map((d) => d.key);
  const views: [string, () => DocumentView][] = [['the live store', () => live], ['an in-memory view', () => memory]];

  describe.each(views)('from %s', (_name, view) => {
    it('lists by date, ties in key order, a moved document in its new place, a deleted one nowhere', () => {
      expect(keys(view(), {})).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    });

    it('pages with the key of the last document as cursor', () => {
      expect(keys(view(), { limit: 2 })).toEqual(['m1', 'm2']);
      expect(keys(view(), { after: 'm2', limit: 2 })).toEqual(['m3', 'm4']);
      expect(keys(view(), { after: 'm1', limit: 1 })).toEqual(['m2']);
      expect(keys(view(), { after: 'm5' })).toEqual([]);
    });

    it('keeps to inclusive date bounds', () => {
      expect(keys(view(), { from: '2022-06-30', to: '2023-03-01' })).toEqual(['m1', 'm2', 'm3']);
      expect(keys(view(), { from: '2022-06-30', to: '2024-01-15', after: 'm2', limit: 1 })).toEqual(['m3']);
      expect(keys(view(), { from: '2022-06-30', to: '2023-03-01', after: 'm3' })).toEqual([]);
    });

    it('refuses a cursor that names no document, or one outside the bounds, naming `after`', () => {
      const refusal = (options: Omit<OrderedListOptions, 'by'>) => {
        try {
          keys(view(), options);
        } catch (e) {
          return isDomainError(e, 'validation') && String((e as Error).message).includes('after');
        }
        return false;
      };
      expect(refusal({ after: 'm6' })).toBe(true);
      expect(refusal({ from: '2023-03-02', after: 'm1' })).toBe(true);
      expect(refusal({ to: '2024-12-31', after: 'm5' })).toBe(true);
    });
  });

  it('orders a view held in memory anew after a document moves or goes, in memory as in the store', () => {
    const view = new InMemoryView();
    const moves = [event('Dated', 'a', '2022-01-01'), event('Dated', 'b', '2022-02-01'), event('Dated', 'c', '2022-03-01')];
    const later = [event('Dated', 'a', '2022-12-01'), event('Undated', 'b')];
    const store = new ReadModelStore(join(dir, 'moves.db'));
    store.ensureLanes([dated]);
    for (const [batch, from] of [[moves, null], [later, Number(moves[2].position)]] as const) {
      for (const e of batch) view.put('dated', String(e.data.id), dated.evolve(view.get('dated', String(e.data.id)), e));
      store.apply(batch, from, [dated], () => true);
      expect(keys(view, { after: 'a' })).toEqual(keys(store, { after: 'a' }));
    }
    expect(keys(view, {})).toEqual(['c', 'a']);
    store.close();
  });

  it('gives the same pages and cursors from the store as from memory, whatever the page size and bounds', () => {
    const walk = (view: DocumentView, bounds: { from?: string; to?: string }, limit: number) => {
      const pages: string[][] = [];
      for (let after: string | undefined; ; ) {
        const page = keys(view, { ...bounds, after, limit });
        pages.push(page);
        if (page.length < limit) return pages;
        after = page[page.length - 1];
      }
    };
    for (const bounds of [{}, { from: '2022-06-30' }, { to: '2023-03-01' }, { from: '2023-03-01', to: '2025-02-01' }, { from: '2026-01-01' }]) {
      for (const limit of [1, 2, 3, 5]) expect(walk(live, bounds, limit)).toEqual(walk(memory, bounds, limit));
    }
    expect(walk(live, {}, 2)).toEqual([['m1', 'm2'], ['m3', 'm4'], ['m5']]);
  });
});
