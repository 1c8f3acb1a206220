import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { operationsOf, type OpenApiDocument } from '../support/openapi';

const execFileAsync = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

interface SpectralResult {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

/** Spectral (Stoplight's linter, with its `spectral:oas` ruleset from .spectral.yaml) on the document the server serves. */
async function spectral(document: OpenApiDocument): Promise<SpectralResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    const args = [join(ROOT, 'node_modules/@stoplight/spectral-cli/dist/index.js'), 'lint', file, '--ruleset', join(ROOT, '.spectral.yaml'), '--format', 'json', '--quiet'];
    const { stdout } = await execFileAsync(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    return JSON.parse(stdout) as SpectralResult[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the OpenAPI document at /docs/json', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  beforeAll(async () => {
    t = await startTestApp();
    document = (await request(t.http).get('/docs/json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('passes Spectral\'s OpenAPI ruleset with no error', async () => {
    const errors = (await spectral(document)).filter((result) => result.severity === 0).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('gives every operation a unique operationId, a tag, and a 2xx answer with a schema', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(50);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const lacking = operations.flatMap(({ method, path, operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      const schemaless = success.length === 0 || success.some(([, response]) => !response.content || Object.values(response.content).some((c) => !c.schema));
      return [...(schemaless ? [`${method} ${path}: no 2xx schema`] : []), ...(operation.tags?.length ? [] : [`${method} ${path}: no tag`])];
    });
    expect(lacking).toEqual([]);
  });

  it('documents bearer security, 401 and 403 on every operation but the open ones (/health, /web/config), and every error as problem+json', () => {
    const problems = operationsOf(document).flatMap(({ method, path, operation }) => {
      const open = path === '/health' || path === '/web/config';
      const wrong: string[] = [];
      if (JSON.stringify(operation.security) !== JSON.stringify(open ? [] : [{ bearer: [] }])) wrong.push(`${method} ${path}: security ${JSON.stringify(operation.security)}`);
      if (!open && !(operation.responses['401'] && operation.responses['403'])) wrong.push(`${method} ${path}: no 401/403`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && !(path === '/health' && status === '503') && response.content?.['application/problem+json']?.schema.$ref !== '#/components/schemas/ProblemDetails') {
          wrong.push(`${method} ${path}: ${status} is not problem+json`);
        }
      }
      return wrong;
    });
    expect(problems).toEqual([]);
  });

  it('documents the query parameters every list takes and the headers every command takes, with their constraints', () => {
    const missing = operationsOf(document).flatMap(({ method, path, operation }) => {
      const names = new Set((operation.parameters ?? []).map((p) => p.name));
      // Lists of the log take a string cursor (`after`) and read as of a position; the checkpoints page by tree size (`before`).
      const next = method === 'get' ? operation.responses['200'].content?.['application/json']?.schema.properties?.next : undefined;
      const pagedList = next !== undefined && next.type === 'string';
      const checkpointList = next !== undefined && next.type === 'integer';
      // POSTs that append nothing: a replay of the read models, a simulation; and a rotation, whose answer holds a secret never stored for replay.
      const command = method !== 'get' && path !== '/admin/replay' && path !== '/sovereignty/simulate' && path !== '/tokens/{id}/rotate';
      const expected = [
        ...(pagedList ? ['limit', 'after', 'asOf', 'minPosition'] : []),
        ...(checkpointList ? ['limit', 'before'] : []),
        ...(command ? ['If-Match', 'Idempotency-Key', 'X-Causation-Id'] : []),
        'X-Correlation-Id',
      ];
      return expected.filter((name) => !names.has(name)).map((name) => `${method} ${path}: ${name}`);
    });
    expect(missing).toEqual([]);
    const audits = document.paths['/audits'].get.parameters!;
    expect(audits.find((p) => p.name === 'limit')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500 });
    expect(audits.find((p) => p.name === 'status')?.schema).toMatchObject({ enum: ['planned', 'in_progress', 'completed'] });
    expect(audits.find((p) => p.name === 'asOf')?.schema.pattern).toBeDefined();
    expect(document.paths['/certifications/{id}/dossier.pdf'].get.parameters!.find((p) => p.name === 'lang')?.schema).toMatchObject({ enum: ['fr', 'en'] });
    expect(document.paths['/evidence/{sha256}'].get.parameters!.find((p) => p.name === 'sha256')).toMatchObject({ in: 'path', required: true, schema: { pattern: '^[0-9a-f]{64}$' } });
    expect(Object.keys(document.paths['/certifications/{id}/dossier.pdf'].get.responses['200'].content!)).toEqual(['application/pdf']);
    expect(Object.keys(document.paths['/metrics'].get.responses['200'].content!)).toEqual(['text/plain']);
  });
});
