import { StreamLocks } from '../../../src/event-store/eventstoredb/stream-locks';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('EventStoreDB adapter: per-stream append serialisation', () => {
  it('runs the tasks of one stream one at a time, in call order', async () => {
    const locks = new StreamLocks();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (name: string) => async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((name) => locks.run('audit-1', task(name))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(maxRunning).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets different streams run at the same time', async () => {
    const locks = new StreamLocks();
    let running = 0;
    let maxRunning = 0;
    const task = async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await tick();
      running -= 1;
    };
    await Promise.all([locks.run('audit-1', task), locks.run('audit-2', task), locks.run('incident-1', task)]);
    expect(maxRunning).toBe(3);
  });

  it('goes on after a failed task, passes its error to its caller only, and forgets idle streams', async () => {
    const locks = new StreamLocks();
    const failed = locks.run('audit-1', async () => {
      throw new Error('conflict');
    });
    const next = locks.run('audit-1', async () => 'next');
    await expect(failed).rejects.toThrow('conflict');
    await expect(next).resolves.toBe('next');
    await tick();
    expect(locks.size).toBe(0);
  });
});
