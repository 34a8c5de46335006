// Guards API-2 in the browser: the UI offers an action exactly when the API's abilities for that record allow it, and holds no rule of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { toIsoDate } from '../../web/src/dates.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();

const isShown = async (locator: Locator) => (await locator.count()) > 0;

test('API-2: the UI offers exactly the actions the API abilities allow (PRJ-3, PRJ-5)', async () => {
  const { db } = suite.server;
  const viewer = await createUser(db);
  const worker = await createUser(db);
  const project = await createProject(db, { key: 'ABLE', name: 'Able project' });
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: viewer.id });
  await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: worker.id });
  const item = await createItem(db, { projectId: project.id, title: 'Write the docs' });
  await db
    .insertInto('worklogs')
    .values({
      item_id: item.id,
      project_id: project.id,
      author_id: worker.id,
      created_by: worker.id,
      start_date: toIsoDate(new Date()),
      duration_seconds: 2700,
      description: 'Outlined chapters',
    })
    .execute();

  const expectations = {
    [viewer.login]: { newItem: false, logWork: false, editOwnLog: false },
    [worker.login]: { newItem: true, logWork: true, editOwnLog: true },
  };

  for (const user of [viewer, worker]) {
    const context = await suite.browser.newContext({ viewport: { width: 1100, height: 750 } });
    const page = await context.newPage();
    const pageErrors = watchPageErrors(page);
    await page.goto(`${suite.server.url}/#/projects/ABLE`);
    await signInThroughForm(page, user.login, user.password);
    const api = async (path: string) => (await page.request.get(`${suite.server.url}/api${path}`)).json();

    await page.getByRole('heading', { name: /Able project/ }).waitFor();
    await page.getByRole('link', { name: new RegExp(item.key) }).waitFor();
    const projectAbilities = (await api('/projects/ABLE')).abilities;
    const newItem = await isShown(page.getByRole('button', { name: 'New item' }));
    assert.equal(newItem, projectAbilities.canCreateItems, `${user.login}: "New item" follows canCreateItems`);
    assert.equal(newItem, expectations[user.login].newItem);

    await page.getByRole('link', { name: new RegExp(item.key) }).click();
    await page.getByRole('tab', { name: 'Comments' }).waitFor();
    const itemAbilities = (await api(`/items/${item.key}`)).abilities;
    const logWork = await isShown(page.getByRole('button', { name: 'Log work' }));
    assert.equal(logWork, itemAbilities.canLogWork, `${user.login}: "Log work" follows canLogWork`);
    assert.equal(logWork, expectations[user.login].logWork);
    const worklogTab = page.getByRole('tab', { name: 'Work logs' });
    assert.equal(await isShown(worklogTab), itemAbilities.canViewWorklogs);

    if (itemAbilities.canViewWorklogs) {
      await worklogTab.click();
      const row = page.getByRole('row', { name: /Outlined chapters/ });
      await row.waitFor();
      const [worklog] = (await api(`/items/${item.key}/worklogs`)).items;
      assert.equal(await isShown(row.getByRole('button', { name: 'Edit' })), worklog.abilities.canEdit);
      assert.equal(await isShown(row.getByRole('button', { name: 'Delete' })), worklog.abilities.canDelete);
      assert.equal(worklog.abilities.canEdit, expectations[user.login].editOwnLog);
      await screenshot(page, `abilities-${user === viewer ? 'viewer' : 'worker'}`);
    }

    if (newItem) {
      // The worker's "New item" really creates one, and the tree shows it.
      await page.getByRole('link', { name: 'ABLE', exact: true }).click();
      await page.getByRole('button', { name: 'New item' }).click();
      const dialog = page.getByRole('dialog', { name: 'New item' });
      await dialog.getByLabel('Title').fill('Review the docs');
      await dialog.getByLabel('Parent item key (optional)').fill(item.key);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('button', { name: `Expand ${item.key}` }).click();
      await page.getByRole('link', { name: /Review the docs/ }).waitFor();
    }

    assert.deepEqual(pageErrors, []);
    await context.close();
  }
});
