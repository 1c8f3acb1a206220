import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

type Item = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The queries the web app reads, on the demo: milestones, one finding, and lists by requirement, applicability and due window. */
describe('queries the web app needs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-app-queries-'));
  let t: TestApp;
  const get = (url: string) => request(t.http).get(url).set('authorization', t.tokens.auditor);
  /** Every item of a list, page after page. */
  const all = async (url: string): Promise<Item[]> => {
    const items: Item[] = [];
    for (let after: string | null = null; ; ) {
      const page: { body: { items: Item[]; next: string | null } } = await get(`${url}${url.includes('?') ? '&' : '?'}limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`).expect(200);
      items.push(...page.body.items);
      after = page.body.next;
      if (after === null) return items;
    }
  };

  beforeAll(async () => {
    expect((await runCli(dataDir, ['demo'])).code).toBe(0);
    t = await startTestApp({}, { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000' });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the milestones alone, with their ids, filtered by status on the business date', async () => {
    const timeline = (await all('/timeline')).filter((entry) => entry.source === 'milestone');
    const milestones = await all('/milestones');
    expect(milestones.length).toBeGreaterThan(0);
    expect(milestones.map((m) => m.key)).toEqual(timeline.map((entry) => entry.key));
    expect(milestones.every((m) => m.key === `milestone:${m.id}`)).toBe(true);
    const achieved = await all('/milestones?status=achieved');
    expect(achieved.map((m) => m.id)).toEqual(milestones.filter((m) => m.status === 'achieved').map((m) => m.id));
    expect(achieved.length).toBeGreaterThan(0);
    // Long before the partnership, none had been achieved yet: every one was still a plan.
    expect(new Set((await all('/milestones?validAt=2000-01-01')).map((m) => m.status))).toEqual(new Set(['planned']));
    expectProblem(await get('/milestones?status=someday'), 400, 'status');
  });

  it('reads one finding with its remediations, and lists the findings of one requirement', async () => {
    const findings = await all('/findings');
    const [first] = findings;
    const one = await get(`/findings/${first.findingId}`).expect(200);
    expect(one.body).toMatchObject({ ...first, validAt: expect.any(String) });
    expectProblem(await get(`/findings/${first.findingId}?validAt=2000-01-01`), 404);
    expectProblem(await get('/findings/no-such-finding'), 404);

    const byRequirement = await all(`/findings?requirement=${first.requirement}`);
    expect(byRequirement.map((f) => f.findingId)).toEqual(findings.filter((f) => f.requirement === first.requirement).map((f) => f.findingId));
    expect(await all('/findings?requirement=99.9.z')).toEqual([]);
  });

  it('lists requirements by applicability: applicable, not applicable, or not stated yet', async () => {
    const requirements = await all('/certifications/scn-demo/requirements');
    for (const [applicable, value] of [['true', true], ['false', false], ['unstated', null]] as const) {
      const listed = await all(`/certifications/scn-demo/requirements?applicable=${applicable}`);
      expect(listed.map((r) => r.ref)).toEqual(requirements.filter((r) => r.applicable === value).map((r) => r.ref));
    }
    expect((await all('/certifications/scn-demo/requirements?applicable=false')).length).toBeGreaterThan(0);
    expectProblem(await get('/certifications/scn-demo/requirements?applicable=maybe'), 400, 'applicable');
  });

  it('lists obligations falling due in a window of days, and refuses a window that ends before it starts', async () => {
    const obligations = await all('/obligations');
    const days = [...new Set(obligations.map((o) => o.dueAt.slice(0, 10)))].sort();
    expect(days.length).toBeGreaterThan(2);
    const [from, to] = [days[1], days[days.length - 2]];
    const inWindow = await all(`/obligations?dueFrom=${from}&dueTo=${to}`);
    expect(inWindow.map((o) => o.key)).toEqual(obligations.filter((o) => o.dueAt.slice(0, 10) >= from && o.dueAt.slice(0, 10) <= to).map((o) => o.key));
    expect(inWindow.length).toBeLessThan(obligations.length);
    expectProblem(await get(`/obligations?dueFrom=${to}&dueTo=${from}`), 400, 'dueTo');
    expectProblem(await get('/obligations?dueFrom=soon'), 400, 'dueFrom');
  });
});
