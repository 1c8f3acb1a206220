import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import type { BrowserContext, Page } from 'playwright-core';
import { runCli } from '../support/test-app';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { collectPageErrors, describeInBrowser, eventually, launchChromium, seriousAccessibilityViolations, type SharedBrowser } from '../support/browser';

/**
 * Investigating with the web app: a dossier verified by the browser itself,
 * offline, and refused when altered; the event browser, causation followed
 * both ways, and the diff between two points. UPDATE_SCREENSHOTS=1 writes
 * the screenshots README shows into docs/screenshots/.
 */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? resolve(__dirname, '../../docs/screenshots') : null;

/** A copy of `pdf` rewritten with pdf-lib: the manifest and the first page's drawing as `alter` leaves them. */
async function tampered(pdf: Buffer, alter: { manifest?: (manifest: any) => void; firstPage?: (content: string) => string }): Promise<Buffer> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ref = (value: unknown) => value as PDFRef;
  if (alter.manifest) {
    const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
    const files = (names.lookup(1, PDFDict) as PDFDict).lookup(PDFName.of('EF'), PDFDict);
    const at = ref(files.get(PDFName.of('F')));
    const manifest = JSON.parse(Buffer.from(decodePDFRawStream(doc.context.lookup(at) as PDFRawStream).decode()).toString('utf8'));
    alter.manifest(manifest);
    doc.context.assign(at, doc.context.flateStream(Buffer.from(JSON.stringify(manifest)), { Type: 'EmbeddedFile', Subtype: 'application/json' }));
  }
  if (alter.firstPage) {
    const at = ref(doc.getPages()[0].node.get(PDFName.of('Contents')));
    const content = Buffer.from(decodePDFRawStream(doc.context.lookup(at) as PDFRawStream).decode()).toString('latin1');
    doc.context.assign(at, doc.context.flateStream(Buffer.from(alter.firstPage(content), 'latin1')));
  }
  return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

