import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The web app's reads are typed from the service's OpenAPI document: a query
 * parameter a route does not declare, or a field its answer lacks, must stop
 * the build. Needs `npm run build` (it generates web/src/api/schema.d.ts).
 */
const web = resolve(__dirname, '../../../web');
const client = join(web, 'src/api/client');

const probes = {
  declared: `
    export async function read() {
      const audits = await readAll((after) => answer(api.GET('/audits', { params: { query: { asOf: '3', limit: PAGE_SIZE, after } } })));
      const certification = await answer(api.GET('/certifications/{id}', { params: { path: { id: 'scn-demo' }, query: { asOf: '3' } } }));
      const label: string = certification.label;
      return [audits.map((a) => a.auditId), label];
    }`,
  undeclaredParameter: `
    export const read = () => answer(api.GET('/certifications/{id}', { params: { path: { id: 'scn-demo' }, query: { chapter: '12' } } }));`,
  missingField: `
    export async function read() {
      const requirement = await answer(api.GET('/certifications/{id}/requirements/{ref}', { params: { path: { id: 'scn-demo', ref: '5.1.a' } } }));
      return requirement.notAField;
    }`,
};

describe('the web app typed client', () => {
  let dir: string;
  let errors: Record<keyof typeof probes, string[]>;

  beforeAll(() => {
    if (!existsSync(join(web, 'src/api/schema.d.ts'))) throw new Error('web/src/api/schema.d.ts is missing: run `npm run build` first');
    dir = mkdtempSync(join(tmpdir(), 'confiance-web-types-'));
    const files = Object.entries(probes).map(([name, body]) => {
      const file = join(dir, `${name}.ts`);
      writeFileSync(file, `import { answer, api, PAGE_SIZE, readAll } from ${JSON.stringify(client)};\n${body}\n`);
      return [name, file] as const;
    });
    const config = ts.getParsedCommandLineOfConfigFile(join(web, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    const program = ts.createProgram(
      files.map(([, file]) => file),
      config!.options,
    );
    errors = Object.fromEntries(
      files.map(([name, file]) => [name, ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))]),
    ) as typeof errors;
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles a read with the query parameters its route declares, its answer typed', () => {
    expect(errors.declared).toEqual([]);
  });

  it('refuses to compile a query parameter the route does not declare', () => {
    expect(errors.undeclaredParameter.join('\n')).toMatch(/'chapter' does not exist/);
  });

  it('refuses to compile a read of a field the answer does not have', () => {
    expect(errors.missingField.join('\n')).toMatch(/Property 'notAField' does not exist/);
  });
});
