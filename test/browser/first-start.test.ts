// Guards the first start without demo data in the browser (ID-1, ID-3): on a database with no users the web UI offers
// "Create the first administrator" instead of the sign-in form; filled in by keyboard it creates a system
// administrator and lands signed in; afterwards everyone gets the sign-in form. At 1280×800 and 390×844, without
// horizontal scrolling or console errors.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../helpers/harness.js';
import { closeBrowser, ensureWebBuilt, launchBrowser, screenshot, watchPageErrors } from './browser.js';

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const PASSWORD = 'first administrator passphrase';

let browser: Browser | undefined;
const servers: Array<Awaited<ReturnType<typeof startTestServer>>> = [];
after(async () => {
  await closeBrowser(browser);
  await Promise.all(servers.map((s) => s.close()));
});

/** A server on a fresh database with no users (the test harness seeds no demo), and Chromium. */
async function emptyInstallation() {
  await ensureWebBuilt();
  browser ??= await launchBrowser();
  const server = await startTestServer('pglite');
  servers.push(server);
  return server;
}

/** A page collecting uncaught errors and console errors, but for the browser's notes of expected HTTP refusals. */
async function openPage(size: (typeof SIZES)[number], url: string) {
  const context = await browser!.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  const errors: unknown[] = watchPageErrors(page);
  page.on('console', (message) => {
    // The signed-out session probe answers 401, and a refused setup 409: the browser logs both as failed loads.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  await page.goto(url);
  return { context, page, errors };
}

const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** Types into the focused field, then Tabs to the next, as a keyboard user would. */
async function typeFields(page: Page, values: string[]) {
  for (const value of values) {
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
}

for (const size of SIZES)
  test(`ID-1/ID-3: on a database with no users the first administrator is created by keyboard and lands signed in (${size.width}×${size.height})`, async () => {
    const server = await emptyInstallation();
    const { context, page, errors } = await openPage(size, server.url);
    const form = page.getByRole('form', { name: 'Create the first administrator' });
    await form.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign in', exact: true }).count(), 0, 'no sign-in form yet');
    assert.ok(await noHorizontalScroll(page), 'the form fits the width');
    await screenshot(page, `first-start-${size.name}`);

    // The login field has the focus; everything is typed and submitted from the keyboard.
    assert.ok(await page.getByLabel('Login').evaluate((el) => el === document.activeElement));
    await typeFields(page, ['founder', 'Fran Founder', 'fran@example.test', PASSWORD, 'a different one']);
    await page.keyboard.press('Enter');
    const repeat = page.getByLabel('Repeat the password');
    await page.getByText('The two passwords differ').waitFor();
    assert.equal(await repeat.getAttribute('aria-invalid'), 'true', 'the mismatch shows at its field');
    assert.equal(await server.db.selectFrom('users').select('id').executeTakeFirst(), undefined, 'nothing written');

    await repeat.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const header = page.getByRole('banner');
    await header.getByRole('link', { name: 'Fran Founder' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).waitFor();
    const user = await server.db.selectFrom('users').select(['login', 'system_admin']).executeTakeFirstOrThrow();
    assert.deepEqual(user, { login: 'founder', system_admin: true });
    await screenshot(page, `first-start-signed-in-${size.name}`);

    // Everyone else — and the administrator after signing out — now gets the sign-in form.
    const other = await openPage(size, server.url);
    await other.page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    assert.equal(await other.page.getByRole('form', { name: 'Create the first administrator' }).count(), 0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();

    assert.deepEqual(errors, []);
    assert.deepEqual(other.errors, []);
    await other.context.close();
    await context.close();
  });

test('ID-1: a setup form left open while someone else creates the first administrator says so and leads to sign-in', async () => {
  const server = await emptyInstallation();
  const size = SIZES[0];
  const first = await openPage(size, server.url);
  const late = await openPage(size, server.url);
  for (const { page } of [first, late])
    await page.getByRole('form', { name: 'Create the first administrator' }).waitFor();

  const fill = async (page: Page, login: string) => {
    await typeFields(page, [login, `Admin ${login}`, `${login}@example.test`, PASSWORD, PASSWORD]);
    await page.keyboard.press('Enter');
  };
  await fill(first.page, 'quick');
  await first.page.getByRole('button', { name: 'Sign out' }).waitFor();
  await fill(late.page, 'slow');
  await late.page
    .getByRole('alert')
    .getByText(/set up already/)
    .waitFor();
  await late.page.getByRole('button', { name: 'Go to sign-in' }).focus();
  await late.page.keyboard.press('Enter');
  await late.page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();

  const logins = await server.db.selectFrom('users').select('login').execute();
  assert.deepEqual(logins, [{ login: 'quick' }]);
  assert.deepEqual(first.errors, []);
  assert.deepEqual(late.errors, []);
  await first.context.close();
  await late.context.close();
});
