import fc from 'fast-check';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { invalidValuesOf, operationsOf, type OpenApiDocument, type Operation, type Parameter } from '../support/openapi';

/**
 * The query parameters and headers the document declares, tried with values
 * their schemas refuse (each must be a 400 naming the parameter) and with
 * anything at all (never a 5xx; every refusal problem+json).
 */
describe('fuzzing every documented query parameter, path parameter and header', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  let certificationId: string;
  beforeAll(async () => {
    t = await startTestApp({}, { RATE_LIMIT_PER_MINUTE: '1000000' });
    document = (await request(t.http).get('/docs/json').expect(200)).body;
    certificationId = (await request(t.http).post('/certifications').set('authorization', t.tokens.compliance).send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 's' })).body.id;
  });
  afterAll(() => t.close());

  /** Valid values for required query parameters and path parameters, so only the parameter under test is wrong. */
  const validOf = (parameter: Parameter) =>
    parameter.schema.pattern === '^[0-9a-f]{64}$' ? 'a'.repeat(64) : parameter.name === 'certificationId' || parameter.name === 'id' ? certificationId : parameter.name === 'ref' ? '12.6.c' : parameter.name === 'from' ? '1' : 'x';

  function urlOf(path: string, operation: Operation, query: Record<string, string>, pathValues: Record<string, string> = {}): string {
    const parameters = operation.parameters ?? [];
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? validOf(parameters.find((p) => p.name === name)!)));
    const required = Object.fromEntries(parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, validOf(p)]));
    return `${url}?${new URLSearchParams({ ...required, ...query }).toString()}`;
  }

  const reads = () => operationsOf(document).filter(({ method }) => method === 'get');
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  it('finds query parameters to try on most reads', () => {
    const withQuery = reads().filter(({ operation }) => operation.parameters?.some((p) => p.in === 'query'));
    expect(withQuery.length).toBeGreaterThan(20);
  });

  it('refuses every value a query or path parameter\'s schema refuses with 400 naming that parameter', async () => {
    const wrong: string[] = [];
    for (const { path, operation } of reads()) {
      for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'query' || p.in === 'path')) {
        for (const value of invalidValuesOf(parameter.schema)) {
          const url = parameter.in === 'query' ? urlOf(path, operation, { [parameter.name]: value }) : urlOf(path, operation, {}, { [parameter.name]: value });
          const res = await request(t.http).get(url).set('authorization', t.tokens.admin);
          const named = res.status === 400 && res.headers['content-type']?.startsWith('application/problem+json') && fieldsOf(res.body).includes(parameter.name);
          if (!named) wrong.push(`${url}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('never answers 5xx to any value of any query parameter, only documented statuses, and refuses with problem+json', async () => {
    for (const { path, operation } of reads()) {
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
      if (query.length === 0) continue;
      const values = fc.dictionary(fc.constantFrom(...query.map((p) => p.name)), fc.oneof(fc.string(), fc.constantFrom('', '0', '-1', '99999999999999999999', '2022-06-30', 'true', '%00')), { maxKeys: 3 });
      await fc.assert(
        fc.asyncProperty(values, async (chosen) => {
          const res = await request(t.http).get(urlOf(path, operation, chosen)).set('authorization', t.tokens.admin);
          expect(res.status).toBeLessThan(500);
          expect({ path, status: res.status, documented: String(res.status) in operation.responses }).toEqual({ path, status: res.status, documented: true });
          if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }),
        { numRuns: 15 },
      );
    }
  });

  it('refuses a malformed If-Match or Idempotency-Key with 400 naming the header, and appends nothing', async () => {
    const before = (await t.events()).length;
    const body = { title: 'Kick-off', kind: 'corporate', plannedFor: '2022-06-30' };
    for (const [header, value] of [['If-Match', 'yesterday'], ['If-Match', '"-7"'], ['Idempotency-Key', 'has spaces!'], ['Idempotency-Key', 'k'.repeat(201)]]) {
      const res = await request(t.http).post('/milestones').set('authorization', t.tokens.compliance).set(header, value).send(body);
      expect({ header, value, status: res.status, fields: fieldsOf(res.body) }).toEqual({ header, value, status: 400, fields: [header] });
    }
    const erase = await request(t.http).delete('/people/nobody').set('authorization', t.tokens.admin).set('If-Match', 'nope');
    expect({ status: erase.status, fields: fieldsOf(erase.body) }).toEqual({ status: 400, fields: ['If-Match'] });
    expect((await t.events()).length).toBe(before);
  });

  it('never answers 5xx to any value of the documented headers, and always answers a well-formed X-Correlation-Id', async () => {
    const commands = operationsOf(document).filter(({ method, path }) => method !== 'get' && !path.startsWith('/admin'));
    const headerNames = [...new Set(commands.flatMap(({ operation }) => (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name)))];
    expect(headerNames).toEqual(expect.arrayContaining(['If-Match', 'Idempotency-Key', 'X-Causation-Id', 'X-Correlation-Id']));
    const printable = fc.string({ unit: fc.constantFrom(...' !"#$%&()*+,-./0123456789:;<=>?@AZaz[]^_`{|}~W'.split('')), maxLength: 140 });
    for (const { method, path, operation } of commands) {
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...headerNames), fc.oneof(printable, fc.constantFrom('*', '"0"', 'W/"3"', '"-1"', ''))), async (headers) => {
          const res = await request(t.http)[method as 'post'](urlOf(path, operation, {})).set('authorization', t.tokens.admin).set(headers).send({});
          expect(res.status).toBeLessThan(500);
          expect({ path, status: res.status, documented: String(res.status) in operation.responses }).toEqual({ path, status: res.status, documented: true });
          if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.headers['x-correlation-id']).toMatch(/^[\w.:-]{1,128}$/);
        }),
        { numRuns: 8 },
      );
    }
  });

  it('refuses at once a minPosition, or a dossier asOf, the log does not hold yet, naming it', async () => {
    const head = (await request(t.http).get('/health').expect(200)).body.headPosition as string;
    const beyond = await request(t.http).get(`/audits?minPosition=${BigInt(head) + 1n}`).set('authorization', t.tokens.auditor);
    expect({ status: beyond.status, fields: fieldsOf(beyond.body) }).toEqual({ status: 400, fields: ['minPosition'] });
    expect(beyond.body.detail).toContain(`beyond the head of the log (${head})`);
    await request(t.http).get(`/audits?minPosition=${head}`).set('authorization', t.tokens.auditor).expect(200);
    for (const dossier of ['dossier', 'dossier.pdf']) {
      const future = await request(t.http).get(`/certifications/${certificationId}/${dossier}?asOf=${BigInt(head) + 1n}`).set('authorization', t.tokens.auditor);
      expect({ status: future.status, fields: fieldsOf(future.body) }).toEqual({ status: 400, fields: ['asOf'] });
    }
  });
});
