// Guards ID-1 in the UI: an administrator creates a user with a one-time set-password link, the user sets their
// password from it signed out and signs in; deactivating them signs their open session out on its next request. Both
// screens work at 1280×800 and at 390×844, by keyboard, without console errors or horizontal page scrolling.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../helpers/harness.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { createAppAdmin } from './fixtures.js';

const suite = browserSuite();

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** A page of a fresh context with its uncaught errors and console errors collected. */
async function openPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  const console: string[] = [];
  // A 401 is how the app learns it is signed out (the session probe on load, a session ended elsewhere): expected.
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401/.test(message.text())) console.push(message.text());
  });
  return { context, page, errors, console };
}

/** Nothing in `scope` (the whole page, or an open dialog) reaches past the window's right edge: no sideways scrolling. */
async function assertFits(page: Page, scope: string, what: string) {
  const wide = await page.evaluate((selector) => {
    const out: string[] = [];
    for (const root of Array.from(document.querySelectorAll(selector)))
      for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
        const right = el.getBoundingClientRect().right;
        if (right > window.innerWidth + 0.5) out.push(`${el.tagName}.${el.className} ends at ${Math.round(right)}px`);
      }
    return out;
  }, scope);
  assert.deepEqual(wide, [], `${what}: wider than the window`);
}

const PAGE = 'body';
const DIALOG = 'dialog[open]';

