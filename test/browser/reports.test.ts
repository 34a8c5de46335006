// Guards REP-1 and REP-4 in the browser: a team lead opens Reports, groups a member's hours by project then user, then
// regroups by user and month from the keyboard; the table shows subtotals and the total; the CSV and Excel downloads
// parse to the rows the screen shows; the report shared as a link opens signed out and, once revoked, shows nothing
// (REP-6); the workload shows the member's hours against capacity by day and by week, the items across projects list
// and search the item, and the item watched from its page shows on the Dashboard's quick watch (ITEM-9); the address
// keeps the report (a bookmark reopens it); on a phone it reads without sideways page scrolling.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { addMember, createTeam } from '../helpers/teams.js';
import { browserSuite, screenshot } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite();

test('REP-1, REP-4, REP-6: a team lead groups a member’s hours, regroups by keyboard, and downloads CSV and Excel matching the screen, and shares it as a link that is then revoked', async () => {
  const { db, url } = suite.server;
  const project = await createProject(db, { name: 'Harbour website' });
  const author = await createUser(db);
  const lead = await createUser(db);
  await grant(db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: author.id });
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: lead.id });
  const team = await createTeam(db, project.id, { name: 'Web crew', members: [{ userId: author.id }] });
  await addMember(db, team.id, lead.id, ['VIEW_MEMBER_WORKLOGS']);
  const item = await createItem(db, { projectId: project.id, title: 'Build the contact form' });
  for (const [date, seconds] of [
    ['2026-03-02', 5400],
    ['2026-03-03', 3600],
    ['2026-04-07', 1800],
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
        created_by: author.id,
      })
      .execute();

  const { page, context, errors } = await signedInPage(suite.browser, url, lead);
  // The Dashboard (APP-2): the lead's team widget counts the member's hours of this week (none here: March).
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'My week' }).waitFor();
  await page.getByRole('heading', { name: 'Team Web crew' }).waitFor();
  await page.getByText(`Not submitted last week: User ${author.login}`).waitFor();
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Reports' }).waitFor();
  await page.getByLabel('From').fill('2026-03-01');
  await page.getByLabel('To').fill('2026-04-30');
  await page.getByLabel('Group by').selectOption('project');
  await page.getByLabel('Then by').selectOption('user');
  await page.getByRole('button', { name: 'Show report' }).click();
  const table = page.getByRole('table', { name: 'Hours by group' });
  await table.getByRole('row', { name: /Total 3\.00 h 3/ }).waitFor();
  assert.ok(await table.getByRole('rowheader', { name: `${project.key} — Harbour website` }).isVisible());
  assert.ok(await table.getByRole('rowheader', { name: `User ${author.login}` }).isVisible());
  await page.getByRole('figure').first().waitFor();
  await screenshot(page, 'reports-summary');

  // Regroup by user, then month, from the keyboard; the address keeps it.
  await page.getByLabel('Group by').focus();
  await page.getByLabel('Group by').selectOption('user');
  await page.getByLabel('Then by').selectOption('month');
  await page.getByLabel('To').press('Enter');
  await table.getByRole('rowheader', { name: 'April 2026' }).waitFor();
  assert.match(page.url(), /#\/reports\?from=2026-03-01&to=2026-04-30&groupBy=user%2Cmonth/);
  const screenRows = await table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')));
  assert.deepEqual(screenRows, [
    [`User ${author.login}`, '', '3.00 h', '3'],
    ['', 'March 2026', '2.50 h', '2'],
    ['', 'April 2026', '0.50 h', '1'],
    ['Total', '3.00 h', '3'],
  ]);

  // The work-item filter takes keys (typed in any case); the address keeps it.
  await page.getByLabel('Work items').fill(item.key.toLowerCase());
  await page.getByLabel('Work items').press('Enter');
  await page.waitForURL(new RegExp(`itemKeys=${item.key}`));
  await table.getByRole('row', { name: /Total 3\.00 h 3/ }).waitFor();
  await page.getByLabel('Work items').fill('');
  await page.getByLabel('Work items').press('Enter');
  await page.waitForURL((u) => !u.hash.includes('itemKeys'));

  // The downloads parse to the screen's rows.
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  const csv = parse(await readFile((await csvDownload.path())!), { bom: true }) as string[][];
  assert.deepEqual(csv, [
    ['Row', 'User', 'Month', 'Hours', 'Entries'],
    ['Subtotal', `User ${author.login}`, '', '3.00', '3'],
    ['Group', `User ${author.login}`, '2026-03-01', '2.50', '2'],
    ['Group', `User ${author.login}`, '2026-04-01', '0.50', '1'],
    ['Total', '', '', '3.00', '3'],
  ]);
  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download Excel' }).click(),
  ]);
  assert.match(xlsxDownload.suggestedFilename(), /^timeward-summary-2026-03-01-2026-04-30\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await xlsxDownload.path())!)) as unknown as ArrayBuffer);
  const hoursColumn: unknown[] = [];
  workbook.worksheets[0].eachRow((row) => hoursColumn.push(row.getCell(4).value));
  assert.deepEqual(hoursColumn, ['Hours', 3, 2.5, 0.5, 3]);

  // Share the report as a link; it opens signed out, and once revoked it shows nothing.
  await page.getByText('Share this report as a link').click();
  await page.getByLabel('Name').fill('Harbour hours for the client');
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByLabel('Link to “Harbour hours for the client”').inputValue();
  assert.match(link, /#\/shared\/twr_/);
  const stranger = await suite.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const outside = await stranger.newPage();
  await outside.goto(link);
  await outside.getByRole('heading', { name: 'Harbour hours for the client' }).waitFor();
  await outside
    .getByRole('table', { name: 'Hours by group' })
    .getByRole('row', { name: /Total 3\.00 h 3/ })
    .waitFor();
  assert.equal(await outside.getByLabel('Password').count(), 0, 'no sign-in needed');
  await screenshot(outside, 'reports-shared');
  await page
    .getByRole('table', { name: 'My shared links' })
    .getByRole('button', { name: 'Revoke Harbour hours for the client' })
    .click();
  await page.getByRole('table', { name: 'My shared links' }).getByRole('cell', { name: 'revoked' }).waitFor();
  await outside.reload();
  await outside.getByText('This link does not work').waitFor();
  await stranger.close();

  // The detailed list shows the work logs the summary counts.
  await page.getByRole('link', { name: 'Work logs', exact: true }).click();
  const details = page.getByRole('table', { name: 'Work logs' });
  await details.getByRole('row', { name: /Form work 2026-04-07/ }).waitFor();
  assert.equal(await details.locator('tbody tr').count(), 3);

  // The pivot of the project: the item's hours rolled up; no "efforts and costs" mode for a non-administrator (REP-3).
  await page.getByRole('link', { name: 'Pivot', exact: true }).click();
  await page.getByRole('form', { name: 'Pivot' }).getByLabel('Project').selectOption(project.key);
  await page.getByRole('button', { name: 'Show pivot' }).click();
  const pivot = page.getByRole('table', { name: `Hours under ${project.key}` });
  await pivot.getByRole('row', { name: new RegExp(`${item.key} Build the contact form 3\\.00 h 3\\.00 h`) }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Efforts and costs' }).count(), 0);

  // The workload (ITEM-9): the member's hours per day against capacity, then per week.
  await page.getByRole('link', { name: 'Workload', exact: true }).click();
  const workload = page.getByRole('table', { name: 'Workload' });
  await workload.getByRole('row', { name: new RegExp(`User ${author.login} .* 3\\.00 h / 352\\.00 h`) }).waitFor();
  await page.getByRole('link', { name: 'By week' }).click();
  await page
    .getByRole('table', { name: 'Workload (weeks from Monday)' })
    .getByRole('columnheader', { name: 'Mar 2', exact: true })
    .waitFor();
  assert.match(page.url(), /view=workload&period=week/);
  await screenshot(page, 'reports-workload');

  // Items across projects (ITEM-9): the item with its hours; a search by its title finds it, another finds nothing.
  await page.getByRole('link', { name: 'Items across projects' }).click();
  const across = page.getByRole('table', { name: 'Work items across projects' });
  await across
    .getByRole('row', { name: new RegExp(`${item.key} Build the contact form Harbour website open 3\\.00 h 1`) })
    .waitFor();
  await screenshot(page, 'reports-items');
  await page.getByLabel('Key or title contains').fill('nothing like it');
  await page.getByLabel('Key or title contains').press('Enter');
  await page.getByText('No work items with work in this report.').waitFor();
  await page.getByLabel('Key or title contains').fill('contact');
  await page.getByLabel('Key or title contains').press('Enter');
  await across.getByRole('link', { name: item.key }).click();

  // Quick watch: the lead watches the item from its page; the Dashboard shows it with its hours.
  await page.getByRole('button', { name: 'Watch' }).click();
  await page.getByRole('button', { name: 'Watching' }).waitFor();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page
    .getByRole('region', { name: 'Quick watch' })
    .getByText(/Build the contact form · open · 0\.00 h this week, 3\.00 h in all/)
    .waitFor();
  assert.deepEqual(errors, []);
  await context.close();

  // A bookmark reopens the report; on a phone the page needs no sideways scrolling.
  const phone = await suite.browser.newContext({ viewport: { width: 375, height: 740 } });
  const small = await phone.newPage();
  await small.goto(url);
  await small.getByLabel('Login').fill(lead.login);
  await small.getByLabel('Password').fill(lead.password);
  await small.getByRole('button', { name: 'Sign in' }).click();
  await small.getByRole('link', { name: 'Reports' }).waitFor();
  await small.goto(`${url}/#/reports?from=2026-03-01&to=2026-04-30&groupBy=project,user`);
  await small
    .getByRole('table', { name: 'Hours by group' })
    .getByRole('row', { name: /Total 3\.00 h 3/ })
    .waitFor();
  const fits = await small.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  assert.ok(fits, 'the report needs no sideways scrolling of the page at 375 px');
  await screenshot(small, 'reports-phone');
  await phone.close();
});
