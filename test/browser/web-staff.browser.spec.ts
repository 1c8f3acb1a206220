import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { runCli } from '../support/test-app';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { signingKey, TestOidcProvider } from '../support/oidc';
import { collectPageErrors, describeInBrowser, eventually, launchChromium, seriousAccessibilityViolations, type SharedBrowser } from '../support/browser';

/**
 * Compliance staff at work in the browser: every everyday command through its
 * form, against the built server on the demo, and single sign-on with a real
 * OpenID provider (oidc-provider in a child process) by the authorization
 * code flow with PKCE.
 */
const AUDIENCE = 'https://confiance.test/api';
/** UPDATE_SCREENSHOTS=1 also writes the screenshots README shows into docs/screenshots/. */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? resolve(__dirname, '../../docs/screenshots') : null;
const WEB_CLIENT = 'confiance-web';

describeInBrowser('staff forms and single sign-on in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-staff-'));
  let server: ServerProcess;
  let provider: TestOidcProvider;
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
  const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });
  const eventsOfType = async (type: string) => (await api(`/events?type=${type}&limit=500`)).body.items as { data: Record<string, unknown> }[];
  const signIn = async (role: 'auditor' | 'compliance') => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Token').fill(tokens[role]);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Certifications' }).waitFor();
  };
  const form = (name: string) => page.getByRole('form', { name, exact: true });
  // On failure, what the page says (a refusal of the service shows there).
  const saying = async (error: Error) => {
    throw new Error(`${error.message}\n${await page.locator('main').innerText()}`);
  };
  const recorded = (name: string) => form(name).getByText(/Recorded at log position \d+/).waitFor().catch(saying);
  const shows = (testId: string, text: string | RegExp) => eventually(async () => expect(`${await page.getByTestId(testId).textContent()}`).toMatch(text)).catch(saying);
  const expectAccessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);
  const screenshot = async (name: string) => {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
  };
  const openArea = (area: string) => page.getByRole('navigation', { name: 'Record' }).getByRole('link', { name: area, exact: true }).click();

  beforeAll(async () => {
    expect((await runCli(dataDir, ['demo'])).code).toBe(0);
    tokens.auditor = await token('auditor', 'paul.passi');
    tokens.compliance = await token('compliance', 'claire.compliance');
    provider = await TestOidcProvider.start({
      keys: [signingKey('web')],
      audiences: [AUDIENCE],
      clients: {},
      accessTokenTtl: 120,
      webClient: { clientId: WEB_CLIENT, users: { 'camille.sso': 'compliance' } },
    });
    const env = { OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_WEB_CLIENT_ID: WEB_CLIENT };
    [server, shared] = await Promise.all([startServerProcess(dataDir, env), launchChromium()]);
    await provider.allowRedirect(`${server.url}/`);
  });
  afterAll(async () => {
    await shared?.close();
    await server?.kill('SIGTERM');
    await provider?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    context = await shared.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterEach(async () => {
    await context.close();
    expect(errors).toEqual([]);
  });

  it('lets staff plan, start and complete an audit, and raise, remediate and close a finding on it, each through its form', async () => {
    await signIn('compliance');
    await page.getByRole('link', { name: 'Record', exact: true }).click();
    const plan = form('Plan an audit');
    await plan.getByLabel('Auditor', { exact: true }).fill('olivia.evaluator');
    await plan.getByLabel('Kind').selectOption('surveillance');
    await plan.getByLabel('Planned start').fill('2026-12-01');
    await plan.getByLabel('Planned end').fill('2026-12-04');
    await expectAccessible();
    await plan.getByRole('button', { name: 'Plan the audit' }).click();
    await recorded('Plan an audit');
    const audit = (await api('/audits?certificationId=scn-demo&limit=500')).body.items.find((a: { auditor: string }) => a.auditor === 'olivia.evaluator');
    await page.getByLabel('Audit', { exact: true }).selectOption(audit.auditId);
    await shows('audit-status', 'Status: planned; verdict: —');
    await form('Start the audit').getByRole('button', { name: 'Record the start' }).click();
    await shows('audit-status', 'Status: in_progress; verdict: —');
    await expectAccessible();
    await screenshot('record-audit');

    await openArea('Findings');
    await page.getByLabel('Audit', { exact: true }).selectOption(audit.auditId);
    const raise = form('New finding on this audit');
    await raise.getByLabel('Severity').selectOption('major');
    await raise.getByLabel('Requirement reference').fill('5.2.a');
    await raise.getByLabel('Title').fill('Restore tests of backups are not recorded');
    await raise.getByLabel('Due on').fill('2027-01-31');
    await raise.getByRole('button', { name: 'Raise the finding' }).click();
    await recorded('New finding on this audit');
    const finding = (await api('/findings?certificationId=scn-demo&limit=500')).body.items.find((f: { title: string }) => f.title === 'Restore tests of backups are not recorded');
    await eventually(async () => expect(await page.getByLabel('Finding', { exact: true }).locator('option').allTextContents()).toContain('Restore tests of backups are not recorded — major (open)'));
    await page.getByLabel('Finding', { exact: true }).selectOption(finding.findingId);
    await shows('finding-status', 'Status: open; remediations: 0');
    await form('Record a remediation').getByLabel('Action taken').fill('Quarterly restore tests scheduled and the first one recorded');
    await form('Record a remediation').getByRole('button', { name: 'Record the remediation' }).click();
    await shows('finding-status', 'Status: remediated; remediations: 1');
    await form('Close the finding').getByLabel('Justification').fill('Restore test report reviewed');
    await expectAccessible();
    await form('Close the finding').getByRole('button', { name: 'Record the closure' }).click();
    await shows('finding-status', 'Status: closed; remediations: 1');

    await openArea('Audits');
    await page.getByLabel('Audit', { exact: true }).selectOption(audit.auditId);
    await form('Complete the audit').getByLabel('Verdict').selectOption('conditional');
    await form('Complete the audit').getByRole('button', { name: 'Record the completion' }).click();
    await shows('audit-status', 'Status: completed; verdict: conditional');
    await page.getByRole('link', { name: 'Audits and findings' }).click();
    await page.getByRole('row', { name: /olivia\.evaluator.*completed.*conditional/ }).waitFor();
  });

  it('lets staff open an incident, record its notifications with their reference, review a change, deploy it and record a milestone', async () => {
    const change = await post('/changes', { source: 'Hyperscaler upstream', release: 'Object storage 2.14', description: 'New lifecycle rules', receivedAt: '2026-11-02T10:00:00Z' });
    expect(change.status).toBe(201);
    await signIn('compliance');
    await page.goto(`${server.url}/#/record/incidents`);
    const open = form('Open an incident');
    await open.getByLabel('Title').fill('Tenant logs exposed to a support engineer');
    await open.getByLabel('Severity').selectOption('high');
    await open.getByLabel('Personal data involved').check();
    await expectAccessible();
    await open.getByRole('button', { name: 'Open the incident' }).click();
    await recorded('Open an incident');
    const incident = (await api('/incidents?limit=500')).body.items.find((i: { title: string }) => i.title === 'Tenant logs exposed to a support engineer');
    await page.getByLabel('Incident', { exact: true }).selectOption(incident.incidentId);
    const notify = form('Record a notification');
    await notify.getByLabel('Recipient', { exact: true }).selectOption('CNIL');
    await notify.getByLabel('Kind').selectOption('notification');
    await notify.getByLabel("Recipient's reference").fill('CNIL-2026-0042');
    await notify.getByRole('button', { name: 'Record the notification' }).click();
    await shows('incident-notifications', /CNIL — notification — .* — CNIL-2026-0042/);
    await expectAccessible();

    await openArea('Changes');
    await page.getByLabel('Change', { exact: true }).selectOption(change.body.id);
    await shows('change-status', 'Status: received; decision: —; risk: —; deployments: 0');
    const review = form('Review the change');
    await review.getByLabel('Decision').selectOption('approved');
    await review.getByLabel('Risk').selectOption('medium');
    await review.getByLabel('Notes').fill('Lifecycle rules cannot move data out of the region');
    await review.getByRole('button', { name: 'Record the review' }).click();
    await shows('change-status', 'Status: approved; decision: approved; risk: medium; deployments: 0');
    await form('Record a deployment').getByRole('button', { name: 'Record the deployment' }).click();
    await shows('change-status', /^Status: deployed; .*deployments: 1$/);
    await expectAccessible();

    await openArea('Milestones');
    const milestone = form('Record a milestone');
    await milestone.getByLabel('Title').fill('Surveillance audit booked with the evaluation centre');
    await milestone.getByLabel('Planned for').fill('2027-03-01');
    await expectAccessible();
    // A double click sends the same Idempotency-Key twice: the milestone is recorded once.
    await milestone.getByRole('button', { name: 'Record the milestone' }).dblclick();
    await page.getByTestId('milestones').getByText('2027-03-01 — Surveillance audit booked with the evaluation centre (operational, planned)').waitFor();
    const same = (await eventsOfType('MilestoneRecorded')).filter((e) => e.data.title === 'Surveillance audit booked with the evaluation centre');
    expect(same).toHaveLength(1);
  });

  it('shows the server validation error beside its field, and records nothing', async () => {
    const before = (await eventsOfType('IncidentDetected')).length;
    await signIn('compliance');
    await page.goto(`${server.url}/#/record/incidents`);
    await form('Open an incident').getByRole('button', { name: 'Open the incident' }).click();
    const title = form('Open an incident').getByLabel('Title');
    await eventually(async () => expect(await title.getAttribute('aria-invalid')).toBe('true'));
    expect(await page.locator(`#${await title.getAttribute('aria-describedby')}`).textContent()).toContain('title must not be blank');
    await expectAccessible();
    await page.goto(`${server.url}/#/record/audits`);
    const plan = form('Plan an audit');
    await plan.getByLabel('Auditor', { exact: true }).fill('olivia.evaluator');
    await plan.getByLabel('Planned start').fill('2027-02-10');
    await plan.getByLabel('Planned end').fill('2027-02-01');
    await plan.getByRole('button', { name: 'Plan the audit' }).click();
    await plan.locator('#plan-audit-plannedEnd-error', { hasText: 'cannot be before plannedStart (2027-02-10)' }).waitFor();
    expect(await plan.getByLabel('Planned end').getAttribute('aria-invalid')).toBe('true');
    expect((await eventsOfType('IncidentDetected')).length).toBe(before);
  });

  it('explains a concurrent edit on a stale form, keeps the entries, and records after a reload', async () => {
    const planned = await post('/audits', { certificationId: 'scn-demo', kind: 'internal', auditor: 'ines.internal', plannedStart: '2027-01-10', plannedEnd: '2027-01-12' });
    expect((await post(`/audits/${planned.body.id}/start`, { on: new Date().toISOString().slice(0, 10) })).status).toBe(201);
    await signIn('compliance');
    await page.goto(`${server.url}/#/record/audits`);
    await page.getByLabel('Audit', { exact: true }).selectOption(planned.body.id);
    const complete = form('Complete the audit');
    await complete.getByLabel('Verdict').selectOption('conditional');
    // A colleague raises a finding on the same audit after the form was loaded.
    expect((await post(`/audits/${planned.body.id}/findings`, { severity: 'observation', requirement: '9.2.a', title: 'Access reviews are late', dueOn: '2027-02-28' })).status).toBe(201);
    await complete.getByRole('button', { name: 'Record the completion' }).click();
    await complete.getByText('Someone else recorded on this after you opened the form').waitFor();
    await screenshot('stale-form');
    expect((await api(`/audits/${planned.body.id}`)).body.status).toBe('in_progress');
    await complete.getByRole('button', { name: 'Reload, keeping my entries' }).click();
    expect(await complete.getByLabel('Verdict').inputValue()).toBe('conditional');
    await complete.getByRole('button', { name: 'Record the completion' }).click();
    await shows('audit-status', 'Status: completed; verdict: conditional');
  });

  it('shows auditors no forms: no Record link, none on a requirement, and a notice on the forms page', async () => {
    await signIn('auditor');
    await page.getByRole('link', { name: 'Incidents', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Record', exact: true }).count()).toBe(0);
    await page.goto(`${server.url}/#/certifications/scn-demo/requirements/5.1.a`);
    await page.getByTestId('requirement-status').waitFor();
    expect(await page.getByRole('form').count()).toBe(1); // the time control only
    await page.goto(`${server.url}/#/record/audits`);
    await page.getByText('Only compliance staff and administrators record; your role reads.').waitFor();
    expect(await page.getByRole('form', { name: 'Plan an audit' }).count()).toBe(0);
  });

  it('sends the business date to the API: a past date shows the incident as it stood then', async () => {
    await signIn('auditor');
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    const demo = page.getByRole('row', { name: /Support export sent to the wrong customer tenant/ });
    await eventually(async () => expect(await demo.textContent()).toContain('resolved'));
    await page.getByLabel('Business date').fill('2024-03-13');
    await page.getByRole('button', { name: 'Apply' }).click();
    await eventually(async () => expect(await demo.textContent()).toContain('contained'));
    expect(page.url()).toContain('validAt=2024-03-13');
    await page.getByLabel('Business date').fill('2024-03-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Nothing to show.').waitFor();
  });

  it('signs staff in with single sign-on (authorization code with PKCE), records as them, and ends the session when the token expires', async () => {
    await context.clock.install();
    await page.goto(`${server.url}/#/timeline`);
    await page.getByRole('button', { name: 'Sign in with single sign-on' }).waitFor();
    await expectAccessible();
    await screenshot('sign-in-sso');
    const [authorization] = await Promise.all([
      page.waitForRequest((r) => r.url().startsWith(`${provider.issuer}/auth`)),
      page.getByRole('button', { name: 'Sign in with single sign-on' }).click(),
    ]);
    const asked = new URL(authorization.url()).searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked.get('client_id')).toBe(WEB_CLIENT);
    await page.getByLabel('Login').fill('camille.sso');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Partnership timeline' }).waitFor();
    // The code left the address bar; the page asked for is back.
    expect(page.url()).toBe(`${server.url}/#/timeline`);
    expect(await page.evaluate('localStorage.length + document.cookie.length')).toBe(0);

    await page.getByRole('link', { name: 'Record', exact: true }).click();
    await page.getByRole('link', { name: 'Milestones', exact: true }).click();
    await form('Record a milestone').getByLabel('Title').fill('Single sign-on rolled out to compliance staff');
    await form('Record a milestone').getByLabel('Occurred on').fill('2026-11-02');
    await form('Record a milestone').getByRole('button', { name: 'Record the milestone' }).click();
    await recorded('Record a milestone');
    const [event] = (await api('/events?type=MilestoneRecorded&limit=500')).body.items.filter((e: { data: { title: string } }) => e.data.title === 'Single sign-on rolled out to compliance staff');
    expect(event.metadata.actor).toBe('camille.sso');

    await page.clock.fastForward('02:05');
    await page.getByLabel('Token').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });
});