test('ID-1: an administrator creates a user with a set-password link (keyboard only); the user sets the password from the link, signed out, and signs in', async () => {
  const { db } = suite.server;
  const admin = await createAppAdmin(db);
  await createUser(db, { login: 'existing.person' });

  const a = await openPage(suite.browser, DESKTOP);
  await a.page.goto(suite.server.url);
  await signInThroughForm(a.page, admin.login, admin.password);
  await a.page.goto(`${suite.server.url}/#/admin/users`);
  await a.page.getByRole('row', { name: /existing\.person/ }).waitFor();

  // Searching narrows the list; a search matching nobody says what to do next.
  const search = a.page.getByLabel('Search users');
  await search.fill('nobody-by-this-name');
  await a.page.getByText(/No user's login or name contains “nobody-by-this-name”/).waitFor();
  await search.fill('');
  await a.page.getByRole('row', { name: /existing\.person/ }).waitFor();

  await a.page.getByRole('button', { name: 'New user' }).focus();
  await a.page.keyboard.press('Enter');
  const dialog = a.page.getByRole('dialog', { name: 'New user' });
  await dialog.waitFor();
  assert.equal(
    await dialog.getByLabel(/System administrator/).count(),
    0,
    'the flag is offered to system administrators only',
  );
  assert.equal(await dialog.getByLabel('Send a one-time set-password link').isChecked(), true);
  await a.page.keyboard.type('new.hire');
  await a.page.keyboard.press('Tab');
  await a.page.keyboard.type('New Hire');
  await a.page.keyboard.press('Tab');
  await a.page.keyboard.type('new.hire@example.test');
  await a.page.keyboard.press('Enter');

  const created = a.page.getByRole('dialog', { name: 'User new.hire created' });
  const field = created.getByRole('textbox', { name: 'Set-password link' });
  await field.waitFor();
  const url = await field.inputValue();
  assert.match(url, new RegExp(`^${suite.server.url}/#/set-password/twl_[\\w-]+$`));
  await created.getByRole('button', { name: 'Copy link' }).waitFor();
  await screenshot(a.page, 'users-admin-link');
  await assertFits(a.page, PAGE, 'users at 1280');
  await created.getByRole('button', { name: 'Close' }).press('Enter');
  await a.page.getByRole('row', { name: /New Hire/ }).waitFor();
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('login', '=', 'new.hire')
    .executeTakeFirstOrThrow();
  assert.equal(user.password_hash, null, 'no password until the link is used');

  // The user opens the link on a phone, signed out, and sets the password with the keyboard.
  const u = await openPage(suite.browser, PHONE);
  await u.page.goto(url);
  await u.page.getByRole('heading', { name: 'Set your password' }).waitFor();
  await assertFits(u.page, 'body', 'set password at 390');
  await u.page.getByLabel('New password', { exact: true }).fill('correct horse battery');
  await u.page.getByLabel('Repeat the new password').fill('correct horse batterie');
  await u.page.keyboard.press('Enter');
  await u.page.getByText('The two passwords differ').waitFor();
  await u.page.getByLabel('Repeat the new password').fill('correct horse battery');
  await u.page.keyboard.press('Enter');
  await u.page.getByRole('heading', { name: 'Your password is set' }).waitFor();
  await screenshot(u.page, 'users-set-password-done');
  await u.page.getByRole('link', { name: 'Sign in' }).click();
  await signInThroughForm(u.page, 'new.hire', 'correct horse battery');

  // The link is used up: opening it again says so, and writes nothing.
  const again = await openPage(suite.browser, PHONE);
  await again.page.goto(url);
  await again.page.getByLabel('New password', { exact: true }).fill('another long password');
  await again.page.getByLabel('Repeat the new password').fill('another long password');
  await again.page.getByRole('button', { name: 'Set password' }).click();
  await again.page
    .getByRole('alert')
    .getByText(/used already/)
    .waitFor();

  assert.deepEqual([...a.errors, ...u.errors, ...again.errors].map(String), []);
  assert.deepEqual([...a.console, ...u.console], []);
  assert.ok(
    again.console.every((text) => /status of 410/.test(text)),
    `only the refused link's 410: ${again.console.join('; ')}`,
  );
  await Promise.all([a.context.close(), u.context.close(), again.context.close()]);
});

test('ID-1: deactivating a user signs their open session out on its next request; reactivation lets them sign in again (at 390×844)', async () => {
  const { db } = suite.server;
  const admin = await createAppAdmin(db);
  const member = await createUser(db, { login: 'leaving.soon' });

  const u = await openPage(suite.browser, DESKTOP);
  await u.page.goto(suite.server.url);
  await signInThroughForm(u.page, member.login, member.password);

  const a = await openPage(suite.browser, PHONE);
  await a.page.goto(suite.server.url);
  await signInThroughForm(a.page, admin.login, admin.password);
  await a.page.goto(`${suite.server.url}/#/admin/users`);
  await a.page.getByLabel('Search users').fill('leaving');
  const row = a.page.getByRole('row', { name: /leaving\.soon/ });
  await row.getByRole('button', { name: /^Deactivate / }).click();
  const dialog = a.page.getByRole('dialog', { name: /^Deactivate / });
  await dialog.getByText(/signed out at once/).waitFor();
  await assertFits(a.page, DIALOG, 'deactivation at 390');
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await dialog.waitFor({ state: 'detached' });
  await row.getByText('Deactivated').waitFor();
  await assertFits(a.page, PAGE, 'users at 390');
  await screenshot(a.page, 'users-admin-phone');

  // The user's very next request answers 401 and the app shows the sign-in form.
  // The user's next request: opening another page of the app (a hash change, no reload).
  await u.page.goto(`${suite.server.url}/#/my-worklogs`);
  await u.page.getByRole('heading', { name: 'Sign in to Timeward' }).waitFor();
  assert.equal((await db.selectFrom('sessions').select('id').where('user_id', '=', member.id).execute()).length, 0);

  await row.getByRole('button', { name: /^Reactivate / }).click();
  await row.getByText('Active', { exact: true }).waitFor();
  await signInThroughForm(u.page, member.login, member.password);

  assert.deepEqual([...a.errors, ...u.errors].map(String), []);
  assert.deepEqual([...a.console, ...u.console], []);

  await Promise.all([a.context.close(), u.context.close()]);
});

test('ID-1: an administrator resets a password with a new link, which replaces the older one', async () => {
  const { db } = suite.server;
  const admin = await createAppAdmin(db);
  await createUser(db, { login: 'forgetful' });

  const a = await openPage(suite.browser, DESKTOP);
  await a.page.goto(suite.server.url);
  await signInThroughForm(a.page, admin.login, admin.password);
  await a.page.goto(`${suite.server.url}/#/admin/users`);
  const row = a.page.getByRole('row', { name: /forgetful/ });
  const links: string[] = [];
  for (let i = 0; i < 2; i++) {
    await row.getByRole('button', { name: /^Reset password of / }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Reset password of forgetful' });
    await dialog.getByRole('button', { name: 'Create link' }).click();
    links.push(await dialog.getByRole('textbox', { name: 'Set-password link' }).inputValue());
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  assert.notEqual(links[0], links[1]);

  const u = await openPage(suite.browser, PHONE);
  await u.page.goto(links[0]);
  await u.page.getByLabel('New password', { exact: true }).fill('a fresh long password');
  await u.page.getByLabel('Repeat the new password').fill('a fresh long password');
  await u.page.getByRole('button', { name: 'Set password' }).click();
  await u.page
    .getByRole('alert')
    .getByText(/newer link replaced it/)
    .waitFor();
  assert.deepEqual([...a.errors, ...u.errors].map(String), []);
  assert.deepEqual(
    [...a.console, ...u.console].filter((text) => !/status of 404/.test(text)),
    [],
  );
  await Promise.all([a.context.close(), u.context.close()]);
});
