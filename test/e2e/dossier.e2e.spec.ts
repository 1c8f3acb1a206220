import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { readManifest } from '../../src/dossier/render/render-dossier';
import { runCli, startTestApp, type TestApp } from '../support/test-app';
import { expectCommandResult, expectProblem } from '../support/http';
import { compact, pdfPages } from '../unit/dossier/pdf-text';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the evidence dossier over HTTP and the CLI', () => {
  let t: TestApp;
  let certification: string;
  /** The log position after the first finding, before the second one. */
  let before: string;
  let head: string;

  const post = (path: string) => request(t.http).post(path).set('authorization', t.tokens.compliance);
  const pdf = (query: string) => request(t.http).get(`/certifications/${certification}/dossier.pdf?${query}`).set('authorization', t.tokens.auditor).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    certification = expectCommandResult(await post('/certifications').send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud souverain', filedOn: '2026-01-05' })).id!;
    expectCommandResult(await post(`/certifications/${certification}/steps`).send({ step: 'J0', on: '2026-01-15' }));
    expectCommandResult(await request(t.http).put(`/certifications/${certification}/requirements/19.2.e/applicability`).set("authorization", t.tokens.compliance).send({ applicable: false, justification: 'Support delivered from within the EU only' }));
    expectCommandResult(await post(`/certifications/${certification}/requirements/12.6.a/checks`).send({ result: 'passed', method: 'document_review', performedAt: '2026-03-01T10:00:00Z' }));
    expectCommandResult(await post('/milestones').send({ title: 'Joint company created', kind: 'corporate', plannedFor: '2022-06-30', occurredOn: '2022-06-30' }));
    const audit = expectCommandResult(await post('/audits').send({ certificationId: certification, kind: 'passi', auditor: 'passi-org', plannedStart: '2026-04-01', plannedEnd: '2026-04-10' })).id!;
    expectCommandResult(await post(`/audits/${audit}/start`).send({ on: '2026-04-01' }));
    before = expectCommandResult(await post(`/audits/${audit}/findings`).send({ severity: 'major', requirement: '12.6.c', title: 'Hypervisor logs lack the source address', dueOn: '2026-06-30', raisedOn: '2026-04-02' })).position;
    expectCommandResult(await post('/people').send({ subject: 'passi-org', displayName: 'Cabinet Vigie', email: 'contact@vigie.example' }));
    expectCommandResult(await request(t.http).delete('/people/passi-org').set('authorization', t.tokens.admin), 200);
    expectCommandResult(await post('/incidents').send({ certificationId: certification, title: 'Misrouted support export', severity: 'high', detectedAt: '2026-05-04T08:00:00Z', personalData: true, significant: false }));
    head = expectCommandResult(await post(`/audits/${audit}/findings`).send({ severity: 'minor', requirement: '7.3.a', title: 'Awareness programme incomplete', dueOn: '2026-12-31', raisedOn: '2026-04-03' })).position;
  });
  afterAll(() => t.close());

  it('answers the dossier as data, as of the head or a past position', async () => {
    const now = await request(t.http).get(`/certifications/${certification}/dossier?minPosition=${head}`).set('authorization', t.tokens.auditor).expect(200);
    expect(now.body.cover).toMatchObject({ certificationId: certification, asOf: { position: head }, framework: { id: 'secnumcloud-3.2' } });
    expect(now.body.applicability).toHaveLength(278);
    expect(now.body.applicability.find((r: { ref: string }) => r.ref === '19.2.e')).toMatchObject({ applicable: false, status: 'not_applicable' });
    expect(now.body.audits.findings.map((f: { title: string }) => f.title)).toEqual(['Hypervisor logs lack the source address', 'Awareness programme incomplete']);
    expect(now.body.incidents[0]).toMatchObject({ title: 'Misrouted support export', personalData: true });
    expect(now.body.incidents[0].deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ obligation: 'cnil_notification', status: 'overdue' })]));
    expect(now.body.integrity.streams.map((s: { stream: string }) => s.stream)).toContain(`certification-${certification}`);

    const past = await request(t.http).get(`/certifications/${certification}/dossier?asOf=${before}`).set('authorization', t.tokens.auditor).expect(200);
    expect(past.body.cover.asOf.position).toBe(before);
    expect(past.body.audits.findings.map((f: { title: string }) => f.title)).toEqual(['Hypervisor logs lack the source address']);
    expect(past.body.incidents).toEqual([]);
    expect(past.body.audits.programme[0]).toMatchObject({ auditor: 'passi-org', auditorErased: false });
    expect(now.body.audits.programme[0]).toMatchObject({ auditor: 'passi-org', auditorErased: true });
    expect(JSON.stringify(now.body)).not.toContain('Cabinet Vigie');
  });

  it('hands an auditor the PDF as of a past point, records the download, and gives the same bytes again later', async () => {
    const first = await pdf(`asOf=${before}&lang=en`).expect(200);
    const bytes = first.body as Buffer;
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['x-dossier-sha256']).toBe(sha256(bytes));
    expect(first.headers['x-dossier-position']).toBe(before);
    expect((await t.events()).at(-1)).toMatchObject({
      id: first.headers['x-dossier-event-id'],
      type: 'DossierIssued',
      data: { certificationId: certification, position: before, language: 'en', sha256: sha256(bytes), size: bytes.length },
      metadata: { actor: 'auditor-1' },
    });
    expect(readManifest(bytes)).toMatchObject({ certificationId: certification, position: before, language: 'en' });

    const text = compact((await pdfPages(bytes)).join(' '));
    expect(text).toContain(compact('Evidence dossier'));
    expect(text).toContain(compact('Hypervisor logs lack the source address'));
    expect(text).not.toContain(compact('Awareness programme incomplete'));
    expect(text).not.toContain(compact('Misrouted support export'));

    const again = await pdf(`asOf=${before}&lang=en`).expect(200);
    expect(Buffer.compare(again.body as Buffer, bytes)).toBe(0);
  });

  it('writes the dossier in French', async () => {
    const french = await pdf('lang=fr').expect(200);
    const text = compact((await pdfPages(french.body as Buffer)).join(' '));
    expect(text).toContain(compact('Dossier de preuves'));
    expect(text).toContain(compact('Déclaration d’applicabilité'));
    expect(text).toContain(compact('Awareness programme incomplete'));
  });

  it('refuses a bad language or point, an unknown certification and a missing token', async () => {
    expectProblem(await request(t.http).get(`/certifications/${certification}/dossier.pdf?lang=de`).set('authorization', t.tokens.auditor), 400, 'lang');
    expectProblem(await request(t.http).get(`/certifications/${certification}/dossier.pdf?asOf=yesterday`).set('authorization', t.tokens.auditor), 400, 'asOf');
    expectProblem(await request(t.http).get('/certifications/nope/dossier.pdf').set('authorization', t.tokens.auditor), 404);
    expectProblem(await request(t.http).get(`/certifications/${certification}/dossier.pdf`), 401);
  });

  it('proves a downloaded file with verify-dossier, and says what differs in an altered one', async () => {
    const file = join(t.dataDir, 'downloaded.pdf');
    writeFileSync(file, (await pdf(`asOf=${before}&lang=fr`).expect(200)).body as Buffer);
    const verified = await runCli(t.dataDir, ['verify-dossier', file]);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('byte-identical');
    expect(verified.stdout).toContain('auditor-1');

    const altered = readFileSync(file);
    const at = altered.indexOf('/Producer');
    altered[at + 1] = 'p'.charCodeAt(0);
    const alteredFile = join(t.dataDir, 'altered.pdf');
    writeFileSync(alteredFile, altered);
    const refused = await runCli(t.dataDir, ['verify-dossier', alteredFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no DossierIssued event');
  });

  it('writes a dossier from the CLI, recorded and verifiable', async () => {
    // Outside DATA_DIR: the CLI writes there only when told --force.
    const outDir = mkdtempSync(join(tmpdir(), 'confiance-dossier-out-'));
    try {
      const out = join(outDir, 'cli.pdf');
      const written = await runCli(t.dataDir, ['dossier', '--certification', certification, '--as-of', before, '--lang', 'en', '--out', out]);
      expect(written.code).toBe(0);
      const bytes = readFileSync(out);
      const download = await pdf(`asOf=${before}&lang=en`).expect(200);
      expect(sha256(bytes)).toBe(sha256(download.body as Buffer));
      expect((await runCli(t.dataDir, ['verify-dossier', out])).code).toBe(0);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
