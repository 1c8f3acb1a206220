import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import type { BrowserContext, Page } from 'playwright-core';
import { runCli } from '../support/test-app';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { chromiumInstalled, collectPageErrors, eventually, INSTALL_HINT, launchChromium, seriousAccessibilityViolations, type SharedBrowser } from '../support/browser';

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

if (!chromiumInstalled()) {
  describe('investigating in a browser', () => {
    it(process.env.CI === 'true' ? 'needs Chromium in CI' : 'is skipped without Chromium, saying how to install it', () => {
      if (process.env.CI === 'true') throw new Error(INSTALL_HINT.replace('skipped', 'cannot run in CI'));
      console.log(INSTALL_HINT);
      expect(chromiumInstalled()).toBe(false);
    });
  });
} else {
  jest.setTimeout(180_000);
  describe('investigating in a browser', () => {
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
  });
}
