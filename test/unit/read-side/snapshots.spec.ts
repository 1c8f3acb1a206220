import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLog } from '../../../bench/generate';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { projectFrom, projectUpTo } from '../../../src/read-side/as-of';
import { catchUp } from '../../../src/read-side/catch-up';
import type { DocumentView, ListOptions } from '../../../src/read-side/document-view';
import { ReadModelStore } from '../../../src/read-side/read-model-store';
import { SnapshotStore } from '../../../src/read-side/snapshots';
import { FixedClock } from '../../../src/shared/clock';
import { PROJECTIONS } from '../../../projections';

describe('as-of from projection snapshots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-snapshots-'));
  const clock = new FixedClock(new Date('2020-01-06T08:00:00Z'));
  let store: SqliteEventStore;
  let readModels: ReadModelStore;
  let snapshots: SnapshotStore;
  const taken: number[] = [];

  beforeAll(async () => {
    store = SqliteEventStore.open(join(dir, 'events.db'), clock);
    await generateLog(store, clock, { events: 12_000, seed: 7 });
    readModels = new ReadModelStore(join(dir, 'read-models.db'));
    readModels.ensureLanes(PROJECTIONS);
    snapshots = new SnapshotStore(join(dir, 'snapshots.db'), join(dir, 'read-models.db'), PROJECTIONS, 2_500);
    // As the live runner does: the first snapshot compares every document, later ones only those the batches touched.
    await catchUp(store, readModels, PROJECTIONS, (lane) => lane.state === 'active', (_lanes, _events, batch) => {
      snapshots.track(batch);
      const at = snapshots.takeIfDue();
      if (at !== null) taken.push(at);
    });
  }, 60_000);

  afterAll(async () => {
    snapshots.close();
    readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const everything = (view: DocumentView, options: ListOptions = {}) => Object.fromEntries(PROJECTIONS.map((p) => [p.name, view.list(p.name, options)]));

  it('takes a snapshot at every interval the live read models pass', () => {
    expect(taken.length).toBeGreaterThanOrEqual(4);
    taken.reduce((previous, at) => (expect(at - previous).toBeGreaterThanOrEqual(2_500), at), 0);
  });

  it.each([[3_000], [3_001], [6_789], [9_999], [12_000]])('answers as of position %i with the same documents as a replay from the start', async (position) => {
    const base = snapshots.nearest(position);
    expect(base).not.toBeNull();
    const fromSnapshot = await projectFrom(store, snapshots.at(base!), String(position));
    const fromStart = await projectUpTo(store, String(position));
    expect(everything(fromSnapshot)).toEqual(everything(fromStart));
  });

  it('filters, pages and looks up documents as a replay does', async () => {
    const position = taken[1] + 1_234;
    const fromSnapshot = await projectFrom(store, snapshots.at(snapshots.nearest(position)!), String(position));
    const fromStart = await projectUpTo(store, String(position));
    const svc = 'svc-001:';
    for (const options of [{ limit: 7 }, { where: { status: 'failed' }, limit: 5 }, { keyPrefix: svc, after: `${svc}10`, limit: 20 }, { where: { applicable: false } }]) {
      expect(everything(fromSnapshot, options)).toEqual(everything(fromStart, options));
    }
    const some = fromStart.list<unknown>('requirement-status', { limit: 3 }).map((d) => d.key);
    for (const key of some) expect(fromSnapshot.get('requirement-status', key)).toEqual(fromStart.get('requirement-status', key));
    expect(fromSnapshot.get('incidents', 'INC-unknown')).toBeNull();
  });

  it('pages the timeline in date order alike from the live store, a snapshot and a replay', async () => {
    const head = (await store.headPosition())!;
    const fromSnapshot = await projectFrom(store, snapshots.at(snapshots.nearest(Number(head))!), head);
    const fromStart = await projectUpTo(store, head);
    const pages = (view: DocumentView, bounds: { from?: string; to?: string }) => {
      const keys: string[] = [];
      for (let after: string | undefined; ; ) {
        const page = view.listOrdered<{ date: string }>('timeline', { by: 'date', ...bounds, after, limit: 7 });
        keys.push(...page.map((d) => `${d.doc.date} ${d.key}`));
        if (page.length < 7) return keys;
        after = page[page.length - 1].key;
      }
    };
    for (const bounds of [{}, { from: '2020-02-01', to: '2020-03-31' }]) {
      const live = pages(readModels, bounds);
      expect(live.length).toBeGreaterThan(7);
      expect(live).toEqual([...live].sort());
      expect(pages(fromSnapshot, bounds)).toEqual(live);
      expect(pages(fromStart, bounds)).toEqual(live);
    }
  });

  it('has no snapshot for a position before the first one', () => {
    expect(snapshots.nearest(taken[0] - 1)).toBeNull();
  });

  it('drops its snapshots when a projection version changes', () => {
    const bumped = PROJECTIONS.map((p) => (p.name === 'timeline' ? { ...p, version: p.version + 1 } : p));
    const reopened = new SnapshotStore(join(dir, 'snapshots.db'), join(dir, 'read-models.db'), bumped, 2_500);
    expect(reopened.nearest(12_000)).toBeNull();
    reopened.close();
  });
});
