import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FixedClock } from '../../src/shared/clock';
import { templates } from '../../templates';
import type { DossierModel } from '../../src/dossier/dossier.model';
import { runCli, startTestApp, storeEvidence, type TestApp } from '../support/test-app';
import { expectCommandResult } from '../support/http';
import { compact, normalise, pdfPages } from '../unit/dossier/pdf-text';

// Not part of a longer hex string: the evidence index prints each file's full SHA-256.
const UUID = /(?<![0-9a-f])[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}(?![0-9a-f])/i;
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  (res as unknown as NodeJS.ReadableStream).on('data', (chunk: Buffer) => chunks.push(chunk));
  (res as unknown as NodeJS.ReadableStream).on('end', () => done(null, Buffer.concat(chunks)));
};

/** The summary pages, before the points of attention that start on page `start`. */
const summaryOf = (pages: string[], start: number) => compact(pages.slice(2, start).join(' '));

/** Pages before the integrity annex, the only place identifiers belong. */
async function readablePages(pdf: Buffer, language: 'fr' | 'en'): Promise<string> {
  const pages = await pdfPages(pdf);
  const annex = pages.findIndex((page, i) => i > 1 && page.startsWith(normalise(templates[language].sections.integrity.title)));
  expect(annex).toBeGreaterThan(1);
  return pages.slice(0, annex).join(' ');
}

