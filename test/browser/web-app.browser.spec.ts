import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { runCli } from '../support/test-app';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { collectPageErrors, describeInBrowser, eventually, launchChromium, seriousAccessibilityViolations, type SharedBrowser } from '../support/browser';

/**
 * The web app as people use it: the built app, served by the built server on
 * the demo, driven in Debian's Chromium. UPDATE_SCREENSHOTS=1 also writes the
 * screenshots README shows into docs/screenshots/.
 */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? resolve(__dirname, '../../docs/screenshots') : null;

describeInBrowser('web app in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-browser-'));
  let server: ServerProcess;
  let shared: SharedBrowser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const tokens: Record<'auditor' | 'compliance', string> = { auditor: '', compliance: '' };

  const token = async (role: string, subject: string) => (await runCli(dataDir, ['token', 'create', '--role', role, '--subject', subject, '--name', 'browser'])).stdout.trim().split('\n').pop()!;
  const api = async (path: string, init: RequestInit = {}) => {
    const answer = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${tokens.compliance}`, 'content-type': 'application/json', ...init.headers } });
    return { status: answer.status, body: (await answer.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const signIn = async (role: 'auditor' | 'compliance') => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Token').fill(tokens[role]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Certifications' }).waitFor();
  };
  const expectAccessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);
  const screenshot = async (name: string) => {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
  };
  const statusIs = (text: string, on: Page = page) => eventually(async () => expect(await on.getByTestId('requirement-status').textContent()).toBe(text));

  beforeAll(async () => {
    expect((await runCli(dataDir, ['demo'])).code).toBe(0);
    tokens.auditor = await token('auditor', 'paul.passi');
    tokens.compliance = await token('compliance', 'claire.compliance');
    [server, shared] = await Promise.all([startServerProcess(dataDir), launchChromium()]);
  });
  afterAll(async () => {
    await shared?.close();
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    context = await shared.browser.newContext({ locale: 'en-GB', acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterEach(async () => {
    await context.close();
    // A Content-Security-Policy refusal or a script error shows here.
    expect(errors).toEqual([]);
  });

  it('lets an auditor read the statement of applicability, open a requirement, check its evidence and download the dossier', async () => {
    await signIn('auditor');
    await eventually(async () => expect(await page.getByRole('table', { name: 'Readiness per chapter' }).getByRole('row').count()).toBeGreaterThan(10));
    await expectAccessible();
    await screenshot('overview');

    await page.getByRole('link', { name: 'Statement of applicability' }).click();
    await page.getByText('278 of 278 requirements').waitFor();
    await page.getByLabel('Status').selectOption('passed');
    const passed = await api('/certifications/scn-demo/requirements?status=passed&limit=500');
    await page.getByText(`${passed.body.items.length} of 278 requirements`).waitFor();
    // Checked on the filtered table: its rows are built alike, and axe over all 278 takes as long as the rest of the suite.
    await expectAccessible();
    expect(page.url()).toContain('status=passed');
    await page.getByRole('button', { name: 'Evidence' }).click();
    await page.getByRole('button', { name: 'Evidence' }).click();
    const counts = (await page.locator('table.soa tbody tr td.num').allTextContents()).map(Number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await page.getByLabel('Status').selectOption('');
    await screenshot('statement-of-applicability');

    await page.getByRole('link', { name: '5.2.a', exact: true }).click();
    await page.getByRole('heading', { name: 'Requirement 5.2.a' }).waitFor();
    const sha = '603976abb960b092f7201f3cb0c822fbb5eb77fa6e08b4ad9aaa5a7d739fd1db';
    await page.locator('code.hash', { hasText: sha }).waitFor();
    const [evidence] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download information-security-policy/ }).click()]);
    expect(createHash('sha256').update(readFileSync((await evidence.path())!)).digest('hex')).toBe(sha);
    await page.getByText('Downloaded bytes match their SHA-256').waitFor();
    await expectAccessible();
    await screenshot('requirement');

    await page.goto(`${server.url}/#/certifications/scn-demo/dossier`);
    await page.getByLabel('Dossier language').selectOption('en');
    const [dossier] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the dossier (PDF)' }).click()]);
    expect(dossier.suggestedFilename()).toMatch(/^dossier-scn-demo-\d+-en\.pdf$/);
    const pdf = readFileSync((await dossier.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByText(createHash('sha256').update(pdf).digest('hex')).waitFor();
    await expectAccessible();
  });

  it('shows each page of the ledger to the auditor without an accessibility failure', async () => {
    await signIn('auditor');
    for (const [link, heading, shot] of [
      ['Audits and findings', 'Audits', 'audits'],
      ['Incidents', 'Incidents', 'incidents'],
      ['Changes', 'Upstream changes', 'changes'],
      ['Timeline', 'Partnership timeline', 'timeline'],
    ]) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.locator('table, ol.timeline').first().waitFor();
      await expectAccessible();
      await screenshot(shot);
    }
          await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await page.getByText(/CNIL: due 2024-03-15T09:40:00.000Z, met 2024-03-14T16:00:00.000Z — met/).waitFor();
  });

  it('speaks French to a French browser, and switches to English', async () => {
    await context.close();
    context = await shared.browser.newContext({ locale: 'fr-FR' });
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto(`${server.url}/`);
    await page.getByLabel('Jeton').fill(tokens.auditor);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Qualifications' }).waitFor();
    await page.getByText('Préparation par chapitre').waitFor();
    await expectAccessible();
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Certifications' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('leaves Swagger UI at /docs working under its policy', async () => {
    await page.goto(`${server.url}/docs`);
    await page.getByRole('heading', { name: /Confiance/ }).waitFor();
    await page.getByText('/certifications/{id}/requirements/{ref}/checks').first().waitFor();
  });

  it('refuses a wrong token at sign-in, and signs out', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This token was refused').waitFor();
    await expectAccessible();
    await screenshot('sign-in');
    await page.getByLabel('Token').fill(tokens.auditor);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Token').waitFor();
    expect(await page.evaluate('sessionStorage.length + localStorage.length + document.cookie.length')).toBe(0);
  });

  it('lets staff record a check with an uploaded file, and the requirement changes', async () => {
    await signIn('compliance');
    await page.goto(`${server.url}/#/certifications/scn-demo/requirements/5.1.b`);
    await statusIs('not assessed');
    const file = Buffer.from(`ISMS review minutes ${Date.now()}\n`);
    await page.getByLabel('Result').selectOption('passed');
    await page.getByLabel('Evidence file').setInputFiles({ name: 'isms-review.txt', mimeType: 'text/plain', buffer: file });
    await page.getByLabel('Evidence description').fill('Minutes of the ISMS management review');
    await expectAccessible();
    await screenshot('record-check');
    await page.getByRole('button', { name: 'Record the check' }).dblclick();
    await statusIs('passed');
    await page.locator('code.hash', { hasText: createHash('sha256').update(file).digest('hex') }).waitFor();
    const stream = await api('/streams/control-scn-demo:5.1.b');
    expect(stream.body.items.map((e: { type: string }) => e.type)).toEqual(['ControlCheckRecorded']);
  });

  it('shows the server validation error beside its field, and records nothing', async () => {
    await signIn('compliance');
    await page.goto(`${server.url}/#/certifications/scn-demo/requirements/5.1.a`);
    await statusIs('passed');
    const before = await api('/streams/control-scn-demo:5.1.a');
    await page.getByLabel('Result').selectOption('failed');
    await page.getByRole('button', { name: 'Record the check' }).click();
    const notes = page.getByLabel('Notes');
    await eventually(async () => expect(await notes.getAttribute('aria-invalid')).toBe('true'));
    expect(await page.locator(`#${await notes.getAttribute('aria-describedby')}`).textContent()).toBe('must say what falls short when a check is failed');
    await expectAccessible();
    await screenshot('validation-error');
    expect((await api('/streams/control-scn-demo:5.1.a')).body.revision).toBe(before.body.revision);
  });

  it('explains a concurrent edit instead of losing it', async () => {
    await signIn('compliance');
    await page.goto(`${server.url}/#/certifications/scn-demo/requirements/5.3.a`);
    await page.getByLabel('Justification').fill('Risk assessment covers the whole service');
    const other = await api('/certifications/scn-demo/requirements/5.3.a/applicability', { method: 'PUT', body: JSON.stringify({ applicable: true, justification: 'Stated by a colleague' }) });
    expect(other.status).toBe(201);
    await page.getByRole('button', { name: 'Record the statement' }).click();
    await page.getByText('Someone else recorded on this requirement after you opened it').waitFor();
    await page.getByRole('button', { name: 'Reload the requirement' }).click();
    await page.getByText('Stated by a colleague', { exact: true }).waitFor();
    expect(await page.getByLabel('Justification').inputValue()).toBe('Risk assessment covers the whole service');
    await page.getByRole('button', { name: 'Record the statement' }).click();
    await page.getByText(/Recorded at log position \d+/).waitFor();
  });

  it('travels in time: the requirement as the ledger knew it before its check, in a link that reproduces the view', async () => {
    const current = await api('/certifications/scn-demo/requirements/5.1.a');
    const before = String(Number(current.body.latestCheck.recorded.position) - 1);
    await signIn('auditor');
    await page.goto(`${server.url}/#/certifications/scn-demo/requirements/5.1.a`);
    await statusIs('passed');
    await page.getByLabel('As the ledger knew it at').fill(before);
    await page.getByLabel('Business date').fill('2022-12-31');
    await page.getByRole('button', { name: 'Apply' }).click();
    await statusIs('not assessed');
    await page.getByText(`You are viewing the past: as the ledger knew it at ${before}`).waitFor();
    expect(page.url()).toContain(`asOf=${before}`);
    expect(page.url()).toContain('validAt=2022-12-31');
    await expectAccessible();
    await screenshot('time-travel');
    const link = page.url();
    // A colleague opening the link signs in with their own token and sees the same state.
    const colleague = await context.newPage();
    await colleague.goto(link);
    await colleague.getByLabel('Token').fill(tokens.auditor);
    await colleague.getByRole('button', { name: 'Sign in' }).click();
    await statusIs('not assessed', colleague);
    await colleague.getByRole('link', { name: 'Back to the statement of applicability' }).click();
    expect(colleague.url()).toContain(`asOf=${before}`);
  });
});
