// Guards PRJ-4 in the browser: a project the user may not browse leaves no trace on any screen, and its hidden and missing look the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { toIsoDate } from '../../web/src/dates.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();

/** The visible text of the page's main region. */
const mainText = async (page: Page) => (await page.getByRole('main').innerText()).trim();

test('PRJ-4: a user without BROWSE_PROJECT sees no trace of the project', async () => {
  const { db } = suite.server;
  const outsider = await createUser(db);
  const insider = await createUser(db);
  const hidden = await createProject(db, { key: 'HUSH', name: 'Hush Hush Venture' });
  const open = await createProject(db, { key: 'OPEN', name: 'Open Garden' });
  await grant(db, hidden.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: insider.id });
  await grant(db, open.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: outsider.id });
  const hiddenItem = await createItem(db, { projectId: hidden.id, title: 'Secret merger plan' });
  const openItem = await createItem(db, { projectId: open.id, title: 'Plant the roses' });

  // The outsider's own work log on the hidden project (as if logged before access was taken away) must
  // vanish from their list and their total as well.
  const today = toIsoDate(new Date());
  const worklog = (itemId: number, projectId: number, description: string) => ({
    item_id: itemId,
    project_id: projectId,
    author_id: outsider.id,
    created_by: outsider.id,
    start_date: today,
    duration_seconds: 7200,
    description,
  });
  await db
    .insertInto('worklogs')
    .values([
      worklog(hiddenItem.id, hidden.id, 'Drafted the merger memo'),
      worklog(openItem.id, open.id, 'Dug the flower bed'),
    ])
    .execute();

  const traces = ['HUSH', 'Hush Hush Venture', 'Secret merger plan', 'Drafted the merger memo'];
  const assertNoTrace = async (page: Page, where: string) => {
    const html = await page.content();
    for (const trace of traces) assert.ok(!html.includes(trace), `${where} shows "${trace}"`);
  };

  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 750 } });
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);
  await page.goto(suite.server.url);
  await signInThroughForm(page, outsider.login, outsider.password);

  // Project list: only the project the outsider may browse.
  await page.getByRole('link', { name: 'Open Garden' }).waitFor();
  await assertNoTrace(page, 'the project list');

  // Direct URLs to the project and to its item show the same view as a project that does not exist.
  await page.goto(`${suite.server.url}/#/projects/NOSUCH`);
  await page.getByRole('heading', { name: 'Not found' }).waitFor();
  const missingView = await mainText(page);

  await page.goto(`${suite.server.url}/#/projects/HUSH`);
  await page.getByRole('heading', { name: 'Not found' }).waitFor();
  assert.equal(await mainText(page), missingView);
  await assertNoTrace(page, 'the project page');
  await screenshot(page, 'hidden-project');

  await page.goto(`${suite.server.url}/#/items/${hiddenItem.key}`);
  await page.getByRole('heading', { name: 'Not found' }).waitFor();
  assert.equal(await mainText(page), missingView);
  await assertNoTrace(page, 'the item page');

  // My work logs: the open project's entry and only its hours.
  await page.getByRole('link', { name: 'My work logs' }).click();
  await page.getByRole('row', { name: /Dug the flower bed/ }).waitFor();
  assert.match((await page.locator('.total').textContent()) ?? '', /: 2h \(2 hours\)/);
  await assertNoTrace(page, 'My work logs');

  assert.deepEqual(pageErrors, []);
  await context.close();
});
