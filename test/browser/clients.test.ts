// Guards FLOW-6 and APP-4 in the browser: a client admin opens the Clients area, creates a client by keyboard, edits its
// contact and archives it (it leaves the list until "Show archived"); a client viewer reads the same client with no
// button to change it; a user whose roles open the area but read no clients is told who does; on a phone the list
// reads without sideways page scrolling.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../helpers/harness.js';
import { grantAppRole } from '../helpers/teams.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite();

test('FLOW-6, APP-4: a client admin creates, edits and archives a client; a client viewer reads it; others are told who reads clients', async () => {
  const { db, url } = suite.server;
  const admin = await createUser(db);
  await grantAppRole(db, admin.id, 'client_admin');
  const { page, context, errors } = await signedInPage(suite.browser, url, admin);
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Vandelay Industries');
  await page.getByLabel('Contact (optional)').fill('Art Vandelay');
  await page.getByLabel('Notes (optional)').fill('Importer and exporter');
  await page.getByLabel('Notes (optional)').press('Tab');
  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: 'Create client' }).press('Enter');
  const table = page.getByRole('table', { name: 'Clients' });
  await table.getByRole('row', { name: /Vandelay Industries Art Vandelay Importer and exporter 0/ }).waitFor();

  await table.getByRole('button', { name: 'Edit Vandelay Industries' }).click();
  await page.getByLabel('Contact (optional)').fill('art@vandelay.test');
  await page.getByRole('button', { name: 'Save client' }).click();
  await table.getByRole('cell', { name: 'art@vandelay.test' }).waitFor();
  await screenshot(page, 'clients');

  await table.getByRole('button', { name: 'Edit Vandelay Industries' }).click();
  await page.getByLabel(/Archived/).check();
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByText('No clients.').waitFor();
  await page.getByLabel('Show archived').check();
  await table.getByRole('row', { name: /Vandelay Industries archived/ }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();

  const viewer = await createUser(db);
  await grantAppRole(db, viewer.id, 'client_viewer');
  const phone = await suite.browser.newContext({ viewport: { width: 375, height: 740 } });
  const seen = { context: phone, page: await phone.newPage() };
  const seenErrors = watchPageErrors(seen.page);
  await seen.page.goto(url);
  await signInThroughForm(seen.page, viewer.login, viewer.password);
  await seen.page.getByRole('link', { name: 'Clients' }).click();
  await seen.page.getByLabel('Show archived').check();
  await seen.page.getByRole('table', { name: 'Clients' }).getByRole('cell', { name: 'art@vandelay.test' }).waitFor();
  assert.equal(await seen.page.getByRole('button', { name: /Edit/ }).count(), 0, 'a viewer changes nothing');
  assert.equal(await seen.page.getByRole('button', { name: 'New client' }).count(), 0);
  const fits = await seen.page.evaluate(
    () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
  );
  await screenshot(seen.page, 'clients-phone');
  assert.ok(fits, 'the list needs no sideways scrolling of the page at 375 px');
  assert.deepEqual(seenErrors, []);
  await seen.context.close();

  const user = await createUser(db);
  const other = await signedInPage(suite.browser, url, user);
  await other.page.getByRole('link', { name: 'Clients' }).click();
  await other.page.getByText('Clients are read by client viewers and client administrators').waitFor();
  await other.context.close();
});
