// Guards issue 16's working calendars in the browser: an administrator sets a person's working time from a day on —
// hours per weekday and the public holidays of a region — and adds a company day off; the person's timesheet grid
// counts the capacity from it and names the holiday and the day off, and My account shows the working time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../helpers/harness.js';
import { browserSuite, screenshot } from './browser.js';
import { createAppAdmin, signedInPage } from './fixtures.js';

const suite = browserSuite();

test('issue 16 capacity: an administrator sets a person’s working time and a company day off; the person’s grid and account show them', async () => {
  const { db, url } = suite.server;
  const admin = await createAppAdmin(db);
  const person = await createUser(db);
  const name = `User ${person.login}`;
  const { page, context, errors } = await signedInPage(suite.browser, url, admin);
  await page.goto(`${url}/#/admin/users`);
  await page.getByLabel('Search users').fill(person.login);
  await page.getByRole('button', { name: `Working time of ${name} (${person.login})` }).click();
  const dialog = page.getByRole('dialog', { name: `Working time of ${name}` });
  await dialog.getByText('None set: 8 h Monday to Friday').waitFor();
  await dialog.getByLabel('From').fill('2026-01-01');
  await dialog.getByLabel('Friday').fill('4');
  await dialog.getByLabel('Public holidays of').selectOption('DE');
  await dialog.getByLabel('Region').selectOption('DE-BY');
  await dialog.getByRole('button', { name: 'Save working time' }).click();
  await dialog
    .getByRole('table', { name: 'Working time so far' })
    .getByRole('row', { name: /2026-01-01 Mo 8 h, Tu 8 h, We 8 h, Th 8 h, Fr 4 h DE-BY/ })
    .waitFor();
  await screenshot(page, 'working-time');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('tab', { name: 'Days off' }).click();
  await page.getByLabel('Day', { exact: true }).fill('2026-01-08');
  await page.getByLabel('Name').fill('Inventory');
  await page.getByLabel('Name').press('Enter');
  await page
    .getByRole('table', { name: 'Days off in 2026' })
    .getByRole('cell', { name: 'Inventory', exact: true })
    .waitFor();
  await page.getByRole('button', { name: '2027' }).click();
  await page.getByText('No company days off in 2027.').waitFor();
  await page.getByRole('button', { name: '2026' }).click();
  await page
    .getByRole('table', { name: 'Days off in 2026' })
    .getByRole('cell', { name: 'Inventory', exact: true })
    .waitFor();
  assert.deepEqual(errors, []);
  await context.close();

  const own = await signedInPage(suite.browser, url, person);
  await own.page.goto(`${url}/#/timesheet?date=2026-01-07`);
  // A week with nothing logged yet names its working time and days off.
  await own.page.getByText(/Working time: 20h; days off: .*Epiphany, .*Inventory\./).waitFor();
  await screenshot(own.page, 'working-time-grid');
  await own.page.goto(`${url}/#/account`);
  await own.page.getByRole('heading', { name: 'My working time' }).waitFor();
  await own.page
    .getByText(/Mo 8 h, Tu 8 h, We 8 h, Th 8 h, Fr 4 h — 36 h a week, with the public holidays of DE-BY/)
    .waitFor();
  assert.deepEqual(own.errors, []);
  await own.context.close();
});