describeInBrowser('investigating in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-investigate-'));
  const auditorDir = mkdtempSync(join(tmpdir(), 'confiance-auditor-'));
  let server: ServerProcess;
  let shared: SharedBrowser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let dossier: Buffer;
  const tokens: Record<'auditor' | 'compliance', string> = { auditor: '', compliance: '' };

  const token = async (role: string, subject: string) => (await runCli(dataDir, ['token', 'create', '--role', role, '--subject', subject, '--name', 'browser'])).stdout.trim().split('\n').pop()!;
  const api = async (path: string, init: RequestInit = {}) => {
    const answer = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${tokens.compliance}`, 'content-type': 'application/json', ...init.headers } });
    return { status: answer.status, body: (await answer.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const signIn = async (role: 'auditor' | 'compliance', path = '/') => {
    await page.goto(`${server.url}/#${path}`);
    await page.getByLabel('Token').fill(tokens[role]);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const expectAccessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);
  const screenshot = async (name: string) => {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
  };
  const verify = async (name: string, pdf: Buffer) => {
    await page.getByLabel('Dossier PDF to verify').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('heading', { name: new RegExp(`^${name.replace('.', '\\.')}:`) }).waitFor();
  };
  /** The verdict and detail of each row of the table of checks, by the row's name. */
  const checks = async () =>
    Object.fromEntries(
      await page.getByRole('table', { name: 'What was checked' }).locator('tbody tr').evaluateAll((rows) =>
        rows.map((row) => [row.querySelector('th')!.textContent, [...row.querySelectorAll('td')].map((cell) => cell.textContent)]),
      ),
    ) as Record<string, [string, string]>;

  beforeAll(async () => {
    expect((await runCli(dataDir, ['demo'])).code).toBe(0);
    const out = join(auditorDir, 'issued.pdf');
    expect((await runCli(dataDir, ['dossier', '--certification', 'scn-demo', '--lang', 'en', '--out', out])).code).toBe(0);
    dossier = readFileSync(out);
    tokens.auditor = await token('auditor', 'paul.passi');
    tokens.compliance = await token('compliance', 'claire.compliance');
    [server, shared] = await Promise.all([startServerProcess(dataDir), launchChromium()]);
  }, 300_000);
  afterAll(async () => {
    await shared?.close();
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(auditorDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    context = await shared.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterEach(async () => {
    await context.close();
    expect(errors).toEqual([]);
  });

  it('verifies a dossier offline in the browser, and names what fails in an altered page and a forged checkpoint', async () => {
    await signIn('auditor', '/verify');
    await page.getByRole('heading', { name: 'Verify a dossier' }).waitFor();
    const key = (await api('/transparency/key')).body.verifierKey as string;
    await eventually(async () => expect(await page.getByLabel('Public key of the log').inputValue()).toBe(key));
    await page.getByText('The verifier is loaded').waitFor();
    // From here the browser verifies alone: no request leaves the page.
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await context.setOffline(true);

    await verify('issued.pdf', dossier);
    await page.getByRole('heading', { name: 'issued.pdf: everything checked holds' }).waitFor();
    const sound = await checks();
    expect(sound['Signed checkpoint']).toEqual(['holds', expect.stringMatching(/^tree of size \d+ signed by the log's key$/)]);
    expect(sound['Pages match the manifest'][0]).toBe('holds');
    expect(sound['Every stream proven'][0]).toBe('holds');
    const heads = Object.entries(sound).filter(([name]) => name.startsWith('Stream head'));
    expect(heads.length).toBeGreaterThan(10);
    expect(heads.every(([, [verdict]]) => verdict === 'holds')).toBe(true);
    await expectAccessible();
    await screenshot('verify-dossier');

    // One character of the first page's drawing changed: the manifest no longer describes these pages.
    await verify('altered-page.pdf', await tampered(dossier, { firstPage: (content) => content.replace(/\d(?=[^\d]*$)/, (d) => String((Number(d) + 1) % 10)) }));
    await page.getByRole('heading', { name: 'altered-page.pdf: verification FAILS' }).waitFor();
    const altered = await checks();
    expect(altered['Pages match the manifest']).toEqual(['FAILS', expect.stringContaining('the pages were altered')]);
    expect(altered['Signed checkpoint'][0]).toBe('holds');

    // A checkpoint claiming a bigger tree keeps the log's signature line, which no longer holds.
    const forged = await tampered(dossier, { manifest: (m) => (m.transparency.checkpoint = m.transparency.checkpoint.replace(/\n(\d+)\n/, (_: string, size: string) => `\n${Number(size) + 1}\n`)) });
    await verify('forged-checkpoint.pdf', forged);
    await page.getByRole('heading', { name: 'forged-checkpoint.pdf: verification FAILS' }).waitFor();
    expect((await checks())['Signed checkpoint']).toEqual(['FAILS', expect.stringContaining('forged or foreign checkpoint: the signature by')]);
    await expectAccessible();
    expect(requests).toEqual([]);
    await context.setOffline(false);
  });
  it('browses the event log with filters and pages, and follows causation both ways, in links that reproduce the view', async () => {
    const post = async (path: string, body: object, headers: Record<string, string> = {}) => {
      const answer = await api(path, { method: 'POST', body: JSON.stringify(body), headers });
      expect(answer.status).toBe(201);
      return answer.body as { id: string; eventIds: string[] };
    };
    const plan = await post('/milestones', { title: 'Datacentre handover', kind: 'operational', plannedFor: '2025-01-15' });
    const slip = await post(`/milestones/${plan.id}/slipped`, { plannedFor: '2025-03-01', reason: 'cooling works' }, { 'x-causation-id': plan.eventIds[0] });
    await post(`/milestones/${plan.id}/achieved`, { occurredOn: '2025-03-03' }, { 'x-causation-id': slip.eventIds[0] });

    await signIn('auditor', '/events');
    await page.getByRole('heading', { name: 'Event log' }).waitFor();
    await page.getByText('50 events from the start of the log').waitFor();
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.getByText(/^\d+ events after position \d+$/).waitFor();
    expect(page.url()).toMatch(/after=\d+/);
    await page.getByLabel('Event type').fill('MilestoneSlipped');
    await page.getByRole('button', { name: 'Show the events' }).click();
    await page.getByText(/^\d+ events from the start of the log$/).waitFor();
    expect(page.url()).toContain('type=MilestoneSlipped');
    expect(page.url()).not.toContain('after=');
    const types = await page.locator('table.events tbody td:nth-child(4)').allTextContents();
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['MilestoneSlipped']));
    await expectAccessible();
    await screenshot('events');

    await page.getByLabel('Caused by event').fill(plan.eventIds[0]);
    await page.getByRole('button', { name: 'Show the events' }).click();
    await page.getByText('1 events from the start of the log').waitFor();
    await page.getByRole('link', { name: /^Investigate event \d+ \(MilestoneSlipped\)$/ }).click();
    await page.getByRole('heading', { name: /^Event \d+: MilestoneSlipped$/ }).waitFor();
    const causes = page.getByRole('region', { name: 'Caused by' });
    const effects = page.getByRole('region', { name: 'What it caused' });
    await causes.getByRole('link', { name: /MilestoneRecorded/ }).waitFor();
    expect(await effects.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/MilestoneAchieved .* \(step 1\)$/)]);
    await causes.getByRole('link', { name: /MilestoneRecorded/ }).click();
    await page.getByRole('heading', { name: /^Event \d+: MilestoneRecorded$/ }).waitFor();
    await page.getByText('No recorded cause: a command started it.').waitFor();
    expect(await page.getByRole('region', { name: 'What it caused' }).getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/MilestoneSlipped .* \(step 1\)$/),
      expect.stringMatching(/MilestoneAchieved .* \(step 2\)$/),
    ]);
    await expectAccessible();
    await screenshot('investigation');

    // A colleague opening the link sees the same investigation.
    const link = page.url();
    const colleague = await context.newPage();
    await colleague.goto(link);
    await colleague.getByLabel('Token').fill(tokens.auditor);
    await colleague.getByRole('button', { name: 'Sign in' }).click();
    await colleague.getByRole('heading', { name: /^Event \d+: MilestoneRecorded$/ }).waitFor();
  });

  it('compares two points of a certification: what the ledger knew before a check and now', async () => {
    const current = await api('/certifications/scn-demo/requirements/5.1.a');
    const before = String(Number(current.body.latestCheck.recorded.position) - 1);
    const expected = await api(`/diff?certificationId=scn-demo&from=${before}`);
    await signIn('auditor', '/diff');
    await page.getByRole('heading', { name: 'Compare two points' }).waitFor();
    await page.getByLabel('From: as the ledger knew it at').fill(before);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByText(`requirements changed.`, { exact: false }).waitFor();
    expect(page.url()).toContain(`from=${before}`);
    expect(page.url()).toContain('certificationId=scn-demo');
    const changed = page.getByRole('table', { name: 'Requirements that changed' });
    expect(await changed.locator('tbody tr').count()).toBe(expected.body.requirements.length);
    const row = changed.getByRole('row', { name: /^5\.1\.a / });
    expect(await row.locator('td').allTextContents()).toEqual(['not_assessed', current.body.status]);
    await expectAccessible();
    await screenshot('diff');
    await row.getByRole('link', { name: '5.1.a' }).click();
    await page.getByRole('heading', { name: 'Requirement 5.1.a' }).waitFor();
  });
});
