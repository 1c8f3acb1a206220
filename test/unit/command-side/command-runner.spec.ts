import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRunner, STATE_CACHE_SIZE } from '../../../src/command-side/command-runner';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { FixedClock } from '../../../src/shared/clock';
import { SequentialIds } from '../../../src/shared/ids';
import { milestoneDecider } from '../../../src/milestones/milestones.decider';
import { isDomainError } from '../../../src/shared/errors';

describe('command runner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-runner-'));
  const clock = new FixedClock(new Date('2026-11-28T12:00:00Z'));
  const store = SqliteEventStore.open(join(dir, 'events.db'), clock);
  const runner = new CommandRunner(store, clock, new SequentialIds('ev'));
  const context = { actor: 'alice', correlationId: 'c', causationId: null, ifMatch: null };
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees events another writer appended after its state was cached', async () => {
    await runner.run({ decider: milestoneDecider, stream: 'milestone-m1', command: { kind: 'RecordMilestone', milestoneId: 'm1', title: 't', milestoneKind: 'corporate', plannedFor: '2022-06-30' }, context });
    expect((await runner.load(milestoneDecider, 'milestone-m1')).state.plannedFor).toBe('2022-06-30');
    // Another process (the CLI, another instance) appends behind the cache's back.
    await store.append('milestone-m1', [{ id: 'x1', type: 'MilestoneAchieved', data: { milestoneId: 'm1', occurredOn: '2022-06-30' }, actor: 'bob', correlationId: 'c2' }], 0);
    const loaded = await runner.load(milestoneDecider, 'milestone-m1');
    expect(loaded).toMatchObject({ revision: 1, state: { occurredOn: '2022-06-30' } });
    let error: unknown;
    try {
      await runner.run({ decider: milestoneDecider, stream: 'milestone-m1', command: { kind: 'AchieveMilestone', occurredOn: '2022-07-01' }, context });
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error, 'rule_broken')).toBe(true);
  });

  it('answers 412 instead of retrying when If-Match names an older revision', async () => {
    let error: unknown;
    try {
      await runner.run({ decider: milestoneDecider, stream: 'milestone-m1', command: { kind: 'SlipMilestone', plannedFor: '2023-01-01', reason: 'r' }, context: { ...context, ifMatch: [0] } });
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error, 'precondition_failed')).toBe(true);
    expect((await runner.load(milestoneDecider, 'milestone-m1')).revision).toBe(1);
  });

  it('answers 412 to the loser of two writers that pinned the same revision, and appends its events nowhere', async () => {
    const record = { kind: 'RecordMilestone', milestoneId: 'm3', title: 't', milestoneKind: 'corporate', plannedFor: '2022-06-30' } as const;
    await runner.run({ decider: milestoneDecider, stream: 'milestone-m3', command: record, context });
    const slip = (plannedFor: string) =>
      runner.run({ decider: milestoneDecider, stream: 'milestone-m3', command: { kind: 'SlipMilestone', plannedFor, reason: 'r' }, context: { ...context, ifMatch: [0] } }).then(
        (result) => result.revision,
        (error: unknown) => (isDomainError(error, 'precondition_failed') ? 'precondition_failed' : error),
      );
    const outcomes = await Promise.all([slip('2023-02-01'), slip('2023-03-01')]);
    expect([...outcomes].sort()).toEqual([1, 'precondition_failed']);
    expect((await runner.load(milestoneDecider, 'milestone-m3')).revision).toBe(1);
  });

  it('starts a new stream without reading it, and reads it after all when the stream exists', async () => {
    const record = { kind: 'RecordMilestone', milestoneId: 'm2', title: 't', milestoneKind: 'corporate', plannedFor: '2022-06-30' } as const;
    expect(await runner.run({ decider: milestoneDecider, stream: 'milestone-m2', command: record, context, id: 'm2', startsStream: true })).toMatchObject({ stream: 'milestone-m2', revision: 0 });
    // The same stream again: the no_stream append conflicts, the stream is read, and the command lands after its head.
    expect(await runner.run({ decider: milestoneDecider, stream: 'milestone-m2', command: record, context, id: 'm2', startsStream: true })).toMatchObject({ revision: 1 });
    const events = [];
    for await (const e of store.readStream('milestone-m2')) events.push(e.revision);
    expect(events).toEqual([0, 1]);
  });

  it('keeps at most STATE_CACHE_SIZE states, dropping the least recently used first', async () => {
    const record = (id: string) => ({ kind: 'RecordMilestone', milestoneId: id, title: 't', milestoneKind: 'corporate', plannedFor: '2022-06-30' }) as const;
    await runner.run({ decider: milestoneDecider, stream: 'milestone-old', command: record('old'), context });
    await runner.run({ decider: milestoneDecider, stream: 'milestone-recent', command: record('recent'), context });
    await runner.load(milestoneDecider, 'milestone-old');
    for (let i = 0; i < STATE_CACHE_SIZE; i++) {
      await runner.load(milestoneDecider, `milestone-empty-${i}`);
      // One stream stays in use all along.
      if (i % 1000 === 0) await runner.load(milestoneDecider, 'milestone-recent');
    }
    const reads = jest.spyOn(store, 'readStream');
    await runner.load(milestoneDecider, 'milestone-recent');
    await runner.load(milestoneDecider, 'milestone-old');
    // The state in use is read from after its last event; the one left unused was dropped and is read whole.
    expect(reads.mock.calls.map(([stream, options]) => [stream, options?.fromRevision])).toEqual([['milestone-recent', 1], ['milestone-old', 0]]);
    expect((await runner.load(milestoneDecider, 'milestone-old')).state).toMatchObject({ exists: true, milestoneId: 'old', plannedFor: '2022-06-30' });
    reads.mockRestore();
  });
});
