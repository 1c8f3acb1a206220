import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { compact, pdfPages } from '../unit/dossier/pdf-text';
import { PLANNED_CAPITAL_INCREASE } from '../../src/demo/demo-sovereignty';
import { templates } from '../../templates';

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('confiance demo: the partnership story, loaded through the command handlers', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-demo-'));
  let t: TestApp;
  let head: string;
  const get = (path: string) => request(t.http).get(path).set('authorization', t.tokens.auditor);

  beforeAll(async () => {
    const loaded = await runCli(dataDir, ['demo']);
    expect(loaded).toMatchObject({ code: 0 });
    head = /position (\d+)/.exec(loaded.stdout)![1];
    t = await startTestApp({}, { DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to load twice into a store that holds events', async () => {
    const again = await runCli(dataDir, ['demo']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('only into an empty store');
  });

  it('tells the partnership timeline with its real dates', async () => {
    const timeline = await get(`/timeline?minPosition=${head}&limit=500`).expect(200);
    const entries = timeline.body.items.map((e: { date: string; title: string; status: string }) => [e.date, e.status]);
    expect(entries).toEqual(expect.arrayContaining([['2021-05-17', 'achieved'], ['2021-10-06', 'achieved'], ['2022-06-30', 'achieved'], ['2023-03-31', 'late']]));
    expect(timeline.body.items.filter((e: { source: string }) => e.source === 'certification').map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['J0', 'J1', 'J2', 'J3']),
    );
  });

  it('records the application, checks, audits, the incident and the change reviews', async () => {
    const certification = await get(`/certifications/scn-demo?minPosition=${head}`).expect(200);
    expect(certification.body.steps.map((s: { step: string }) => s.step)).toEqual(['J0', 'J1', 'J2', 'J3']);
    const audits = await get('/audits?certificationId=scn-demo').expect(200);
    expect(audits.body.items.map((a: { kind: string; verdict: string }) => [a.kind, a.verdict]).sort()).toEqual([['internal', 'pass'], ['passi', 'conditional']]);
    const findings = await get('/findings?status=closed').expect(200);
    expect(findings.body.items.map((f: { resolution: string }) => f.resolution).sort()).toEqual(['remediated', 'remediated', 'risk_accepted']);
    const incident = await get('/incidents/incident-support-export').expect(200);
    expect(incident.body.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ obligation: 'cnil_notification', status: 'met' })]));
    const changes = await get('/changes?limit=10').expect(200);
    expect(changes.body.items.map((c: { status: string }) => c.status).sort()).toEqual(['deployed', 'deployed', 'deployed', 'rejected']);
    expect(changes.body.items.some((c: { deployments: { exception: boolean }[] }) => c.deployments.some((d) => d.exception))).toBe(true);
  });

  it('tells the ownership structure, and flags the planned capital increase in a simulation', async () => {
    const { body } = await get(`/sovereignty?validAt=2024-06-30&minPosition=${head}`).expect(200);
    expect(Object.values(body.requirements).map((r) => (r as { verdict: string }).verdict)).toEqual(['compliant', 'compliant', 'compliant', 'compliant', 'compliant']);
    expect(body.nonEu.maxIndividual).toEqual({ entityId: 'us-partner', capitalPercent: 20, votingPercent: 20 });
    const simulated = await request(t.http).post('/sovereignty/simulate').set('authorization', t.tokens.compliance).send({ changes: PLANNED_CAPITAL_INCREASE }).expect(200);
    expect(simulated.body.breaks).toEqual([{ requirement: '19.6.b', breaches: expect.arrayContaining([expect.objectContaining({ entityId: 'us-partner', measure: 'capital', percent: 28, excessPoints: 4 })]) }]);
  });

  it('renders the dossier of the demo in both languages', async () => {
    for (const [lang, heading] of [['fr', 'Registre des incidents'], ['en', 'Incident register']]) {
      const pdf = await get(`/certifications/scn-demo/dossier.pdf?lang=${lang}`).buffer(true).parse(binary).expect(200);
      const text = compact((await pdfPages(pdf.body as Buffer)).join(' '));
      expect(text).toContain(compact(heading));
      expect(text).toContain(compact('Support export sent to the wrong customer tenant'));
      expect(text).toContain(compact('Hypervisor security fix 2024-02'));
      // The points of attention: most requirements were never checked, and years went by without a PASSI audit.
      const words = templates[lang as 'fr' | 'en'].sections.warnings;
      expect(text).toContain(compact(words.kinds.requirements_not_assessed));
      expect(text).toContain(compact(words.details.passi_year_missing.replace('{year}', '2024')));
      expect(text).toContain(compact('Paul LefèvrePASSI auditor (demo)'));
      // What the file relies on, by name and hash; the post-mortem and the CNIL reference.
      expect(text).toContain(compact('hypervisor-logging-check-2023-06.txt · SHA-256 36fa9fe9755d'));
      expect(text).toContain(compact('postmortem-support-export-2024-03.txt'));
      expect(text).toContain(compact(words.title === 'Points de vigilance' ? 'Référence CNIL notification (demo)' : 'Reference CNIL notification (demo)'));
    }
  });
});
