// Guards My account in the browser (ID-3): changing the password needs the current one (a wrong one shows at its
// field) and signs out the user's other browsers; a personal API token is shown once, with a copy button, and revoked
// after a confirmation; "Sign out of other sessions" ends a second browser's session and says how many ended. Each by
// keyboard, at 1280×800 and 390×844, without horizontal scrolling of the page's content or console errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createUser } from '../helpers/harness.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
type Size = (typeof SIZES)[number];
const NEW_PASSWORD = 'my brand new passphrase';

/** A browser signed in as the user, collecting uncaught errors and (once signed in) console errors. */
async function signedInBrowser(size: Size, user: { login: string; password: string }) {
  const context = await suite.browser.newContext({ viewport: { width: size.width, height: size.height } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const errors: unknown[] = watchPageErrors(page);
  await page.goto(suite.server.url);
  await signInThroughForm(page, user.login, user.password);
  page.on('console', (message) => {
    // A refused request (the wrong password's 400) is logged by the browser as a failed load; it is an answer.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  return { context, page, errors };
}

/** My account, reached as a keyboard user would: the user's name in the header. */
async function openAccount(page: Page) {
  await page.getByRole('banner').locator('a.user-name').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
}

/** Nothing of the page's content reaches past the right edge (the shared header is not this screen's). */
const contentFits = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('main.content *')].every(
      (el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth + 0.5,
    ),
  );

/** Focuses the button and presses Enter. */
async function press(page: Page, name: string, within = page.locator('body')) {
  await within.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

/** Whether a browser's session still works: a reload shows the signed-in header or the sign-in form. */
async function stillSignedIn(page: Page) {
  await page.reload();
  const signedIn = page.getByRole('button', { name: 'Sign out' });
  const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
  await signedIn.or(signIn).first().waitFor();
  return (await signedIn.count()) > 0;
}

for (const size of SIZES) {
  test(`ID-3: a password change needs the current password and signs out my other browsers (${size.width}×${size.height})`, async () => {
    const user = await createUser(suite.server.db);
    const other = await signedInBrowser(size, user);
    const { context, page, errors } = await signedInBrowser(size, user);
    await openAccount(page);
    assert.ok(await contentFits(page), 'the account page fits the width');
    await screenshot(page, `my-account-${size.name}`);

    const form = page.getByRole('region', { name: 'Password' });
    await form.getByLabel('Current password').focus();
    for (const value of ['not my password', NEW_PASSWORD, NEW_PASSWORD]) {
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await form.getByText('the current password is wrong').waitFor();
    assert.equal(await form.getByLabel('Current password').getAttribute('aria-invalid'), 'true');
    assert.equal(await stillSignedIn(other.page), true, 'a refused change ends nothing');

    await form.getByLabel('Current password').focus();
    await page.keyboard.type(user.password);
    await press(page, 'Change password', form);
    await form.getByRole('status').getByText('One other session was signed out.').waitFor();
    assert.equal(await stillSignedIn(other.page), false, 'the other browser is signed out');
    assert.equal(await stillSignedIn(page), true, 'this browser stays signed in');

    await press(page, 'Sign out');
    await signInThroughForm(page, user.login, NEW_PASSWORD);
    assert.deepEqual(errors, []);
    assert.deepEqual(other.errors, []);
    await other.context.close();
    await context.close();
  });

  test(`ID-3: a personal API token is shown once with a copy button, listed, and revoked (${size.width}×${size.height})`, async () => {
    const user = await createUser(suite.server.db);
    const { context, page, errors } = await signedInBrowser(size, user);
    await openAccount(page);
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await tokens.getByText('You have no API tokens.').waitFor();
    await press(page, 'Create a token', tokens);
    const name = tokens.getByLabel('Name (what the token is for)');
    assert.ok(await name.evaluate((el) => el === document.activeElement), 'the empty state leads to the name field');
    await page.keyboard.type('Nightly export');
    await page.keyboard.press('Enter');

    const shown = tokens.getByRole('region', { name: 'New API token' });
    const field = shown.getByLabel('New API token');
    await field.waitFor();
    const secret = await field.inputValue();
    assert.match(secret, /^tw_\S{20,}$/);
    await press(page, 'Copy token', shown);
    await shown
      .getByRole('status')
      .getByText(/Copied|Selected/)
      .waitFor();
    assert.ok(await contentFits(page), 'the new token fits the width');
    await screenshot(page, `my-account-token-${size.name}`);

    const authorized = async () =>
      (await fetch(`${suite.server.url}/api/me`, { headers: { authorization: `Bearer ${secret}` } })).status;
    assert.equal(await authorized(), 200, 'the token works');
    const row = tokens.getByRole('row', { name: /Nightly export/ });
    assert.match((await row.textContent()) ?? '', new RegExp(`${secret.slice(0, 8)}…`));
    await press(page, 'Done, hide it', shown);
    await shown.waitFor({ state: 'detached' });
    await page.reload();
    await tokens.getByRole('row', { name: /Nightly export/ }).waitFor();
    assert.ok(!(await page.content()).includes(secret), 'the token is never shown again');

    await tokens.getByRole('button', { name: 'Revoke token Nightly export' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Revoke token Nightly export' });
    await press(page, 'Revoke token', dialog);
    await dialog.waitFor({ state: 'detached' });
    await tokens.getByText('You have no API tokens.').waitFor();
    assert.ok(
      await tokens.getByRole('heading', { name: 'API tokens' }).evaluate((el) => el === document.activeElement),
      'focus returns to the token list',
    );
    assert.equal(await authorized(), 401, 'the revoked token stops working');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`ID-3: "Sign out of other sessions" ends a second browser's session and says how many (${size.width}×${size.height})`, async () => {
    const user = await createUser(suite.server.db);
    const second = await signedInBrowser(size, user);
    const { context, page, errors } = await signedInBrowser(size, user);
    await openAccount(page);
    const sessions = page.getByRole('region', { name: 'Sessions' });
    await press(page, 'Sign out of other sessions', sessions);
    await sessions.getByRole('status').getByText('One other session was signed out.').waitFor();
    assert.ok(await contentFits(page));
    assert.equal(await stillSignedIn(second.page), false, 'the second browser lost its session');
    assert.equal(await stillSignedIn(page), true, 'this one goes on');

    await openAccount(page);
    await press(page, 'Sign out of other sessions', sessions);
    await sessions.getByRole('status').getByText('You were signed in nowhere else.').waitFor();
    assert.deepEqual(errors, []);
    assert.deepEqual(second.errors, []);
    await second.context.close();
    await context.close();
  });
}
