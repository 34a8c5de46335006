// Guards FLOW-3 and FLOW-7 on the team page: a team administrator closes a month and reopens it by keyboard alone, with a
// comment kept in the month's history; the year switcher moves between years; the periods fit a phone (375 px).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDateSettings } from '../../src/lib/installation.js';
import { createProject, createUser, grant } from '../helpers/harness.js';
import { createTeam, grantAppRole } from '../helpers/teams.js';
import { browserSuite, screenshot } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite();

test('FLOW-3, FLOW-7: a team admin closes a month and reopens it on the team page by keyboard; the history keeps both, and the page fits a phone', async () => {
  const { db, url } = suite.server;
  const project = await createProject(db);
  const team = await createTeam(db, project.id, { name: 'Support' });
  const admin = await createUser(db);
  await grantAppRole(db, admin.id, 'team_admin');
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: admin.id });
  const year = Number((await loadDateSettings(db)).today.slice(0, 4));
  const state = async () =>
    (
      await db
        .selectFrom('team_periods')
        .select('state')
        .where('team_id', '=', team.id)
        .where('period_start', '=', `${year}-03-01`)
        .executeTakeFirst()
    )?.state;

  const { context, page, errors } = await signedInPage(suite.browser, url, admin);
  await page.goto(`${url}/#/teams/${team.id}`);
  const periods = page.getByRole('table', { name: `Periods of Support in ${year}` });
  const march = periods.getByRole('row', { name: new RegExp(`^March ${year}`) });
  await march.getByText('Open', { exact: true }).waitFor();

  await march.getByRole('button', { name: `Close March ${year}` }).press('Enter');
  const closing = page.getByRole('dialog', { name: `Close March ${year} for Support?` });
  const comment = closing.getByLabel('Comment (optional)');
  await comment.waitFor();
  assert.ok(await comment.evaluate((el) => el === document.activeElement), 'the comment has the focus');
  await page.keyboard.type('Invoiced');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await closing.waitFor({ state: 'detached' });
  await march.getByText('Closed', { exact: true }).waitFor();
  assert.equal(await state(), 'closed');

  // Focus is back on the row's button, which now reopens; Enter opens the confirmation, Enter on its button confirms.
  const reopen = march.getByRole('button', { name: `Reopen March ${year}` });
  await reopen.and(page.locator(':focus')).waitFor();
  await page.keyboard.press('Enter');
  const reopening = page.getByRole('dialog', { name: `Reopen March ${year} for Support?` });
  await reopening.getByRole('button', { name: 'Reopen month' }).press('Enter');
  await reopening.waitFor({ state: 'detached' });
  await march.getByText('Open', { exact: true }).waitFor();
  assert.equal(await state(), 'open');

  await march.getByRole('button', { name: `History of March ${year}` }).press('Enter');
  const history = page.getByRole('dialog', { name: `History of March ${year}, Support` });
  const entries = history.getByRole('listitem');
  await entries.nth(1).waitFor();
  assert.match(
    (await entries.nth(0).textContent()) ?? '',
    new RegExp(`User ${admin.login} closed the month — “Invoiced”`),
  );
  assert.match((await entries.nth(1).textContent()) ?? '', new RegExp(`User ${admin.login} reopened the month`));
  await page.keyboard.press('Escape');
  await history.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: `Show ${year - 1}` }).press('Enter');
  await page.getByRole('table', { name: `Periods of Support in ${year - 1}` }).waitFor();

  await screenshot(page, 'team-periods-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  assert.ok(fits, 'the team page with its periods needs no sideways scrolling at 375 px');
  await screenshot(page, 'team-periods-phone');
  assert.deepEqual(errors.map(String), []);
  await context.close();
});
