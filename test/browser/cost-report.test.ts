// Guards APP-5 and REP-2 in the browser: a billing_admin opens the cost report (this year so far), sees a person's
// logged hours counted without cost, adds the person's cost rate through the form (a bad amount and a second rate from
// the same day are refused next to their fields), and then reads the person's actual cost (hours × rate) in the table,
// the total and the CSV download; the grouping lives in the address; the rate is removed after a confirmation. A user
// without a money role has no Cost report link, and #/cost is a page that does not exist for them (APP-2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { grantAppRole } from '../helpers/teams.js';
import { logWork } from '../security/fixtures.js';
import { browserSuite, screenshot } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite();

/** Today in the local calendar (the browser's too), as YYYY-MM-DD. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

test('APP-5, REP-2: a billing_admin adds a cost rate through the form and reads the actual cost in the cost report', async () => {
  const { db, url } = suite.server;
  const project = await createProject(db, { name: 'Harbour website' });
  const author = await createUser(db);
  const billing = await createUser(db);
  await grant(db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: author.id });
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: billing.id });
  await grantAppRole(db, billing.id, 'billing_admin');
  const item = await createItem(db, { projectId: project.id, title: 'Build the contact form' });
  const today = localToday();
  const january = `${today.slice(0, 4)}-01-01`;
  // Two hours on January 1: inside "this year so far" whatever day the test runs.
  await logWork(db, item, author.id, 7200, january);
  const person = `User ${author.login}`;

  const { context, page, errors } = await signedInPage(suite.browser, url, billing);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cost report', exact: true }).click();
  await page.getByRole('heading', { name: 'Cost report', exact: true, level: 1 }).waitFor();
  assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), january, 'this year so far');
  assert.equal(await page.getByLabel('To', { exact: true }).inputValue(), today);
  const table = page.getByRole('table', { name: 'Cost by person', exact: true });
  // Without a rate the hours are counted, not costed.
  await table.getByRole('row', { name: `${person} 0.00 h — 2.00 h — — 2.00 h`, exact: true }).waitFor();

  await page.getByRole('tab', { name: 'Cost rates', exact: true }).click();
  const form = page.getByRole('form', { name: 'Add a cost rate', exact: true });
  await form.getByLabel('Find person', { exact: true }).fill(author.login);
  // A billing_admin has no user list: the picker offers the people of the report, the author among them.
  await form.getByRole('option', { name: person, exact: true }).waitFor({ state: 'attached' });
  assert.equal(await form.getByLabel('Person', { exact: true }).inputValue(), String(author.id));
  await form.getByLabel('Valid from', { exact: true }).fill(january);
  const rate = form.getByLabel('Cost rate per hour', { exact: true });
  assert.equal(await form.getByLabel('Currency', { exact: true }).inputValue(), 'EUR', 'EUR by default');
  // API-5: a refused amount is shown next to its field, in plain words.
  await rate.fill('50.005');
  await rate.press('Enter');
  const rateError = form.locator('.field-error').filter({ hasText: 'Cost rate must be an amount like 55 or 55.50.' });
  await rateError.waitFor();
  assert.equal(await rate.getAttribute('aria-invalid'), 'true');
  assert.equal(await rate.getAttribute('aria-describedby'), await rateError.getAttribute('id'), 'tied to the field');

  await rate.fill('50.00');
  await form.getByRole('button', { name: 'Add cost rate', exact: true }).click();
  const added = `${person}'s cost rate of 50.00 EUR from ${formatDay(january)}`;
  await page.getByRole('status').getByText(`Added ${added}.`, { exact: true }).waitFor();
  const rates = page.getByRole('table', { name: 'Cost rates', exact: true });
  await rates
    .getByRole('row', { name: `${person} ${formatDay(january)} 50.00 EUR Remove ${added}`, exact: true })
    .waitFor();
  await screenshot(page, 'cost-rates');

  // A second rate from the same day: 409 cost_rate_exists, shown at Valid from.
  await rate.fill('60.00');
  await form.getByRole('button', { name: 'Add cost rate', exact: true }).click();
  const validFrom = form.getByLabel('Valid from', { exact: true });
  await form
    .locator('.field-error')
    .filter({ hasText: `cost rate from ${january} already` })
    .waitFor();
  assert.equal(await validFrom.getAttribute('aria-invalid'), 'true');

  // The report now costs the two hours at the rate: 2 h × 50.00 = 100.00 EUR.
  await page.getByRole('tab', { name: 'Report', exact: true }).click();
  await table.getByRole('row', { name: `${person} 0.00 h — 2.00 h 100.00 EUR — 0.00 h`, exact: true }).waitFor();
  await table.getByRole('row', { name: 'Total 0.00 h — 2.00 h 100.00 EUR — 0.00 h', exact: true }).waitFor();
  await page.getByText('Amounts in EUR.', { exact: true }).waitFor();
  const chart = `Scheduled and actual cost in EUR — ${person}: scheduled 0.00 EUR, actual 100.00 EUR`;
  await page.getByRole('img', { name: chart, exact: true }).locator('.recharts-surface').first().waitFor();
  await screenshot(page, 'cost-report');

  // The download carries the same query as the screen, and the same money.
  const csvLink = page.getByRole('link', { name: 'Download CSV', exact: true });
  const csvHref = (await csvLink.getAttribute('href')) ?? '';
  assert.equal(await csvLink.getAttribute('download'), '');
  const csvQuery = new URL(csvHref, url).searchParams;
  assert.deepEqual(
    [csvQuery.get('from'), csvQuery.get('to'), csvQuery.get('groupBy'), csvQuery.get('format')],
    [january, today, 'user', 'csv'],
  );
  const csv = await (await page.request.get(new URL(csvHref, url).href)).text();
  assert.match(csv, new RegExp(`${person}.*100\\.00`));

  // The grouping lives in the address: a reload (a bookmark) keeps it.
  await page.getByLabel('Group by', { exact: true }).selectOption({ label: 'Project' });
  await page.getByRole('button', { name: 'Show report', exact: true }).click();
  const byProject = page.getByRole('table', { name: 'Cost by project', exact: true });
  const projectRow = `${project.key} Harbour website 0.00 h — 2.00 h 100.00 EUR — 0.00 h`;
  await byProject.getByRole('row', { name: projectRow, exact: true }).waitFor();
  assert.match(page.url(), /#\/cost\?.*groupBy=project/);
  await page.reload();
  await byProject.getByRole('row', { name: projectRow, exact: true }).waitFor();

  // Remove asks first; Cancel keeps the rate.
  await page.getByRole('tab', { name: 'Cost rates', exact: true }).click();
  await rates.getByRole('button', { name: `Remove ${added}`, exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove the cost rate?', exact: true });
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await confirm.waitFor({ state: 'detached' });
  await rates.getByRole('button', { name: `Remove ${added}`, exact: true }).click();
  await confirm.getByRole('button', { name: 'Remove rate', exact: true }).click();
  await page.getByRole('status').getByText(`Removed ${added}.`, { exact: true }).waitFor();
  await page
    .getByText("No cost rates yet: the report counts everyone's hours without costing them.", { exact: true })
    .waitFor();

  // On a phone the wide table scrolls in its box; the page itself needs no sideways scrolling.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByRole('tab', { name: 'Report', exact: true }).click();
  await byProject.waitFor();
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  assert.ok(await fits(), 'the cost report needs no sideways page scrolling at 375 px');
  await screenshot(page, 'cost-report-phone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('APP-2, APP-5: a user without a money role has no Cost report link, and #/cost is not found', async () => {
  const { db, url } = suite.server;
  const user = await createUser(db);
  const { context, page, errors } = await signedInPage(suite.browser, url, user);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Projects', exact: true }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Cost report', exact: true }).count(), 0);
  await page.goto(`${url}/#/cost`);
  await page.getByRole('heading', { name: 'Not found', exact: true, level: 1 }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Cost report', exact: true }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** A calendar date as the en-US browser shows it ("Jan 1, 2026"). */
function formatDay(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}
