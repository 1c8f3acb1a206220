import fc from 'fast-check';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { answerValidator, type OpenApiDocument } from '../support/openapi';

interface Schema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
}

interface CommandRoute {
  method: 'post' | 'put' | 'delete';
  path: string;
  schema: Schema;
  /** Uploads (POST /evidence) take multipart/form-data: fuzzed as text fields beside a small file. */
  multipart: boolean;
}

let spec: OpenApiDocument;

/** Values of the right type most of the time, and anything at all otherwise. */
function valueOf(schema: Schema): fc.Arbitrary<unknown> {
  const typed = schema.enum
    ? fc.constantFrom(...schema.enum)
    : schema.type === 'string'
      ? fc.oneof(fc.string(), fc.constantFrom('2022-06-30', '2022-06-30T09:00:00Z', '12.6.c', 'a'.repeat(70)))
      : schema.type === 'boolean'
        ? fc.boolean()
        : schema.type === 'number' || schema.type === 'integer'
          ? fc.oneof(fc.integer(), fc.double())
          : schema.type === 'array'
            ? fc.array(valueOf(schema.items ?? {}), { maxLength: 3 })
            : fc.object();
  return fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: fc.anything() });
}

function bodyOf(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, s]) => [name, valueOf(s)]));
  return fc.tuple(fc.record(props, { requiredKeys: [] }), fc.option(fc.dictionary(fc.string({ minLength: 1 }), fc.anything(), { maxKeys: 2 }))).map(
    ([body, extra]) => ({ ...(extra ?? {}), ...body }),
  );
}

describe('fuzzing every command route with fast-check', () => {
  let t: TestApp;
  let routes: CommandRoute[];
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp({}, { RATE_LIMIT_PER_MINUTE: '1000000' });
    spec = (await request(t.http).get('/docs/json').expect(200)).body;
    const schemas = spec.components.schemas as Record<string, Schema>;
    routes = Object.entries(spec.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>).flatMap(
      ([path, methods]) =>
        (['post', 'put', 'delete'] as const).flatMap((method) => {
          const op = methods[method];
          if (!op || path.startsWith('/admin')) return [];
          const form = op.requestBody?.content['multipart/form-data']?.schema;
          const ref = op.requestBody?.content['application/json']?.schema.$ref;
          return [{ method, path, schema: form ?? (ref ? schemas[ref.split('/').pop()!] : {}), multipart: form !== undefined }];
        }),
    );
    const auth = { authorization: t.tokens.compliance };
    ids.certifications = (await request(t.http).post('/certifications').set(auth).send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 's' })).body.id;
    ids.milestones = (await request(t.http).post('/milestones').set(auth).send({ title: 't', kind: 'corporate', plannedFor: '2022-06-30' })).body.id;
  });
  afterAll(() => t.close());

  /** The body sent as JSON, or as multipart fields (each value as text) with a small file in `file`. */
  const send = (route: CommandRoute, body: Record<string, unknown>) => {
    const call = request(t.http)[route.method](urlOf(route)).set('authorization', t.tokens.admin);
    if (!route.multipart) return call.send(body);
    for (const [name, value] of Object.entries(body)) if (name !== 'file' && name !== '') call.field(name, typeof value === 'string' ? value : JSON.stringify(value) ?? '');
    return call.attach('file', Buffer.from(JSON.stringify(body) ?? ''), 'fuzz.json');
  };

  const urlOf = (route: CommandRoute) =>
    route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'id' ? (ids[route.path.split('/')[1]] ?? 'unknown') : name === 'ref' ? '12.6.c' : 'unknown'));

  it('finds command routes with body schemas to fuzz', () => {
    expect(routes.filter((r) => Object.keys(r.schema.properties ?? {}).length > 0).length).toBeGreaterThan(8);
  });

  it('never answers 5xx; every refusal is problem+json and appends nothing; every answer fits its documented schema', async () => {
    const validate = answerValidator(spec);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(bodyOf(route.schema), async (body) => {
          const before = (await t.events()).length;
          const res = await send(route, body);
          expect(res.status).toBeLessThan(500);
          expect(validate(spec.paths[route.path][route.method], res.status, res.body)).toEqual([]);
          if (res.status >= 400) {
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(res.body.status).toBe(res.status);
            expect((await t.events()).length).toBe(before);
          }
        }),
        { numRuns: 30 },
      );
    }
  });

  it('names an unknown field in the problem', async () => {
    for (const route of routes.filter((r) => r.schema.properties)) {
      const res = await send(route, { notAField: 1 });
      expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('notAField');
    }
  });
});
