// Guards ID-5 in the browser: the built UI and the API documentation run under the server's
// Content-Security-Policy without a single violation, screen by screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../src/seed/demo.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();

/** Collects CSP violations (the DOM event, from every document the page loads) and console errors. */
async function watchViolations(page: Page) {
  const violations: string[] = [];
  await page.exposeBinding('reportCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

test('ID-5: signed in, the main screens and the API documentation run with no CSP violation', async () => {
  const { users } = await seedDemo(suite.server.db);
  const admin = users.find((u) => u.login === 'admin')!;
  const context = await suite.browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  const violations = await watchViolations(page);

  const first = await page.goto(suite.server.url);
  assert.match(
    first?.headers()['content-security-policy'] ?? '',
    /frame-ancestors 'none'/,
    'the UI is served with the policy',
  );
  await signInThroughForm(page, admin.login, admin.password);

  const screens: Array<[string, string]> = [
    ['#/projects', 'Projects'],
    ['#/projects/ACME', 'ACME'],
    ['#/items/ACME-1', 'ACME-1'],
    ['#/my-worklogs', 'My work logs'],
    ['#/teams', 'Teams'],
    ['#/projects/ACME/teams', 'ACME'],
    ['#/admin/denies', 'Administration'],
    ['#/admin/roles', 'Administration'],
    ['#/admin/groups', 'Groups'],
    ['#/admin/check', 'Administration'],
    ['#/admin/access', 'Administration'],
  ];
  for (const [hash, text] of screens) {
    await page.goto(`${suite.server.url}/${hash}`);
    await page.getByRole('heading').filter({ hasText: text }).first().waitFor();
    await page.waitForLoadState('networkidle');
  }
  // A dialog of the item screen, which renders through a native <dialog>.
  await page.goto(`${suite.server.url}/#/items/ACME-1`);
  await page.getByRole('button', { name: 'Log work' }).click();
  await page.getByRole('dialog').waitFor();
  await screenshot(page, 'csp-item-dialog');

  // Swagger UI runs under its own policy: its page renders the API's title.
  const docs = await page.goto(`${suite.server.url}/api/docs`);
  assert.match(docs?.headers()['content-security-policy'] ?? '', /frame-ancestors 'none'/);
  await page.getByText('Timeward API').first().waitFor();
  await page.waitForLoadState('networkidle');

  assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
  assert.deepEqual(errors.map(String), []);
  await context.close();
});

test('ID-5: the policy is enforced — an inline script injected into the page is refused and reported', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  const violations = await watchViolations(page);
  await page.goto(suite.server.url);
  await page.getByLabel('Login').waitFor();
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    return (window as unknown as { injected?: boolean }).injected === true;
  });
  assert.equal(ran, false, 'the inline script did not run');
  await page.waitForFunction(() => true);
  assert.ok(
    violations.some((v) => /script-src/.test(v)),
    `the violation is reported: ${JSON.stringify(violations)}`,
  );
  await context.close();
});
