import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';

describe('people registry and erasure', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const as = (role: 'auditor' | 'compliance' | 'admin') => ({ authorization: t.tokens[role] });
  const alice = { subject: 'alice', displayName: 'Alice Martin', email: 'alice@example.fr', organisation: 'S3NS' };

  it('registers a person; the log carries the subject id only', async () => {
    const result = expectCommandResult(await request(t.http).post('/people').set(as('compliance')).send(alice));
    expect(result).toMatchObject({ id: 'alice', stream: 'person-alice', revision: 0 });
    const res = await request(t.http).get('/people/alice').set(as('admin')).expect(200);
    expect(res.body).toEqual({ ...alice, erased: false });
    const log = JSON.stringify(await t.events());
    expect(log).not.toContain('Alice Martin');
    expect(log).not.toContain('alice@example.fr');
    const updated = expectCommandResult(await request(t.http).post('/people').set(as('admin')).send({ ...alice, organisation: 'Thales' }));
    expect(updated.revision).toBe(1);
    expect((await request(t.http).get('/people/alice').set(as('auditor'))).body.organisation).toBe('Thales');
  });

  it('refuses bad input naming the field and appends nothing', async () => {
    const before = (await t.events()).length;
    expectProblem(await request(t.http).post('/people').set(as('compliance')).send({ ...alice, email: 'not-an-address' }), 400, 'email');
    expectProblem(await request(t.http).post('/people').set(as('compliance')).send({ ...alice, subject: 'has space' }), 400, 'subject');
    expectProblem(await request(t.http).post('/people').set(as('compliance')).send({ ...alice, phone: '01' }), 400, 'phone');
    expectProblem(await request(t.http).post('/people').set(as('auditor')).send(alice), 403);
    expect((await t.events()).length).toBe(before);
  });

  it('erases a person: details gone, subject shown as erased, chains intact, no re-registration', async () => {
    expectProblem(await request(t.http).delete('/people/alice').set(as('compliance')), 403);
    expectCommandResult(await request(t.http).delete('/people/alice').set(as('admin')), 200);
    const res = await request(t.http).get('/people/alice').set(as('auditor')).expect(200);
    expect(res.body).toEqual({ subject: 'alice', displayName: null, email: null, organisation: null, erased: true });
    expect((await request(t.http).get('/integrity').set(as('auditor'))).body.ok).toBe(true);
    const again = await request(t.http).post('/people').set(as('compliance')).send(alice);
    expectProblem(again, 422);
    expectProblem(await request(t.http).delete('/people/nobody').set(as('admin')), 404);
    expect((await t.events()).map((e) => e.type)).toEqual(['PersonRegistered', 'PersonDetailsUpdated', 'PersonErased']);
  });
});
