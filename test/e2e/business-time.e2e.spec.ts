import { createHash } from 'node:crypto';
import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { readManifest } from '../../src/dossier/render/render-dossier';
import { compact, pdfPages } from '../unit/dossier/pdf-text';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * A programme recorded in 2026 about 2022–2023, asked about at several
 * business dates (validAt) and several recording points (asOf).
 */
describe('business time over HTTP: a back-filled programme', () => {
  let t: TestApp;
  const at: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let expiring: string;
  let policy: string;

  const post = (path: string, role: 'compliance' | 'admin' = 'compliance') => request(t.http).post(path).set('authorization', t.tokens[role]);
  const get = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor);
  const upload = async (text: string, fields: Record<string, string>) => {
    let req = post('/evidence').attach('file', Buffer.from(text), 'evidence.txt');
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    return (await req.expect(201)).body.sha256 as string;
  };
  const check = (ref: string, performedAt: string, evidence: string[] = []) =>
    post(`/certifications/${ids.cert}/requirements/${ref}/checks`).send({ result: 'passed', method: 'document_review', performedAt, evidence });
  const requirement = async (ref: string, query: string) => (await get(`/certifications/${ids.cert}/requirements/${ref}?${query}`).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    ids.cert = expectCommandResult(
      await post('/certifications').send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud', filedOn: '2022-01-10', reviewIntervalDays: 365 }),
    ).id!;
    expiring = await upload('Log retention configuration export, 2022', { effectiveOn: '2022-01-01', validUntil: '2022-12-31' });
    policy = await upload('Information security policy v2', { effectiveOn: '2022-12-01' });
    ids.k1 = expectCommandResult(await check('12.6.c', '2022-03-01T10:00:00Z', [expiring])).id!;
    at.afterFirstCheck = expectCommandResult(await check('5.2.a', '2023-09-01T09:00:00Z')).position;
    ids.misdated = (await t.events()).at(-1)!.data.checkId as string;
    ids.k2 = expectCommandResult(await check('12.6.c', '2023-02-01T10:00:00Z')).id!;
  });
  afterAll(() => t.close());

  it('refuses a check citing evidence not yet in effect on its date, naming the evidence, and records nothing', async () => {
    const before = (await t.events()).length;
    const refused = await check('7.3.a', '2022-01-15T10:00:00Z', [policy]);
    expectProblem(refused, 422, 'evidence');
    expect(refused.body.detail).toContain(policy);
    expect((await t.events()).length).toBe(before);
    expectCommandResult(await check('7.3.a', '2022-12-15T10:00:00Z', [policy]));
  });

  it('knows nothing of the certification before it was filed, though it was recorded long after', async () => {
    expectProblem(await get(`/certifications/${ids.cert}?validAt=2021-12-31`), 404);
    expect((await get(`/certifications?validAt=2021-12-31`).expect(200)).body).toMatchObject({ items: [], validAt: '2021-12-31' });
    expect((await get(`/certifications/${ids.cert}?validAt=2022-06-30`).expect(200)).body).toMatchObject({ id: ids.cert, status: 'applied', asOf: null, validAt: '2022-06-30' });
  });

  it('follows freshness from current to evidence_expired to current again after a new check, then review_due one interval later', async () => {
    expect(await requirement('12.6.c', 'validAt=2022-02-01')).toMatchObject({ status: 'not_assessed', freshness: null, latestCheck: null });
    expect(await requirement('12.6.c', 'validAt=2022-12-31')).toMatchObject({ status: 'passed', freshness: 'current', latestCheck: { checkId: ids.k1 } });
    expect(await requirement('12.6.c', 'validAt=2023-01-15')).toMatchObject({ freshness: 'evidence_expired', latestCheck: { checkId: ids.k1 } });
    expect(await requirement('12.6.c', 'validAt=2023-02-01')).toMatchObject({ freshness: 'current', latestCheck: { checkId: ids.k2 } });
    expect(await requirement('12.6.c', 'validAt=2024-01-31')).toMatchObject({ freshness: 'current' });
    expect(await requirement('12.6.c', 'validAt=2024-02-01')).toMatchObject({ freshness: 'review_due', validAt: '2024-02-01' });
  });

  it('answers what the ledger knew at a recording point about a business date', async () => {
    // Before the 2023 check was recorded, the ledger could only say that the 2022 evidence had expired.
    expect(await requirement('12.6.c', `asOf=${at.afterFirstCheck}&validAt=2023-02-15`)).toMatchObject({
      freshness: 'evidence_expired', latestCheck: { checkId: ids.k1 }, asOf: at.afterFirstCheck, validAt: '2023-02-15',
    });
    expect(await requirement('12.6.c', 'validAt=2023-02-15')).toMatchObject({ freshness: 'current', latestCheck: { checkId: ids.k2 }, asOf: null });
  });

  it('filters requirements on freshness, and counts only current results as met in the readiness', async () => {
    const expired = (await get(`/certifications/${ids.cert}/requirements?freshness=evidence_expired&validAt=2023-01-15`).expect(200)).body;
    expect(expired).toMatchObject({ items: [{ ref: '12.6.c', freshness: 'evidence_expired' }], next: null, validAt: '2023-01-15' });
    const chapter12 = (body: { readiness: { chapter: string }[] }) => body.readiness.find((c) => c.chapter === '12');
    expect(chapter12((await get(`/certifications/${ids.cert}?validAt=2023-01-15`).expect(200)).body)).toMatchObject({ passed: 0, stale: 1 });
    expect(chapter12((await get(`/certifications/${ids.cert}?validAt=2023-02-15`).expect(200)).body)).toMatchObject({ passed: 1, stale: 0 });
  });

  it('lists evidence expiring and reviews falling due among the obligations, at the business date', async () => {
    const { items } = (await get(`/obligations?certificationId=${ids.cert}&validAt=2022-12-15`).expect(200)).body;
    expect(items).toEqual(expect.arrayContaining([
      expect.objectContaining({ obligation: 'evidence_expiry', subject: `12.6.c:${expiring}`, dueAt: '2022-12-31', status: 'pending' }),
      expect.objectContaining({ obligation: 'requirement_review', subject: '12.6.c', dueAt: '2023-03-01', status: 'pending' }),
    ]));
    const later = (await get(`/obligations?certificationId=${ids.cert}&validAt=2023-01-15&status=overdue`).expect(200)).body.items;
    expect(later).toEqual([expect.objectContaining({ obligation: 'evidence_expiry', subject: `12.6.c:${expiring}` })]);
  });

  it('corrects a check recorded with the wrong date: as of before the correction the original stands, and the diff shows it', async () => {
    expect(await requirement('5.2.a', 'validAt=2022-12-01')).toMatchObject({ status: 'not_assessed' });
    const before = String((await t.events()).at(-1)!.position);
    const corrected = expectCommandResult(
      await post(`/certifications/${ids.cert}/requirements/5.2.a/checks/${ids.misdated}/corrections`, 'admin').send({ field: 'performedAt', value: '2022-09-01T09:00:00Z', reason: 'Typed 2023 instead of 2022' }),
    );
    expect(await requirement('5.2.a', 'validAt=2022-12-01')).toMatchObject({ status: 'passed', latestCheck: { checkId: ids.misdated, performedAt: '2022-09-01T09:00:00.000Z' } });
    expect(await requirement('5.2.a', `validAt=2022-12-01&asOf=${before}`)).toMatchObject({ status: 'not_assessed' });
    const diff = (await get(`/diff?certificationId=${ids.cert}&from=${before}&to=${corrected.position}&validTo=2022-12-01`).expect(200)).body;
    expect(diff).toMatchObject({
      compared: 'both',
      requirements: expect.arrayContaining([{ ref: '5.2.a', from: { status: 'not_assessed', applicable: null }, to: { status: 'passed', applicable: null } }]),
      corrections: [{ subject: `check ${ids.misdated} of 5.2.a`, field: 'performedAt', from: '2023-09-01T09:00:00.000Z', to: '2022-09-01T09:00:00.000Z', reason: 'Typed 2023 instead of 2022', actor: 'admin-1', position: corrected.position }],
    });
  });

  it('compares two business dates in /diff and says so', async () => {
    const diff = (await get(`/diff?certificationId=${ids.cert}&validFrom=2022-06-30&validTo=2023-02-15`).expect(200)).body;
    expect(diff).toMatchObject({ compared: 'business_time', from: { validAt: '2022-06-30' }, to: { validAt: '2023-02-15' } });
    expect(diff.requirements).toEqual(expect.arrayContaining([{ ref: '7.3.a', from: { status: 'not_assessed', applicable: null }, to: { status: 'passed', applicable: null } }]));
  });

  it('reads a waived notification as waived, never overdue; as of before the waiver it was overdue', async () => {
    const id = expectCommandResult(
      await post('/incidents').send({ certificationId: ids.cert, title: 'Encrypted backup tape lost', severity: 'medium', detectedAt: '2022-06-01T08:00:00Z', personalData: true, significant: false }),
    ).id!;
    expectCommandResult(await post(`/incidents/${id}/notifications`).send({ recipient: 'customers', kind: 'information', sentAt: '2022-06-01T18:00:00Z' }));
    const beforeWaiver = String((await t.events()).at(-1)!.position);
    expectCommandResult(await post(`/incidents/${id}/notifications/cnil_notification/waive`).send({ reason: 'Tape encrypted; the key was never exposed', legalBasis: 'GDPR art. 33(1)' }));
    const cnil = (body: { deadlines: { obligation: string }[] }) => body.deadlines.find((d) => d.obligation === 'cnil_notification');
    const now = (await get(`/incidents/${id}?validAt=2022-06-10`).expect(200)).body;
    expect(now).toMatchObject({ overdue: false, validAt: '2022-06-10' });
    expect(cnil(now)).toMatchObject({ status: 'waived', overdue: false, waiver: { reason: 'Tape encrypted; the key was never exposed', legalBasis: 'GDPR art. 33(1)' } });
    const then = (await get(`/incidents/${id}?validAt=2022-06-10&asOf=${beforeWaiver}`).expect(200)).body;
    expect(cnil(then)).toMatchObject({ status: 'pending', overdue: true });
    expectProblem(await get(`/incidents/${id}?validAt=2022-05-31`), 404);
    expectProblem(await post(`/incidents/${id}/notifications/cnil_notification/waive`).send({ reason: 'again', legalBasis: 'GDPR art. 33(1)' }), 422, 'obligation');
    expectProblem(await post(`/incidents/${id}/notifications/parliament/waive`).send({ reason: 'x', legalBasis: 'y' }), 400, 'obligation');
  });

  it('dates a remediation, shows it on the finding, and corrects a closing date so the finding was never overdue', async () => {
    const audit = expectCommandResult(
      await post('/audits').send({ certificationId: ids.cert, kind: 'passi', auditor: 'paul.passi', plannedStart: '2022-05-09', plannedEnd: '2022-05-13' }),
    ).id!;
    expectCommandResult(await post(`/audits/${audit}/start`).send({ on: '2022-05-09' }));
    const finding = expectCommandResult(
      await post(`/audits/${audit}/findings`).send({ severity: 'minor', requirement: '12.6.c', title: 'Retention too short', raisedOn: '2022-05-10', dueOn: '2022-07-31' }),
    ).id!;
    expectProblem(await post(`/audits/${audit}/findings/${finding}/remediation`).send({ action: 'Retention raised' }), 400, 'on');
    expectCommandResult(await post(`/audits/${audit}/findings/${finding}/remediation`).send({ action: 'Retention raised', on: '2022-07-01' }));
    expectCommandResult(await post(`/audits/${audit}/findings/${finding}/close`).send({ resolution: 'remediated', justification: 'Verified', closedOn: '2022-08-15' }));
    const beforeCorrection = String((await t.events()).at(-1)!.position);
    expectCommandResult(await post(`/audits/${audit}/findings/${finding}/corrections`).send({ field: 'closedOn', value: '2022-07-20', reason: 'Closed on 20 July; typed wrong' }));
    const overdueOn = async (query: string) => (await get(`/findings?certificationId=${ids.cert}&overdue=true&${query}`).expect(200)).body.items.map((f: { findingId: string }) => f.findingId);
    expect(await overdueOn(`validAt=2022-08-01&asOf=${beforeCorrection}`)).toEqual([finding]);
    expect(await overdueOn('validAt=2022-08-01')).toEqual([]);
    const [shown] = (await get(`/findings?certificationId=${ids.cert}&validAt=2022-07-05`).expect(200)).body.items;
    expect(shown).toMatchObject({ findingId: finding, status: 'remediated', remediatedOn: '2022-07-01', remediations: [{ action: 'Retention raised', on: '2022-07-01' }] });
  });

  it('reads a milestone planned for a passed date without achievement as late, with its slip', async () => {
    const id = expectCommandResult(await post('/milestones').send({ title: 'Joint company created', kind: 'corporate', plannedFor: '2022-03-31' })).id!;
    expectCommandResult(await post(`/milestones/${id}/achieved`).send({ occurredOn: '2022-06-30' }));
    const entry = async (validAt: string) => ((await get(`/timeline?validAt=${validAt}`).expect(200)).body.items as { key: string }[]).find((e) => e.key === `milestone:${id}`);
    expect(await entry('2022-03-31')).toMatchObject({ status: 'planned', daysLate: null });
    expect(await entry('2022-05-01')).toMatchObject({ status: 'late', daysLate: 31, occurredOn: null });
    expect(await entry('2022-07-01')).toMatchObject({ status: 'achieved', occurredOn: '2022-06-30', slipDays: 91 });
  });

  it('refuses a validAt that is not a date, or before 1970, naming it; a future one is answered and flagged', async () => {
    expectProblem(await get(`/certifications/${ids.cert}?validAt=last-year`), 400, 'validAt');
    expectProblem(await get(`/obligations?validAt=1969-12-31`), 400, 'validAt');
    expectProblem(await get(`/certifications/${ids.cert}/requirements?validAt=2023-02-30`), 400, 'validAt');
    expectProblem(await get(`/frameworks?validAt=soon`), 400, 'validAt');
    expectProblem(await get(`/diff?certificationId=${ids.cert}&validFrom=2023-01-01T10:00`), 400, 'validFrom');
    expect((await get(`/obligations?validAt=2027-03-31&certificationId=${ids.cert}`).expect(200)).body).toMatchObject({ validAt: '2027-03-31', validAtInFuture: true });
    expect(await requirement('12.6.c', 'validAt=2027-03-31')).toMatchObject({ freshness: 'review_due', validAtInFuture: true });
  });

  it('draws the dossier on a business date, in the state of that date, the same bytes again, both points in the annex', async () => {
    const model = (await get(`/certifications/${ids.cert}/dossier?validAt=2023-01-15`).expect(200)).body;
    expect(model.cover).toMatchObject({ validAt: '2023-01-15' });
    expect(model.summary.readiness.find((c: { chapter: string }) => c.chapter === '12')).toMatchObject({ passed: 0, stale: 1 });
    expect(model.applicability.find((r: { ref: string }) => r.ref === '12.6.c')).toMatchObject({ latestCheck: { performedAt: '2022-03-01T10:00:00.000Z' }, freshness: 'evidence_expired' });
    // A pass whose evidence expired is not met: the key figures count it apart.
    expect(model.summary.counts).toMatchObject({ stale: 1 });
    expect((await get(`/certifications/${ids.cert}/dossier?validAt=2023-02-15`).expect(200)).body.applicability.find((r: { ref: string }) => r.ref === '12.6.c')).toMatchObject({ freshness: 'current' });
    const draw = (query: string) => get(`/certifications/${ids.cert}/dossier.pdf?validAt=2023-01-15&lang=en${query}`).buffer(true).parse(binary).expect(200);
    const first = await draw('');
    // Drawing it records DossierIssued: the head moves on, so the same file is drawn again as of its position.
    const second = await draw(`&asOf=${first.headers['x-dossier-position']}`);
    const bytes = first.body as Buffer;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(first.headers['x-dossier-sha256']);
    expect(second.headers['x-dossier-sha256']).toBe(first.headers['x-dossier-sha256']);
    expect(readManifest(bytes)).toMatchObject({ certificationId: ids.cert, position: first.headers['x-dossier-position'], validAt: '2023-01-15' });
    const annex = compact((await pdfPages(bytes)).join(' '));
    expect(annex).toContain(compact(`State on (business date) 2023-01-15`));
    expect(annex).toContain(compact('Met Evidence expired'));
    expect(annex).toContain(compact(`Position ${first.headers['x-dossier-position']}`));
    expectProblem(await get(`/certifications/${ids.cert}/dossier?validAt=2023-13-01`), 400, 'validAt');
    expectProblem(await get(`/certifications/${ids.cert}/dossier?validAt=2021-12-31`), 404);
  });
});
