// The set-up of an organisation through the web UI alone (API-6, ID-1, ID-2, PRJ-3): on a database with no users,
// the first administrator is created, then a project, two users, a group holding both, the group's grants on the
// project and an item tree; one of the users signs in and logs work. Deactivating that user signs them out on their
// next request. The test drives the browser only: it makes no API call and writes nothing to the database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../helpers/harness.js';
import { closeBrowser, ensureWebBuilt, launchBrowser, screenshot, watchPageErrors } from './browser.js';

const ADMIN_PASSWORD = 'founding administrator pass';
const USER_PASSWORD = 'a long enough password';
const VIEWPORT = { width: 1280, height: 800 };

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
before(async () => {
  await ensureWebBuilt();
  server = await startTestServer('pglite');
  browser = await launchBrowser();
});
after(async () => {
  await closeBrowser(browser);
  await server?.close();
});

/** A page that collects uncaught errors and console errors but the browser's notes of expected refusals. */
async function openPage() {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors: unknown[] = watchPageErrors(page);
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  await page.goto(server.url);
  return { context, page, errors };
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

async function createUser(page: Page, login: string, name: string) {
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('Login').fill(login);
  await dialog.getByLabel('Display name').fill(name);
  await dialog.getByLabel('Email').fill(`${login}@example.test`);
  await dialog.getByLabel('Set an initial password').check();
  await dialog.getByLabel('New password').fill(USER_PASSWORD);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('row', { name: new RegExp(name) }).waitFor();
  // Whatever the dialog shows after creating, it closes.
  const created = page.getByRole('dialog', { name: `User ${login} created` });
  if (await created.count()) await created.getByRole('button', { name: 'Close' }).click();
}

async function grantToGroup(page: Page, permission: string, group: string) {
  await page.getByRole('button', { name: 'Add a grant', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a grant' });
  await dialog.getByLabel('Permission', { exact: true }).selectOption(permission);
  await dialog.getByLabel('Find group').fill(group);
  await dialog
    .getByRole('combobox', { name: 'Group', exact: true })
    .getByRole('option', { name: group })
    .waitFor({ state: 'attached' });
  await dialog.getByRole('combobox', { name: 'Group', exact: true }).selectOption({ label: group });
  await dialog.getByRole('button', { name: 'Preview', exact: true }).click();
  await dialog.getByRole('region', { name: 'Preview of changes' }).waitFor();
  await dialog.getByRole('button', { name: 'Grant', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Granted ${permission}.` })
    .waitFor();
}

test('API-6 ID-1 ID-2 PRJ-3: an organisation is set up in the browser alone, from the first administrator to a logged work log; deactivation signs the user out', async () => {
  const admin = await openPage();
  const { page } = admin;

  // First start: the first administrator, who lands signed in.
  const setup = page.getByRole('form', { name: 'Create the first administrator' });
  await setup.getByLabel('Login').fill('founder');
  await setup.getByLabel('Display name').fill('Fran Founder');
  await setup.getByLabel('Email').fill('fran@example.test');
  await setup.getByLabel('Password (at least 10 characters)').fill(ADMIN_PASSWORD);
  await setup.getByLabel('Repeat the password').fill(ADMIN_PASSWORD);
  await setup.getByRole('button', { name: 'Create administrator and sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();

  // A project, with the team check off so work is logged without teams.
  await page.getByRole('button', { name: 'New project' }).first().click();
  const newProject = page.getByRole('dialog', { name: 'New project' });
  await newProject.getByLabel('Key').fill('WEB');
  await newProject.getByLabel('Name').fill('Website');
  await newProject.getByLabel('Team & price-list check').selectOption('disabled');
  await newProject.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('heading', { level: 1, name: /Website/ }).waitFor();

  // Two users and a group holding both.
  await nav(page, 'Administration');
  await page.getByRole('tab', { name: 'Users' }).click();
  await createUser(page, 'ann', 'Ann Analyst');
  await createUser(page, 'bob', 'Bob Builder');
  await page.getByRole('tab', { name: 'Groups' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Web crew');
  await page.keyboard.press('Enter');
  const groupRow = page.getByRole('row', { name: /^Web crew/ });
  await groupRow.waitFor();
  await groupRow.getByRole('button', { name: 'Members of Web crew' }).click();
  const members = page.getByRole('dialog', { name: 'Members of Web crew' });
  for (const login of ['ann', 'bob']) {
    await members.getByLabel('Find user').fill(login);
    const option = members.getByRole('combobox', { name: 'User' }).getByRole('option', { name: new RegExp(login) });
    await option.waitFor({ state: 'attached' });
    await members.getByRole('combobox', { name: 'User' }).selectOption({ label: (await option.textContent()) ?? '' });
    await members.getByRole('button', { name: 'Add to group' }).click();
    await members.getByRole('row', { name: new RegExp(login) }).waitFor();
  }
  await members.getByRole('button', { name: 'Close' }).click();
  await groupRow.getByRole('cell', { name: '2', exact: true }).waitFor();

  // The group may browse the project and work on its items.
  await nav(page, 'Projects');
  await page.getByRole('link', { name: /Website/ }).click();
  await page.getByRole('tab', { name: 'Permissions' }).click();
  await grantToGroup(page, 'BROWSE_PROJECT', 'Web crew');
  await grantToGroup(page, 'WORK_ON_ISSUES', 'Web crew');

  // An item tree: a top-level item and a child.
  await page.getByRole('tab', { name: 'Work items' }).click();
  await page.getByRole('button', { name: 'Create the first item' }).click();
  const firstItem = page.getByRole('dialog');
  await firstItem.getByLabel('Title').fill('Homepage');
  await firstItem.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('link', { name: /WEB-1 Homepage/ }).click();
  await page.getByRole('button', { name: 'New child item' }).click();
  const child = page.getByRole('dialog');
  await child.getByLabel('Title').fill('Hero banner');
  await child.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('link', { name: /WEB-2/ }).first().waitFor();
  await screenshot(page, 'organisation-setup-admin');

  // Ann signs in and logs work on the child item.
  const ann = await openPage();
  await ann.page.getByLabel('Login').fill('ann');
  await ann.page.getByLabel('Password').fill(USER_PASSWORD);
  await ann.page.getByRole('button', { name: 'Sign in' }).click();
  await ann.page.getByRole('link', { name: /Website/ }).click();
  await ann.page.getByRole('button', { name: 'Expand WEB-1' }).click();
  await ann.page.getByRole('link', { name: /WEB-2 Hero banner/ }).click();
  await ann.page.getByRole('button', { name: 'Log work' }).click();
  const logWork = ann.page.getByRole('dialog');
  await logWork.getByLabel('Duration').fill('1h 30m');
  await logWork.getByLabel('Description').fill('Drafted the banner');
  await logWork.getByRole('button', { name: 'Save' }).click();
  await ann.page
    .getByRole('tabpanel')
    .getByRole('row', { name: /Drafted the banner/ })
    .waitFor();
  await screenshot(ann.page, 'organisation-setup-ann');

  // The administrator deactivates Ann; her next request finds her signed out.
  await nav(page, 'Administration');
  await page.getByRole('tab', { name: 'Users' }).click();
  await page
    .getByRole('row', { name: /Ann Analyst/ })
    .getByRole('button', { name: /^Deactivate / })
    .click();
  await page
    .getByRole('dialog', { name: /^Deactivate / })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  await page
    .getByRole('row', { name: /Ann Analyst/ })
    .getByRole('button', { name: /^Reactivate / })
    .waitFor();

  await nav(ann.page, 'My work logs');
  await ann.page.getByRole('button', { name: 'Sign in' }).waitFor();
  assert.equal(await ann.page.getByRole('button', { name: 'Sign out' }).count(), 0, 'Ann is signed out');

  assert.deepEqual(admin.errors, []);
  assert.deepEqual(ann.errors, []);
  await ann.context.close();
  await admin.context.close();
});
