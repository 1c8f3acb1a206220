import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult } from '../support/http';

/** The statement of applicability of 19.6 follows the sovereignty evaluation on the date asked (decision 29). */
describe('19.6.a–d and 19.2.b in the statement of applicability, computed from the sovereignty evaluation', () => {
  let t: TestApp;
  let certification: string;
  /** The log position before the 2024 transfer was recorded. */
  let beforeTransfer: string;

  const post = (path: string, body: object) => request(t.http).post(path).set('authorization', t.tokens.compliance).send(body);
  const record = async (path: string, body: object) => expectCommandResult(await post(path, body));
  const get = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor).expect(200);
  const requirement = (ref: string, query: string) => get(`/certifications/${certification}/requirements/${ref}${query}`).then((r) => r.body);

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    certification = (await record('/certifications', { label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud de confiance', filedOn: '2022-01-05' })).id!;
    await record('/sovereignty/entities', { entityId: 'joint-company', name: 'Joint company', country: 'FR', isProvider: true, establishedOn: '2022-06-30' });
    await record('/sovereignty/entities', { entityId: 'fr-group', name: 'French group', country: 'FR' });
    await record('/sovereignty/entities', { entityId: 'us-partner', name: 'US partner', country: 'US' });
    await record('/sovereignty/holdings', { holder: 'fr-group', of: 'joint-company', capitalPercent: 81, votingPercent: 81, on: '2022-06-30' });
    beforeTransfer = (await record('/sovereignty/holdings', { holder: 'us-partner', of: 'joint-company', capitalPercent: 19, votingPercent: 19, on: '2022-06-30' })).position!;
    await record('/sovereignty/holdings', { holder: 'fr-group', of: 'joint-company', capitalPercent: 70, votingPercent: 70, on: '2024-01-31' });
    await record('/sovereignty/holdings', { holder: 'us-partner', of: 'joint-company', capitalPercent: 30, votingPercent: 30, on: '2024-01-31' });
    // An evaluator's document review, entered by hand after the transfer: it is shown, it decides nothing.
    await record(`/certifications/${certification}/requirements/19.6.b/checks`, { result: 'passed', method: 'document_review', performedAt: '2024-03-01T10:00:00Z' });
  });
  afterAll(() => t.close());

  it('is met on a date the structure keeps within the thresholds', async () => {
    const row = await requirement('19.6.b', '?validAt=2023-06-30');
    expect(row).toMatchObject({ status: 'passed', freshness: 'current', computedCheck: { source: 'sovereignty_evaluation', evaluation: '19.6.b', result: 'passed', validAt: '2023-06-30', breachedBy: [] } });
  });

  it('is not met after the transfer, naming the holder, whatever the hand-entered check says', async () => {
    const row = await requirement('19.6.b', '?validAt=2024-06-30');
    expect(row).toMatchObject({ status: 'failed', computedCheck: { result: 'failed', validAt: '2024-06-30', breachedBy: ['us-partner'] }, latestCheck: { result: 'passed', method: 'document_review' } });
    expect((await requirement('19.6.a', '?validAt=2024-06-30')).computedCheck).toMatchObject({ result: 'passed' });
  });

  it('answers as the log stood before the transfer was recorded', async () => {
    const row = await requirement('19.6.b', `?validAt=2024-06-30&asOf=${beforeTransfer}`);
    expect(row).toMatchObject({ status: 'passed', computedCheck: { result: 'passed' } });
  });

  it('filters the statement of applicability by the computed status', async () => {
    const failed = await get(`/certifications/${certification}/requirements?chapter=19&status=failed&validAt=2024-06-30`);
    expect(failed.body.items.map((r: { ref: string }) => r.ref)).toEqual(['19.6.b']);
    const earlier = await get(`/certifications/${certification}/requirements?chapter=19&status=failed&validAt=2023-06-30`);
    expect(earlier.body.items).toEqual([]);
  });

  it('leaves 19.6.c and 19.2.b to hand-entered checks while nothing is in the access register or the data locations', async () => {
    expect(await requirement('19.6.c', '?validAt=2024-06-30')).toMatchObject({ status: 'not_assessed', computedCheck: null });
    expect(await requirement('19.2.b', '?validAt=2024-06-30')).toMatchObject({ status: 'not_assessed', computedCheck: null });
  });

  it('computes 19.6.c–d and 19.2.b once access paths and data locations are recorded', async () => {
    await record('/sovereignty/access', { party: 'Upstream vendor support', jurisdiction: 'US', path: 'support', reachesData: true, operates: false, qualified: false, from: '2025-01-01' });
    await record('/sovereignty/locations', { kind: 'data', name: 'Paris region', country: 'FR', from: '2022-06-30' });
    await record('/sovereignty/locations', { kind: 'support', name: 'Montreal support centre', country: 'CA', from: '2025-01-01' });
    expect((await requirement('19.6.c', '?validAt=2025-06-30')).computedCheck).toMatchObject({ result: 'failed', breachedBy: ['Upstream vendor support (US)'] });
    expect((await requirement('19.6.d', '?validAt=2025-06-30')).computedCheck).toMatchObject({ result: 'passed' });
    // Support abroad is not data abroad: 19.2.b stays met.
    expect(await requirement('19.2.b', '?validAt=2025-06-30')).toMatchObject({ status: 'passed', computedCheck: { evaluation: '19.2', result: 'passed' } });
    expect(await requirement('19.6.c', '?validAt=2024-06-30')).toMatchObject({ computedCheck: null });
  });

  it('shows the computed checks in the dossier, with the holder that breaches', async () => {
    const { body } = await get(`/certifications/${certification}/dossier?validAt=2024-06-30`);
    const row = body.applicability.find((r: { ref: string }) => r.ref === '19.6.b');
    expect(row).toMatchObject({ status: 'failed', computed: { result: 'failed', validAt: '2024-06-30', breachedBy: ['us-partner'] }, latestCheck: { result: 'passed' } });
    expect(body.applicability.find((r: { ref: string }) => r.ref === '12.6.c').computed).toBeNull();
  });
});
