import { FixedWindowStorage } from '../../../src/auth/fixed-window-storage';

describe('FixedWindowStorage', () => {
  let now = 0;
  const storage = () => new FixedWindowStorage(() => now);
  beforeEach(() => (now = 1_000_000));

  it('lets `limit` requests through in a window, then refuses until the window ends', async () => {
    const s = storage();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await s.increment('token:a', 60_000, 3));
    expect(answers.map((a) => a.isBlocked)).toEqual([false, false, false, true]);
    expect(answers[3]).toMatchObject({ totalHits: 4, timeToBlockExpire: 60 });
    now += 45_000;
    expect(await s.increment('token:a', 60_000, 3)).toMatchObject({ isBlocked: true, timeToBlockExpire: 15 });
    now += 15_000;
    expect(await s.increment('token:a', 60_000, 3)).toMatchObject({ isBlocked: false, totalHits: 1, timeToExpire: 60 });
  });

  it('counts each key on its own', async () => {
    const s = storage();
    await s.increment('token:a', 60_000, 1);
    expect((await s.increment('token:a', 60_000, 1)).isBlocked).toBe(true);
    expect((await s.increment('token:b', 60_000, 1)).isBlocked).toBe(false);
  });

  it('forgets windows that have ended', async () => {
    const s = storage();
    await s.increment('token:a', 60_000, 10);
    now += 30_000;
    await s.increment('token:b', 60_000, 10);
    s.sweep(now + 30_000);
    expect(s.size).toBe(1);
    s.sweep(now + 60_000);
    expect(s.size).toBe(0);
  });
});
