// Guards APP-2 in the browser: the header links exactly the areas /api/me opens, and the Administration area is unreachable, by link or by address, without app_admin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../helpers/harness.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { createAppAdmin } from './fixtures.js';

const suite = browserSuite();

test('APP-2: a user without app_admin has no Administration link, and #/admin shows Not found; an app admin has both', async () => {
  const { db } = suite.server;
  const plain = await createUser(db);
  const admin = await createAppAdmin(db);

  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 750 } });
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);
  await page.goto(suite.server.url);
  await signInThroughForm(page, plain.login, plain.password);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Projects' }).waitFor();
  const areas: string[] = await page.evaluate(async () => (await (await fetch('/api/me')).json()).areas);
  assert.ok(!areas.includes('Administration'), 'the suite.server opens no Administration area to this user');
  assert.equal(await nav.getByRole('link', { name: 'Administration' }).count(), 0);
  assert.equal(await nav.getByRole('link', { name: 'My work logs' }).count(), areas.includes('Timesheet') ? 1 : 0);

  await page.goto(`${suite.server.url}/#/admin/roles`);
  await page.getByRole('heading', { name: 'Not found' }).waitFor();
  assert.equal(await page.getByRole('tab', { name: 'App roles' }).count(), 0);
  // The area is closed on the suite.server too (APP-2): the screen would have nothing to show.
  const status = await page.evaluate(async () => (await fetch('/api/app-roles')).status);
  assert.equal(status, 403);
  await screenshot(page, 'admin-area-plain-user');
  await context.close();

  const adminContext = await suite.browser.newContext({ viewport: { width: 1100, height: 1100 } });
  const adminPage = await adminContext.newPage();
  const adminErrors = watchPageErrors(adminPage);
  await adminPage.goto(suite.server.url);
  await signInThroughForm(adminPage, admin.login, admin.password);
  await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
  await adminPage.getByRole('tab', { name: 'App roles' }).click();
  const appAdminRow = adminPage.getByRole('row', { name: /^app_admin/ });
  await appAdminRow.waitFor();
  const rowText = await appAdminRow.textContent();
  assert.match(rowText ?? '', /Group\s+administrators/, 'app_admin is held by the group administrators (APP-1)');
  assert.match(rowText ?? '', /Administration/);
  await screenshot(adminPage, 'admin-area-app-roles');

  assert.deepEqual(pageErrors, []);
  assert.deepEqual(adminErrors, []);
  await adminContext.close();
});
