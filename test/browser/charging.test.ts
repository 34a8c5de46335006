// Guards FLOW-9 in the browser: a billing admin picks approved work logs by keyboard and charges them under an invoice
// (a bad amount is refused next to its field); the charged work logs then refuse an edit, saying which invoice holds
// them; and on a phone the invoice reads without sideways scrolling and its charge is revoked after a confirmation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';
import { browserSuite, screenshot } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite();
const INVOICE = 'INV-2026-031';

test('FLOW-9: a billing admin charges approved work logs, which then refuse an edit naming the invoice; on a phone the charge is revoked after confirming', async () => {
  const { db, url } = suite.server;
  const project = await createProject(db, { name: 'Harbour website' });
  const author = await createUser(db);
  const billing = await createUser(db);
  await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: author.id });
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: billing.id });
  await grantAppRole(db, billing.id, 'billing_admin');
  const team = await createTeam(db, project.id, { name: 'Web crew', members: [{ userId: author.id }] });
  const priceList = await createPriceList(db, team.id, { hourlyRate: '80.00' });
  const item = await createItem(db, { projectId: project.id, title: 'Build the contact form' });
  for (const [date, seconds] of [
    ['2026-03-02', 5400],
    ['2026-03-03', 3600],
  ] as const)
    await db
      .insertInto('worklogs')
      .values({
        item_id: item.id,
        project_id: project.id,
        author_id: author.id,
        start_date: date,
        duration_seconds: seconds,
        description: `Form work ${date}`,
        team_id: team.id,
        price_list_id: priceList.id,
        rate: '80.00',
        created_by: author.id,
      })
      .execute();
  const slice = { user_id: author.id, team_id: team.id, period_start: '2026-03-02', period_end: '2026-03-08' };
  await db
    .insertInto('timesheet_slices')
    .values({ ...slice, state: 'approved', approved_snapshot: null })
    .execute();

  // The billing admin picks the work logs by keyboard and fills the invoice.
  const admin = await signedInPage(suite.browser, url, billing);
  await admin.page.getByRole('link', { name: 'Invoices' }).click();
  await admin.page.getByRole('link', { name: 'Charge work logs' }).click();
  await admin.page.getByText('2 work logs, 2h 30m, worth 200.00 EUR').waitFor();
  await admin.page.getByLabel('Select all listed work logs').focus();
  await admin.page.keyboard.press('Space');
  await admin.page.getByText('Selected: 2 work logs, 2h 30m, worth 200.00 EUR').waitFor();
  await screenshot(admin.page, 'charging-pick');
  await admin.page.getByLabel('Invoice number').fill(INVOICE);
  await admin.page.getByLabel('Amount').fill('200.005');
  await admin.page.getByLabel('Currency').fill('EUR');
  await admin.page.getByLabel('Amount').press('Enter');
  const amount = admin.page.getByLabel('Amount');
  await admin.page
    .locator('.field-error')
    .filter({ hasText: /amount/i })
    .waitFor();
  assert.equal(await amount.getAttribute('aria-invalid'), 'true');
  await amount.fill('200.00');
  await admin.page.getByRole('button', { name: 'Charge 2 work logs' }).click();
  await admin.page.getByRole('heading', { name: `Invoice ${INVOICE}` }).waitFor();
  await admin.page.getByText('200.00 EUR').first().waitFor();
  assert.equal(await admin.page.getByRole('table', { name: 'Charged work logs' }).getByRole('row').count(), 3);
  await screenshot(admin.page, 'charging-invoice');
  assert.deepEqual(admin.errors, []);
  await admin.context.close();

  // The timesheet is reopened; the charge still holds its work logs, and an edit says so.
  await db.updateTable('timesheet_slices').set({ state: 'open' }).where('user_id', '=', author.id).execute();
  const owner = await signedInPage(suite.browser, url, author);
  await owner.page.getByRole('link', { name: 'My work logs' }).click();
  await owner.page.getByLabel('From').fill('2026-03-01');
  await owner.page.getByLabel('To').fill('2026-03-08');
  await owner.page.getByRole('button', { name: 'Show' }).click();
  await owner.page
    .getByRole('row', { name: /Form work 2026-03-02/ })
    .getByRole('button', { name: /Edit/ })
    .click();
  const dialog = owner.page.getByRole('dialog', { name: `Edit work log on ${item.key}` });
  await dialog.getByLabel('Duration').fill('2h');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText(`charged under invoice ${INVOICE}`).waitFor();
  assert.deepEqual(owner.errors, []);
  await owner.context.close();

  // On a phone (the timesheet approved again): the invoice fits the width and Revoke asks first; so does the picker.
  await db.updateTable('timesheet_slices').set({ state: 'approved' }).where('user_id', '=', author.id).execute();
  const phone = await suite.browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await phone.newPage();
  await page.goto(url);
  await page.getByLabel('Login').fill(billing.login);
  await page.getByLabel('Password').fill(billing.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`${url}/#/invoices`);
  await page.getByRole('link', { name: INVOICE }).click();
  await page.getByRole('button', { name: 'Revoke charge' }).click();
  const confirm = page.getByRole('region', { name: 'Revoke the charge' });
  await confirm.getByText('Its 2 work logs will no longer be charged').waitFor();
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  assert.ok(await fits(), 'the invoice needs no sideways scrolling at 375 px');
  await confirm.getByRole('button', { name: 'Revoke charge' }).click();
  await page.getByText('Revoked', { exact: true }).first().waitFor();
  await screenshot(page, 'charging-revoked-phone');
  await page.getByRole('link', { name: 'All invoices' }).click();
  await page.getByRole('link', { name: 'Charge work logs' }).click();
  await page.getByLabel(`Charge ${item.key} of User ${author.login} on Mar 2, 2026`).check();
  await page.getByText('Selected: 1 work log, 1h 30m, worth 120.00 EUR').waitFor();
  assert.ok(await fits(), 'the charging flow needs no sideways scrolling at 375 px');
  await screenshot(page, 'charging-pick-phone');
  const charged = await db.selectFrom('worklogs').select('charge_id').where('item_id', '=', item.id).execute();
  assert.deepEqual(
    charged.map((w) => w.charge_id),
    [null, null],
  );
  await phone.close();
});
