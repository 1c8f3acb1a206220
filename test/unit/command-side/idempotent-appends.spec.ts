import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CommandRunner } from '../../../src/command-side/command-runner';
import type { CommandContext } from '../../../src/command-side/command-context';
import { AnswerBook } from '../../../src/command-side/idempotency/answer-book';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { FixedClock } from '../../../src/shared/clock';
import { SequentialIds } from '../../../src/shared/ids';
import { milestoneDecider } from '../../../src/milestones/milestones.decider';
import { isDomainError } from '../../../src/shared/errors';

const HOUR = 3600 * 1000;
const record = (id: string) => ({ kind: 'RecordMilestone', milestoneId: id, title: `t-${id}`, milestoneKind: 'corporate', plannedFor: '2022-06-30' }) as const;

describe('Idempotency-Keys recorded with the events (SQLite)', () => {
  let dir: string;
  let clock: FixedClock;
  const opened: SqliteEventStore[] = [];
  /** A runner as one server process has it: its own connection, cache and ids. */
  const instance = (name: string, ttlHours = 24) => {
    const store = SqliteEventStore.open(join(dir, 'events.db'), clock);
    opened.push(store);
    return { store, runner: new CommandRunner(store, clock, new SequentialIds(name), undefined, new AnswerBook(store, clock, ttlHours)) };
  };
  const context = (key: string, fingerprint = 'f1'): CommandContext => ({
    actor: 'alice',
    correlationId: 'c',
    causationId: null,
    ifMatch: null,
    idempotency: { key, fingerprint, replayed: false },
  });
  const events = async (store: SqliteEventStore) => {
    const all = [];
    for await (const event of store.readAll()) all.push(event);
    return all;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'confiance-idempotency-'));
    clock = new FixedClock(new Date('2026-11-28T12:00:00Z'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a retry from a restarted process the first answer, without running the command again', async () => {
    const first = instance('a');
    const answer = await first.runner.run({ decider: milestoneDecider, stream: 'milestone-m1', command: record('m1'), context: context('k1'), id: 'm1', startsStream: true });
    await first.store.close();
    // The retry comes with a new milestone id, as a client's retry of POST /milestones does.
    const restarted = instance('b');
    const retryContext = context('k1');
    const retry = await restarted.runner.run({ decider: milestoneDecider, stream: 'milestone-m2', command: record('m2'), context: retryContext, id: 'm2', startsStream: true });
    expect(retry).toEqual(JSON.parse(JSON.stringify(answer)));
    expect(retryContext.idempotency!.replayed).toBe(true);
    expect((await events(restarted.store)).map((e) => e.stream)).toEqual(['milestone-m1']);
  });

  it('refuses the same key for another request, and keeps keys apart per actor', async () => {
    const { runner, store } = instance('a');
    await runner.run({ decider: milestoneDecider, stream: 'milestone-m1', command: record('m1'), context: context('k1'), id: 'm1', startsStream: true });
    const refused = await runner.run({ decider: milestoneDecider, stream: 'milestone-m2', command: record('m2'), context: context('k1', 'another body'), id: 'm2', startsStream: true }).catch((e: unknown) => e);
    expect(isDomainError(refused, 'rule_broken')).toBe(true);
    expect((refused as Error).message).toMatch(/Idempotency-Key k1 was already used for a different request/);
    const bob = await runner.run({ decider: milestoneDecider, stream: 'milestone-m3', command: record('m3'), context: { ...context('k1'), actor: 'bob' }, id: 'm3', startsStream: true });
    expect(bob).toMatchObject({ id: 'm3', stream: 'milestone-m3' });
    expect((await events(store)).map((e) => e.stream)).toEqual(['milestone-m1', 'milestone-m3']);
  });

  it('records one command when two processes run the same key at once: the loser answers with the winner\'s answer', async () => {
    const a = instance('a');
    const b = instance('b');
    // Both find no claim, then both append: the second commit meets the first one's key and is undone.
    const [one, two] = await Promise.all([
      a.runner.run({ decider: milestoneDecider, stream: 'milestone-x1', command: record('x1'), context: context('same'), id: 'x1', startsStream: true }),
      b.runner.run({ decider: milestoneDecider, stream: 'milestone-x2', command: record('x2'), context: context('same'), id: 'x2', startsStream: true }),
    ]);
    expect(JSON.parse(JSON.stringify(two))).toEqual(JSON.parse(JSON.stringify(one)));
    expect(await events(a.store)).toHaveLength(1);
  });

  it('forgets a key after its period: the key then records a new command, and expired keys are deleted', async () => {
    const { runner, store } = instance('a', 2);
    await runner.run({ decider: milestoneDecider, stream: 'milestone-m1', command: record('m1'), context: context('k1'), id: 'm1', startsStream: true });
    clock.advance(2 * HOUR - 1);
    expect(await runner.run({ decider: milestoneDecider, stream: 'milestone-m2', command: record('m2'), context: context('k1'), id: 'm2', startsStream: true })).toMatchObject({ stream: 'milestone-m1' });
    clock.advance(1);
    expect(await runner.run({ decider: milestoneDecider, stream: 'milestone-m2', command: record('m2'), context: context('k1'), id: 'm2', startsStream: true })).toMatchObject({ stream: 'milestone-m2' });
    expect((await events(store)).map((e) => e.stream)).toEqual(['milestone-m1', 'milestone-m2']);
    // Ten minutes on, the next append with a key deletes every key whose period is over.
    await runner.run({ decider: milestoneDecider, stream: 'milestone-m3', command: record('m3'), context: context('k3'), id: 'm3', startsStream: true });
    clock.advance(3 * HOUR);
    await runner.run({ decider: milestoneDecider, stream: 'milestone-m4', command: record('m4'), context: context('k4'), id: 'm4', startsStream: true });
    const db = new Database(join(dir, 'events.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT key FROM idempotency ORDER BY key').all()).toEqual([{ key: 'k4' }]);
    } finally {
      db.close();
    }
  });

  it('records nothing of a key whose append failed, so that its retry runs the command', async () => {
    const { runner, store } = instance('a');
    await store.append('milestone-taken', [{ id: 'x', type: 'MilestoneAchieved', data: { milestoneId: 'taken', occurredOn: '2022-06-30' }, actor: 'bob', correlationId: 'c' }], 'no_stream');
    const failed = await runner.run({ decider: milestoneDecider, stream: 'milestone-taken', command: record('taken'), context: { ...context('k1'), ifMatch: [-1] } }).catch((e: unknown) => e);
    expect(isDomainError(failed, 'precondition_failed')).toBe(true);
    expect(await runner.run({ decider: milestoneDecider, stream: 'milestone-m1', command: record('m1'), context: context('k1'), id: 'm1', startsStream: true })).toMatchObject({ stream: 'milestone-m1', revision: 0 });
  });
});