describe('a dossier names people, audits, findings and obligations as an evaluator does', () => {
  let t: TestApp;
  let certification: string;
  const post = (path: string) => request(t.http).post(path).set('authorization', t.tokens.compliance);
  const pdf = (query: string) =>
    request(t.http).get(`/certifications/${certification}/dossier.pdf?${query}`).set('authorization', t.tokens.auditor).buffer(true).parse(binary).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-28T12:00:00Z')) });
    expectCommandResult(await post('/people').send({ subject: 'paul.passi', displayName: 'Paul Lefèvre', email: 'paul@vigie.example', organisation: 'Cabinet Vigie (PASSI)' }));
    certification = expectCommandResult(await post('/certifications').send({ label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'Cloud souverain', filedOn: '2026-01-05' })).id!;
    const audit = expectCommandResult(await post('/audits').send({ certificationId: certification, kind: 'passi', auditor: 'paul.passi', plannedStart: '2026-04-01', plannedEnd: '2026-04-10' })).id!;
    expectCommandResult(await post(`/audits/${audit}/start`).send({ on: '2026-04-01' }));
    const findings: string[] = [];
    for (const [title, severity] of [['Hypervisor logs lack the source address', 'major'], ['Awareness programme incomplete', 'minor']]) {
      findings.push(expectCommandResult(await post(`/audits/${audit}/findings`).send({ severity, requirement: '12.6.c', title, dueOn: '2026-06-30', raisedOn: '2026-04-02' })).id!);
    }
    expectCommandResult(await post(`/audits/${audit}/findings/${findings[1]}/remediation`).send({ action: 'Awareness sessions planned for all support staff', on: '2026-05-02' }));
    expectCommandResult(await post(`/audits/${audit}/findings/${findings[1]}/close`).send({ resolution: 'risk_accepted', justification: 'Risk accepted by the security committee until the autumn sessions', closedOn: '2026-05-03' }));
    const change = expectCommandResult(await post('/changes').send({ source: 'vendor-bulletin', release: '2026.5.1', description: 'Storage driver update', receivedAt: '2026-05-01T08:00:00Z' })).id!;
    // The review is recorded by compliance-1, whom the registry names.
    expectCommandResult(await post('/people').send({ subject: 'compliance-1', displayName: 'Claire Martin', email: 'claire@provider.example', organisation: 'Direction de la sécurité' }));
    expectCommandResult(await post(`/changes/${change}/review`).send({ decision: 'approved', risk: 'medium', reviewedAt: '2026-05-02T08:00:00Z', notes: 'Rollback plan tested on the staging platform' }));
    const incident = expectCommandResult(await post('/incidents').send({ certificationId: certification, title: 'Misrouted support export', severity: 'high', detectedAt: '2026-05-04T08:00:00Z', personalData: true, significant: true })).id!;
    // Three days late: the CNIL expects it within 72 hours.
    expectCommandResult(await post(`/incidents/${incident}/notifications`).send({ recipient: 'CNIL', kind: 'notification', sentAt: '2026-05-10T09:30:00Z', reference: 'CNIL-2026-0042' }));
    // Granted while the major finding was open and past its due date.
    for (const [step, on] of [['J0', '2026-01-15'], ['J1', '2026-02-15'], ['J2', '2026-04-01'], ['J3', '2026-07-10']]) {
      expectCommandResult(await post(`/certifications/${certification}/steps`).send({ step, on }));
    }
    // One requirement checked before the grant, one only after it: the grant rested on one assessed requirement.
    const evidence = await storeEvidence(t, 'access review minutes');
    const check = (ref: string, performedAt: string) => post(`/certifications/${certification}/requirements/${ref}/checks`).send({ result: 'passed', method: 'document_review', performedAt, evidence: [evidence] });
    expectCommandResult(await check('5.2.a', '2026-06-01T09:00:00Z'));
    expectCommandResult(await check('5.2.b', '2026-08-01T09:00:00Z'));
    expectCommandResult(await post(`/certifications/${certification}/grant`).send({ grantedOn: '2026-07-15', validUntil: '2029-07-14' }));
  });
  afterAll(() => t.close());

  it.each(['fr', 'en'] as const)('in %s: no identifier before the integrity annex, the auditor by name and firm, findings as "PASSI 2026 · F-n"', async (language) => {
    const t9n = templates[language];
    const text = await readablePages((await pdf(`lang=${language}`)).body as Buffer, language);
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain('paul.passi');
    const flat = compact(text);
    expect(flat).toContain(compact('Paul LefèvreCabinet Vigie (PASSI)'));
    expect(flat).toContain(compact(`PASSI 2026 · F-1${t9n.codes.findingSeverity.major}12.6.cHypervisor logs lack the source address`));
    expect(flat).toContain(compact(`PASSI 2026 · F-2${t9n.codes.findingSeverity.minor}`));
    // Overdue obligations say which finding and which incident they concern.
    expect(flat).toContain(compact(`${t9n.codes.obligation.finding_due}PASSI 2026 · F-1 — Hypervisor logs lack the source address`));
    expect(flat).toContain(compact(`${t9n.codes.obligation.nis2_early_warning}Misrouted support export`));
    expect(flat).toContain(compact(t9n.codes.obligation.customer_information));
    expect(flat).not.toContain('customer_information');
  });

  it.each(['fr', 'en'] as const)('in %s: the points of attention say the grant was made over an overdue major finding, and the CNIL notification was late', async (language) => {
    const words = templates[language].sections.warnings;
    const codes = templates[language].codes;
    const pages = await pdfPages((await pdf(`lang=${language}`)).body as Buffer);
    const start = pages.findIndex((page, i) => i > 1 && page.startsWith(normalise(`${words.title} ${words.intro}`)));
    const end = pages.findIndex((page, i) => i > start && page.startsWith(normalise(templates[language].sections.applicability.title)));
    const section = compact(pages.slice(start, end).join(' '));
    const granted = words.details.granted_while_weak
      .replace('{step}', codes.certificationStep.granted).replace('{on}', language === 'fr' ? '15/07/2026' : '15 Jul 2026')
      .replace('{finding}', 'PASSI 2026 · F-1').replace('{title}', 'Hypervisor logs lack the source address').replace('{overdue}', words.overdue);
    expect(section).toContain(compact(granted));
    expect(section).toContain(compact(words.details.open_major_finding.replace('{finding}', 'PASSI 2026 · F-1').replace('{title}', 'Hypervisor logs lack the source address').replace('{requirement}', '12.6.c').replace('{overdue}', words.overdue)));
    expect(section).toContain(compact(`${codes.obligation.cnil_notification}`));
    expect(section).toContain(compact(words.sentLate.replace('{date}', '')));
    expect(section).toContain(compact(words.kinds.requirements_not_assessed));
    // The grant rested on 1 assessed requirement of all those applicable; the check made after it does not count.
    const model = (await request(t.http).get(`/certifications/${certification}/dossier`).set('authorization', t.tokens.auditor).expect(200)).body as DossierModel;
    const applicable = model.applicability.filter((r) => r.applicable !== false).length;
    expect(model.warnings.filter((w) => w.kind === 'granted_unassessed')).toEqual([{ kind: 'granted_unassessed', on: '2026-07-15', step: 'granted', count: applicable - 1, applicable }]);
    const number = (n: number) => new Intl.NumberFormat(templates[language].locale).format(n);
    const unassessed = words.details.granted_unassessed
      .replace('{step}', codes.certificationStep.granted).replace('{on}', language === 'fr' ? '15/07/2026' : '15 Jul 2026')
      .replace('{count}', number(applicable - 1)).replace('{applicable}', number(applicable));
    expect(section).toContain(compact(unassessed));
    expect(summaryOf(pages, start)).toContain(compact(`${words.kinds.granted_unassessed}1`));
    // The summary, before the section, counts them.
    const summary = compact(pages.slice(2, start).join(' '));
    expect(summary).toContain(compact(`${words.kinds.granted_while_weak}1`));
    expect(summary).toContain(compact(words.kinds.late_notification));
  });

  it.each(['fr', 'en'] as const)('in %s: remediation, risk acceptance, the CNIL case number and the review notes are in the file', async (language) => {
    const words = templates[language].sections;
    const flat = compact(await readablePages((await pdf(`lang=${language}`)).body as Buffer, language));
    expect(flat).toContain(compact('Awareness sessions planned for all support staff'));
    expect(flat).toContain(compact(words.audits.closed.replace('{resolution}', templates[language].codes.resolution.risk_accepted)));
    expect(flat).toContain(compact('Risk accepted by the security committee until the autumn sessions'));
    expect(flat).toContain(compact(words.incidents.reference.replace('{reference}', 'CNIL-2026-0042')));
    expect(flat).toContain(compact('Rollback plan tested on the staging platform'));
    // The reviewer by name and organisation, never by subject id.
    expect(flat).toContain(compact('Claire Martin, Direction de la sécurité'));
    expect(flat).not.toContain('compliance-1');
  });

  it('after the auditor is erased, a file issued before still verifies and a new one reads "erased"', async () => {
    const before = (await pdf('lang=en')).body as Buffer;
    const file = join(t.dataDir, 'before-erasure.pdf');
    writeFileSync(file, before);
    expectCommandResult(await request(t.http).delete('/people/paul.passi').set('authorization', t.tokens.admin), 200);

    const verified = await runCli(t.dataDir, ['verify-dossier', file]);
    expect(verified.stderr).toBe('');
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('byte-identical');

    const after = compact(await readablePages((await pdf('lang=en')).body as Buffer, 'en'));
    expect(after).not.toContain(compact('Paul Lefèvre'));
    expect(after).toContain(compact(templates.en.sections.audits.erasedSubject));
  });
});
