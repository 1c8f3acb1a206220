import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';
import { describeRefusals, type Refusal } from '../support/refusals';

type Role = 'admin' | 'compliance' | 'auditor';

describe('protection against non-EU law over HTTP', () => {
  let t: TestApp;
  /** Log positions: after the structure of 2022, and after the 2024 transfer. */
  const at: { structure2022?: string; transfer2024?: string } = {};

  const post = (path: string, body: object, role: Role = 'compliance') => request(t.http).post(path).set('authorization', t.tokens[role]).send(body);
  const get = (query: string, role: Role = 'auditor') => request(t.http).get(`/sovereignty${query}`).set('authorization', t.tokens[role]);
  const record = async (path: string, body: object) => expectCommandResult(await post(path, body));

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    await record('/sovereignty/entities', { entityId: 'joint-company', name: 'Joint company', country: 'FR', isProvider: true, establishedOn: '2022-06-30' });
    await record('/sovereignty/entities', { entityId: 'fr-group', name: 'French group', country: 'FR' });
    await record('/sovereignty/entities', { entityId: 'us-partner', name: 'US partner', country: 'US' });
    await record('/sovereignty/holdings', { holder: 'fr-group', of: 'joint-company', capitalPercent: 81, votingPercent: 81, on: '2022-06-30' });
    at.structure2022 = (await record('/sovereignty/holdings', { holder: 'us-partner', of: 'joint-company', capitalPercent: 19, votingPercent: 19, on: '2022-06-30' })).position;
    // On 31 January 2024 the French group sells 11 points to the US partner.
    await record('/sovereignty/holdings', { holder: 'fr-group', of: 'joint-company', capitalPercent: 70, votingPercent: 70, on: '2024-01-31' });
    at.transfer2024 = (await record('/sovereignty/holdings', { holder: 'us-partner', of: 'joint-company', capitalPercent: 30, votingPercent: 30, on: '2024-01-31' })).position;
  });
  afterAll(() => t.close());

  it('records an entity in the structure stream, named in the answer', async () => {
    const result = await record('/sovereignty/entities', { entityId: 'nl-holding', name: 'Dutch holding', country: 'NL', establishedOn: '2020-01-01' });
    expect(result).toMatchObject({ id: 'nl-holding', stream: 'sovereignty-structure' });
    expect((await t.events()).at(-1)).toMatchObject({
      type: 'EntityRegistered',
      data: { entityId: 'nl-holding', country: 'NL', centralAdministration: 'NL', mainEstablishment: 'NL', isProvider: false, establishedOn: '2020-01-01' },
      metadata: { actor: 'compliance-1' },
    });
  });

  it('answers the verdicts of each business date from the same facts', async () => {
    const verdicts = async (validAt: string) => {
      const { body } = await get(`?validAt=${validAt}`).expect(200);
      return { validAt: body.validAt, a: body.requirements['19.6.a'].verdict, b: body.requirements['19.6.b'].verdict, max: body.nonEu.maxIndividual, breaches: body.requirements['19.6.b'].breaches };
    };
    expect(await verdicts('2022-06-29')).toEqual({ validAt: '2022-06-29', a: 'compliant', b: 'compliant', max: null, breaches: [] });
    expect(await verdicts('2023-06-30')).toEqual({ validAt: '2023-06-30', a: 'compliant', b: 'compliant', max: { entityId: 'us-partner', capitalPercent: 19, votingPercent: 19 }, breaches: [] });
    expect(await verdicts('2024-01-31')).toEqual({
      validAt: '2024-01-31',
      a: 'compliant',
      b: 'breached',
      max: { entityId: 'us-partner', capitalPercent: 30, votingPercent: 30 },
      breaches: [
        { kind: 'individual', entityId: 'us-partner', measure: 'capital', percent: 30, thresholdPercent: 24, excessPoints: 6 },
        { kind: 'individual', entityId: 'us-partner', measure: 'voting', percent: 30, thresholdPercent: 24, excessPoints: 6 },
      ],
    });
  });

  it('answers as the ledger stood at a past position: the transfer was not known then', async () => {
    const { body } = await get(`?validAt=2024-06-30&asOf=${at.structure2022}`).expect(200);
    expect(body).toMatchObject({ asOf: at.structure2022, validAt: '2024-06-30', requirements: { '19.6.b': { verdict: 'compliant' } }, notices: [] });
    const later = await get(`?validAt=2024-06-30&asOf=${at.transfer2024}`).expect(200);
    expect(later.body.requirements['19.6.b'].verdict).toBe('breached');
  });

  it('opens a 19.6.f obligation at the threshold crossing, listed in /obligations, met by a notice', async () => {
    const { body } = await get('').expect(200);
    expect(body.validAt).toBe('2026-11-28');
    expect(body.notices).toEqual([
      expect.objectContaining({ obligation: 'notice-1', changeOn: '2024-01-31', dueOn: '2024-02-29', fact: 'HoldingRecorded', status: 'pending', overdue: true }),
    ]);
    const listed = await request(t.http).get('/obligations?status=overdue').set('authorization', t.tokens.auditor).expect(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ obligation: 'sovereignty_notice', subject: 'notice-1', dueAt: '2024-02-29', status: 'overdue' }));

    await record('/sovereignty/notices', { obligation: 'notice-1', sentAt: '2024-02-20T09:00:00Z', reference: 'Customer letter 2024-02' });
    const after = await get('').expect(200);
    expect(after.body.notices[0]).toMatchObject({ status: 'met', overdue: false, sentAt: '2024-02-20T09:00:00.000Z', reference: 'Customer letter 2024-02' });
    const met = await request(t.http).get('/obligations?status=met').set('authorization', t.tokens.auditor).expect(200);
    expect(met.body.items).toContainEqual(expect.objectContaining({ obligation: 'sovereignty_notice', subject: 'notice-1', metAt: '2024-02-20T09:00:00.000Z' }));
  });

  it('simulates a planned operation that breaks 19.6.b, says by how much, and appends nothing', async () => {
    await record('/sovereignty/holdings', { holder: 'us-partner', of: 'joint-company', capitalPercent: 20, votingPercent: 20, on: '2025-01-01' });
    await record('/sovereignty/holdings', { holder: 'fr-group', of: 'joint-company', capitalPercent: 80, votingPercent: 80, on: '2025-01-01' });
    const before = (await t.events()).length;
    const { body } = await post('/sovereignty/simulate', {
      changes: [
        { holder: 'fr-group', of: 'joint-company', capitalPercent: 74, votingPercent: 74, on: '2027-03-01' },
        { holder: 'us-partner', of: 'joint-company', capitalPercent: 26, votingPercent: 20, on: '2027-03-01' },
      ],
    }).expect(200);
    expect(body).toMatchObject({
      validAt: '2027-03-01',
      recorded: false,
      before: { verdicts: { '19.6.a': 'compliant', '19.6.b': 'compliant' }, nonEu: { maxIndividual: { entityId: 'us-partner', capitalPercent: 20 } } },
      requirements: { '19.6.b': { verdict: 'breached' } },
      breaks: [{ requirement: '19.6.b', breaches: [{ kind: 'individual', entityId: 'us-partner', measure: 'capital', percent: 26, thresholdPercent: 24, excessPoints: 2 }] }],
    });
    expect(await t.events()).toHaveLength(before);
    const now = await get('?validAt=2027-03-01').expect(200);
    expect(now.body.requirements['19.6.b'].verdict).toBe('compliant');
  });

  it('records access paths and locations, evaluated for 19.6.c–d and 19.2 on each date', async () => {
    await record('/sovereignty/locations', { kind: 'data', name: 'Paris region', country: 'FR', from: '2023-01-01' });
    await record('/sovereignty/locations', { kind: 'support', name: 'Lille support centre', country: 'FR', from: '2023-01-01' });
    const channel = await record('/sovereignty/access', {
      party: 'Upstream vendor release channel', jurisdiction: 'US', path: 'software_updates', reachesData: false, operates: true, qualified: false,
      blockingMeasures: ['Releases pulled, reviewed and deployed by the provider’s staff in France'], from: '2023-01-01',
    });
    await record('/sovereignty/access', { party: 'Upstream vendor support', jurisdiction: 'US', path: 'support', reachesData: true, operates: false, qualified: false, from: '2026-10-01' });
    const verdicts = async (validAt: string) => {
      const { body } = await get(`?validAt=${validAt}`).expect(200);
      return ['19.6.c', '19.6.d', '19.2'].map((r) => body.requirements[r].verdict);
    };
    expect(await verdicts('2023-06-30')).toEqual(['compliant', 'compliant', 'compliant']);
    expect(await verdicts('2026-10-01')).toEqual(['breached', 'compliant', 'compliant']);
    const { body } = await get('?validAt=2026-10-01').expect(200);
    expect(body.access.find((a: { accessId: string }) => a.accessId === channel.id)).toMatchObject({ nonEu: true, open: false, operates: true });
    expect(body.locations.map((l: { kind: string; country: string; eu: boolean }) => [l.kind, l.country, l.eu])).toEqual([['data', 'FR', true], ['support', 'FR', true]]);
    const opened = body.notices.at(-1);
    expect(opened).toMatchObject({ changeOn: '2026-10-01', dueOn: '2026-11-01', fact: 'AccessPathRecorded', status: 'pending', overdue: true });
    await record('/sovereignty/waivers', { obligation: opened.obligation, reason: 'Path closed the same day before any session was opened' });
    const waived = await request(t.http).get('/obligations?status=waived').set('authorization', t.tokens.auditor).expect(200);
    expect(waived.body.items).toEqual([expect.objectContaining({ obligation: 'sovereignty_notice', subject: opened.obligation, status: 'waived' })]);
  });

  it('simulates a shareholder agreement, an access path and a support centre: what each breaks, and appends nothing', async () => {
    const head = (await t.events()).at(-1);
    const count = (await t.events()).length;
    const { body } = await post('/sovereignty/simulate', {
      controlRights: [{ holder: 'us-partner', of: 'joint-company', kind: 'veto', on: '2027-06-01', source: 'Draft shareholder agreement, clause 9' }],
      access: [{ party: 'Partner operations centre', jurisdiction: 'US', path: 'remote_administration', reachesData: true, operates: true, qualified: false, from: '2027-06-01' }],
      locations: [{ kind: 'support', name: 'Dallas support centre', country: 'US', from: '2027-05-01' }],
    }).expect(200);
    expect(body).toMatchObject({
      validAt: '2027-06-01',
      recorded: false,
      changes: [],
      planned: {
        controlRights: [{ controlRightId: 'planned-right-1', holder: 'us-partner', kind: 'veto', endsOn: null }],
        access: [{ accessId: 'planned-access-1', jurisdiction: 'US', blockingMeasures: [], to: null }],
        locations: [{ locationId: 'planned-location-1', country: 'US' }],
      },
      breaks: [
        { requirement: '19.6.b', breaches: [{ kind: 'control_right', controlRightId: 'planned-right-1', holder: 'us-partner', of: 'joint-company', attributedTo: ['us-partner'] }] },
        { requirement: '19.6.d', breaches: [{ accessId: 'planned-access-1', party: 'Partner operations centre', jurisdiction: 'US' }] },
        { requirement: '19.2', breaches: [{ locationId: 'planned-location-1', kind: 'support', country: 'US' }] },
      ],
      // 19.6.c was already breached by the vendor's support: the plan adds a second open path.
      worsens: [{ requirement: '19.6.c', breaches: [{ accessId: 'planned-access-1', party: 'Partner operations centre', jurisdiction: 'US' }] }],
    });
    const events = await t.events();
    expect(events).toHaveLength(count);
    expect(events.at(-1)!.id).toBe(head!.id);
    const now = await get('?validAt=2027-06-01').expect(200);
    expect(['19.6.b', '19.6.d', '19.2'].map((r) => now.body.requirements[r].verdict)).toEqual(['compliant', 'compliant', 'compliant']);
  });

  it('answers 404 problem+json as of a time before any provider was recorded', async () => {
    const answer = await get('?asOf=2020-01-01T00:00:00Z');
    expectProblem(answer, 404);
    expect(answer.body.detail).toMatch(/no provider recorded/);
  });

  const holding = { holder: 'us-partner', of: 'joint-company', capitalPercent: 10, votingPercent: 10, on: '2023-01-01' };
  const refusals: Record<string, Refusal[]> = {
    'POST /sovereignty/entities': [
      ['an unknown country', () => ['/sovereignty/entities', { entityId: 'x', name: 'X', country: 'XZ' }], 400, 'country'],
      ['a lowercase country', () => ['/sovereignty/entities', { entityId: 'x', name: 'X', country: 'fr' }], 400, 'country'],
      ['a second provider', () => ['/sovereignty/entities', { entityId: 'x', name: 'X', country: 'FR', isProvider: true }], 422, 'isProvider'],
      ['an auditor token', () => ['/sovereignty/entities', { entityId: 'x', name: 'X', country: 'FR' }], 403, undefined, 'auditor'],
    ],
    'POST /sovereignty/holdings': [
      ['a percentage over 100', () => ['/sovereignty/holdings', { ...holding, capitalPercent: 101 }], 400, 'capitalPercent'],
      ['a percentage with five decimals', () => ['/sovereignty/holdings', { ...holding, capitalPercent: 10.12345 }], 400, 'capitalPercent'],
      ['a negative percentage', () => ['/sovereignty/holdings', { ...holding, votingPercent: -1 }], 400, 'votingPercent'],
      ['holders over 100 %', () => ['/sovereignty/holdings', { ...holding, holder: 'nl-holding', capitalPercent: 5, votingPercent: 5, on: '2024-02-01' }], 422, 'capitalPercent'],
      ['an ownership cycle', () => ['/sovereignty/holdings', { holder: 'joint-company', of: 'fr-group', capitalPercent: 1, votingPercent: 1, on: '2023-01-01' }], 422, 'of'],
      ['an unknown entity', () => ['/sovereignty/holdings', { ...holding, holder: 'nobody' }], 400, 'holder'],
      ['a date before the provider existed', () => ['/sovereignty/holdings', { ...holding, on: '2022-06-29' }], 400, 'on'],
      ['a date in the future', () => ['/sovereignty/holdings', { ...holding, on: '2027-01-01' }], 400, 'on'],
    ],
    'POST /sovereignty/control-rights': [
      ['an unknown kind', () => ['/sovereignty/control-rights', { holder: 'us-partner', of: 'joint-company', kind: 'golden_share', on: '2023-01-01' }], 400, 'kind'],
      ['an end before the grant', () => ['/sovereignty/control-rights', { holder: 'us-partner', of: 'joint-company', kind: 'veto', on: '2023-01-01', endsOn: '2022-12-31' }], 400, 'endsOn'],
    ],
    'POST /sovereignty/access': [
      ['an unknown jurisdiction', () => ['/sovereignty/access', { party: 'p', jurisdiction: 'UK', path: 'support', reachesData: true, operates: false, qualified: false, from: '2023-01-01' }], 400, 'jurisdiction'],
    ],
    'POST /sovereignty/locations': [['a stay ending before it starts', () => ['/sovereignty/locations', { kind: 'data', name: 'n', country: 'FR', from: '2023-01-01', to: '2022-01-01' }], 400, 'to']],
    'POST /sovereignty/notices': [['an unknown obligation', () => ['/sovereignty/notices', { obligation: 'notice-99', sentAt: '2024-02-20T09:00:00Z', reference: 'x' }], 400, 'obligation']],
    'POST /sovereignty/simulate': [
      ['a change naming an unknown entity', () => ['/sovereignty/simulate', { changes: [{ ...holding, holder: 'nobody', on: '2027-01-01' }] }], 400, 'changes.0.holder'],
      ['a change with a percentage over 100', () => ['/sovereignty/simulate', { changes: [{ ...holding, capitalPercent: 120 }] }], 400, 'changes.0.capitalPercent'],
      ['no change at all', () => ['/sovereignty/simulate', { changes: [] }], 400, 'changes'],
      ['a control right over an unknown entity', () => ['/sovereignty/simulate', { controlRights: [{ holder: 'us-partner', of: 'nobody', kind: 'veto', on: '2027-01-01' }] }], 400, 'controlRights.0.of'],
      ['a control right of an unknown kind', () => ['/sovereignty/simulate', { controlRights: [{ holder: 'us-partner', of: 'joint-company', kind: 'golden_share', on: '2027-01-01' }] }], 400, 'controlRights.0.kind'],
      ['an access path under an unknown jurisdiction', () => ['/sovereignty/simulate', { access: [{ party: 'p', jurisdiction: 'UK', path: 'support', reachesData: true, operates: false, qualified: false, from: '2027-01-01' }] }], 400, 'access.0.jurisdiction'],
      ['a location ending before it starts', () => ['/sovereignty/simulate', { locations: [{ kind: 'data', name: 'n', country: 'FR', from: '2027-01-01', to: '2026-01-01' }] }], 400, 'locations.0.to'],
      ['an auditor token', () => ['/sovereignty/simulate', { changes: [holding] }], 403, undefined, 'auditor'],
    ],
  };
  describeRefusals(refusals, () => t, (path, body, role) => post(path, body, role));
});
