import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem } from '../support/http';

const PER_ADDRESS = 12;

describe('throttling per client address, before authentication', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({}, { RATE_LIMIT_PER_ADDRESS_PER_MINUTE: String(PER_ADDRESS), RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterEach(() => t.close());

  const expectLimited = (res: request.Response) => {
    expectProblem(res, 429);
    expect(res.body.type).toBe('urn:confiance:problem:rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('limits tokenless requests, and then every request from that address, token or not', async () => {
    for (let i = 0; i < PER_ADDRESS; i++) expectProblem(await request(t.http).get('/timeline'), 401);
    expectLimited(await request(t.http).get('/timeline'));
    expectLimited(await request(t.http).get('/timeline').set('authorization', t.tokens.auditor));
    expectLimited(await request(t.http).get('/health'));
  });

  it('limits requests with a garbage token the same way', async () => {
    for (let i = 0; i < PER_ADDRESS; i++) expectProblem(await request(t.http).post('/milestones').set('authorization', `Bearer garbage-${i}`).send({ title: 'x' }), 401);
    expectLimited(await request(t.http).post('/milestones').set('authorization', 'Bearer garbage').send({ title: 'x' }));
  });

  it('counts /health and /metrics too', async () => {
    for (let i = 0; i < PER_ADDRESS / 2; i++) {
      expect((await request(t.http).get('/health')).status).toBe(200);
      expect((await request(t.http).get('/metrics').set('authorization', t.tokens.metrics)).status).toBe(200);
    }
    expectLimited(await request(t.http).get('/health'));
  });
});
