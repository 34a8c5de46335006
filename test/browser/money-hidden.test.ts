// Guards PRICE-7 in the browser: a user in a client group without a money role never gets a rate — not in the log-work dialog, the
// work-log lists, the team screens or their price lists, nor in any API answer behind them — while an app admin sees it on the same screens.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createGroup, createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { browserSuite, screenshot } from './browser.js';
import { createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';
import { createAppAdmin, signedInPage } from './fixtures.js';

const suite = browserSuite({ teamChecks: true });
/** A rate no other number on these screens spells. */
const RATE = '87.35';

/** Everything the page shows or holds: its HTML and the values of its fields (which the HTML does not carry). */
async function everythingOn(page: Page): Promise<string> {
  const values = await page
    .locator('input, textarea, select')
    .evaluateAll((fields) => fields.map((f) => (f as HTMLInputElement).value));
  return `${await page.content()}\n${values.join('\n')}`;
}

/** Bodies of every API answer the page receives, to show that the rate never leaves the server for this user. */
function recordApiBodies(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) bodies.push(response.text().catch(() => ''));
  });
  return bodies;
}

test('PRICE-7: a client without a money role sees no rate in the dialog, the work-log lists or the price lists; an app admin does', async () => {
  const { db } = suite.server;
  const project = await createProject(db, { name: 'Client portal' });
  const client = await createUser(db);
  const clients = await createGroup(db, [client.id]);
  await grantAppRole(db, { groupId: clients.id }, 'client_viewer');
  const admin = await createAppAdmin(db);
  for (const user of [client, admin])
    await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: user.id });
  const item = await createItem(db, { projectId: project.id, title: 'Review the mock-ups' });
  const team = await createTeam(db, project.id, {
    name: 'Agency',
    members: [{ userId: client.id }, { userId: admin.id }],
  });
  await createPriceList(db, team.id, { name: 'Agency rate', hourlyRate: RATE, validFrom: '2000-01-01' });

  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, client);
  const bodies = recordApiBodies(page);

  // The log-work dialog names the team and the price list, not the rate.
  await page.goto(`${suite.server.url}/#/items/${item.key}`);
  await page.getByRole('button', { name: 'Log work' }).click();
  const dialog = page.getByRole('dialog', { name: `Log work on ${item.key}` });
  await dialog.getByText('Agency rate').waitFor();
  assert.ok(!(await everythingOn(page)).includes(RATE), 'no rate in the log-work dialog');
  await dialog.getByLabel('Duration').fill('45m');
  await dialog.getByLabel('Description').fill('Checked the colours');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });

  // The item's work logs and My work logs show the team, not the rate.
  const itemRow = page.getByRole('tabpanel').getByRole('row', { name: /Checked the colours/ });
  await itemRow.getByText('Agency', { exact: true }).waitFor();
  assert.equal(await page.getByRole('columnheader', { name: 'Rate' }).count(), 0);
  assert.ok(!(await everythingOn(page)).includes(RATE), 'no rate in the item work-log list');
  await page.getByRole('link', { name: 'My work logs' }).click();
  await page
    .getByRole('row', { name: /Checked the colours/ })
    .getByText('Agency', { exact: true })
    .waitFor();
  assert.ok(!(await everythingOn(page)).includes(RATE), 'no rate in My work logs');

  // The project's teams tab and the team page list the price list by name and validity only; there is no editor to open.
  await page.goto(`${suite.server.url}/#/projects/${project.key}/teams`);
  await page.getByRole('table', { name: 'Price lists of Agency' }).getByText('Agency rate').waitFor();
  assert.equal(await page.getByRole('button', { name: /Edit price list|Create price list/ }).count(), 0);
  assert.ok(!(await everythingOn(page)).includes(RATE), 'no rate in the project price lists');
  await page.goto(`${suite.server.url}/#/teams/${team.id}`);
  await page.getByRole('table', { name: 'Price lists of Agency' }).getByText('Jan 1, 2000 – open-ended').waitFor();
  assert.equal(await page.getByLabel('Hourly rate').count(), 0);
  assert.ok(!(await everythingOn(page)).includes(RATE), 'no rate on the team page');
  await screenshot(page, 'money-hidden-team-page');

  const answers = await Promise.all(bodies);
  assert.ok(answers.length > 5, `the screens asked the API (${answers.length} answers)`);
  assert.deepEqual(
    answers.filter((body) => body.includes(RATE) || body.includes('hourlyRate') || body.includes('"rate"')),
    [],
    'no API answer carried money',
  );
  assert.deepEqual(errors, []);
  await context.close();

  // The same screens show the rate to an app admin (PRICE-7), so the checks above would have seen it.
  const money = await signedInPage(suite.browser, suite.server.url, admin);
  await money.page.goto(`${suite.server.url}/#/items/${item.key}`);
  await money.page.getByRole('button', { name: 'Log work' }).click();
  const adminDialog = money.page.getByRole('dialog', { name: `Log work on ${item.key}` });
  await adminDialog.getByText(`${RATE} EUR/h`).waitFor();
  await adminDialog.getByRole('button', { name: 'Cancel' }).click();
  await money.page.getByRole('tab', { name: 'Work logs' }).click();
  await money.page
    .getByRole('row', { name: /Checked the colours/ })
    .getByText(`${RATE} EUR/h`)
    .waitFor();
  await money.page.goto(`${suite.server.url}/#/teams/${team.id}`);
  await money.page.getByRole('button', { name: 'Edit price list Agency rate' }).click();
  const editor = money.page.getByRole('dialog', { name: 'Price list Agency rate' });
  assert.equal(await editor.getByLabel('Hourly rate', { exact: true }).inputValue(), RATE);
  await screenshot(money.page, 'money-price-list-editor');
  assert.deepEqual(money.errors, []);
  await money.context.close();
});
