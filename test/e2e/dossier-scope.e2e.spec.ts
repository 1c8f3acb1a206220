import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { templates } from '../../templates';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';
import { compact, pdfPages } from '../unit/dossier/pdf-text';

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  (res as unknown as NodeJS.ReadableStream).on('data', (chunk: Buffer) => chunks.push(chunk));
  (res as unknown as NodeJS.ReadableStream).on('end', () => done(null, Buffer.concat(chunks)));
};

describe('with two certifications, each dossier shows its own changes and milestones and the provider-wide ones', () => {
  let t: TestApp;
  let iaas: string;
  let paas: string;
  const post = (path: string) => request(t.http).post(path).set('authorization', t.tokens.compliance);

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    const file = (label: string) => post('/certifications').send({ label, framework: 'secnumcloud-3.2', service: label, filedOn: '2026-01-05' });
    iaas = expectCommandResult(await file('IaaS')).id!;
    paas = expectCommandResult(await file('PaaS')).id!;
    // Received at different hours: the dossier lists changes by the time they reached the operator.
    const change = (release: string, hour: string, certificationIds?: string[]) =>
      post('/changes').send({ source: 'vendor-bulletin', release, description: 'Upstream release', receivedAt: `2026-05-01T${hour}:00:00Z`, ...(certificationIds ? { certificationIds } : {}) });
    expectCommandResult(await change('iaas-only-1.0', '08', [iaas]));
    expectCommandResult(await change('paas-only-2.0', '09', [paas]));
    expectCommandResult(await change('shared-3.0', '10'));
    const milestone = (title: string, certificationIds?: string[]) =>
      post('/milestones').send({ title, kind: 'operational', occurredOn: '2026-03-01', ...(certificationIds ? { certificationIds } : {}) });
    expectCommandResult(await milestone('PaaS region opened', [paas]));
    expectCommandResult(await milestone('Joint company created'));
  });
  afterAll(() => t.close());

  it('refuses an empty or malformed list of certifications, naming the field, and records nothing', async () => {
    const before = (await t.events()).length;
    expectProblem(await post('/changes').send({ source: 's', release: 'r', description: 'd', receivedAt: '2026-05-01T08:00:00Z', certificationIds: [] }), 400, 'certificationIds');
    expectProblem(await post('/milestones').send({ title: 'x', kind: 'operational', occurredOn: '2026-03-01', certificationIds: 'all' }), 400, 'certificationIds');
    expect((await t.events()).length).toBe(before);
  });

  it('as data: the IaaS dossier lists its change and the shared one, never the PaaS change or milestone', async () => {
    const { body } = await request(t.http).get(`/certifications/${iaas}/dossier`).set('authorization', t.tokens.auditor).expect(200);
    expect(body.changes.map((c: { release: string; providerWide: boolean }) => [c.release, c.providerWide])).toEqual([['iaas-only-1.0', false], ['shared-3.0', true]]);
    expect(body.timeline.filter((e: { source: string }) => e.source === 'milestone').map((e: { title: string }) => e.title)).toEqual(['Joint company created']);
  });

  it.each(['fr', 'en'] as const)('in the %s PDF of each, only its scope, with the provider-wide ones labelled', async (language) => {
    const read = async (id: string) =>
      compact((await pdfPages((await request(t.http).get(`/certifications/${id}/dossier.pdf?lang=${language}`).set('authorization', t.tokens.auditor).buffer(true).parse(binary).expect(200)).body as Buffer)).join(' '));
    const [ofIaas, ofPaas] = [await read(iaas), await read(paas)];
    expect(ofIaas).toContain('iaas-only-1.0');
    expect(ofIaas).not.toContain('paas-only-2.0');
    expect(ofIaas).not.toContain(compact('PaaS region opened'));
    expect(ofPaas).toContain('paas-only-2.0');
    expect(ofPaas).not.toContain('iaas-only-1.0');
    expect(ofPaas).toContain(compact('PaaS region opened'));
    for (const text of [ofIaas, ofPaas]) {
      expect(text).toContain(compact(`shared-3.0vendor-bulletin${templates[language].references.providerWide}`));
      expect(text).toContain(compact(`Joint company created${templates[language].references.providerWide}`));
    }
  });
});
