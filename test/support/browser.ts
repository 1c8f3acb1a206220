import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH names another build. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumInstalled = (): boolean => existsSync(CHROMIUM);
export const INSTALL_HINT = `Browser suite skipped: Chromium is not installed at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)`;

/**
 * A browser suite. Without Chromium it is one test that says how to install
 * it, and that fails under CI=true: CI never passes by skipping the browser.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (!chromiumInstalled()) {
    describe(name, () => {
      it(process.env.CI === 'true' ? 'needs Chromium in CI' : 'is skipped without Chromium, saying how to install it', () => {
        if (process.env.CI === 'true') throw new Error(INSTALL_HINT.replace('skipped', 'cannot run in CI'));
        console.log(INSTALL_HINT);
        expect(chromiumInstalled()).toBe(false);
      });
    });
    return;
  }
  // One shared browser and server per suite; a loaded machine makes a page's answers slow, not wrong.
  jest.setTimeout(180_000);
  describe(name, suite);
}

export interface SharedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * One headless Chromium for the whole suite (Playwright gives it a fresh,
 * empty profile). The flags keep it from reaching out to Google's services,
 * which an isolated network refuses.
 */
export async function launchChromium(): Promise<SharedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, close: () => browser.close() };
}

/** axe-core's serious and critical violations on the page as it is now, named with their first target. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Everything the page reported as an error, including Content-Security-Policy refusals. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/** Retries `check` until it passes or `timeoutMs` ends, for what the page shows once an answer arrives. */
export async function eventually(check: () => Promise<void>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolveLater) => setTimeout(resolveLater, 100));
    }
  }
}
