// Guards DENY-2 and DENY-3 in the browser: a denial made on the admin screen reads as DENY there, and takes the denied surface away from the group's members on screen and in the API behind it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGroup, createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { toIsoDate } from '../../web/src/dates.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { createAppAdmin } from './fixtures.js';

const suite = browserSuite();

test('DENY-2, DENY-3: an admin denies ISSUE_TIME_TABS to a group on the Deny screen; members lose the work-log tab and its API, comments stay', async () => {
  const { db } = suite.server;
  const admin = await createAppAdmin(db);
  const client = await createUser(db);
  const clients = await createGroup(db, [client.id], 'clients');
  const project = await createProject(db, { key: 'DENY', name: 'Deny project' });
  await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { groupId: clients.id });
  const item = await createItem(db, { projectId: project.id, title: 'Build the invoice screen' });
  await db
    .insertInto('worklogs')
    .values({
      item_id: item.id,
      project_id: project.id,
      author_id: client.id,
      created_by: client.id,
      start_date: toIsoDate(new Date()),
      duration_seconds: 3600,
      description: 'Own hours stay hidden too',
    })
    .execute();
  await db
    .insertInto('item_comments')
    .values({ item_id: item.id, author_id: client.id, body: 'Looks good to me' })
    .execute();

  // Before the denial the client sees the work-log tab: what disappears later is the denial's doing.
  const clientContext = await suite.browser.newContext({ viewport: { width: 1100, height: 750 } });
  const clientPage = await clientContext.newPage();
  const clientErrors = watchPageErrors(clientPage);
  await clientPage.goto(`${suite.server.url}/#/items/${item.key}`);
  await signInThroughForm(clientPage, client.login, client.password);
  await clientPage.getByRole('tab', { name: 'Work logs' }).waitFor();

  const adminContext = await suite.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const adminPage = await adminContext.newPage();
  const adminErrors = watchPageErrors(adminPage);
  await adminPage.goto(suite.server.url);
  await signInThroughForm(adminPage, admin.login, admin.password);
  await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
  await adminPage.getByRole('tab', { name: 'Deny permissions' }).click();
  await adminPage.getByRole('heading', { name: /Deny permissions — members of these groups do NOT get/ }).waitFor();
  assert.equal(await adminPage.getByRole('tab', { name: 'Deny permissions' }).getAttribute('aria-selected'), 'true');

  const form = adminPage.getByRole('form', { name: 'Deny a permission to a group' });
  await form.getByLabel('Permission to deny').selectOption('ISSUE_TIME_TABS');
  await form.getByLabel('Group').selectOption({ label: clients.name });
  await form.getByRole('button', { name: 'Preview' }).click();
  const preview = form.getByRole('region', { name: 'Preview of changes' });
  const previewRow = preview.getByRole('row', { name: new RegExp(client.login) });
  await previewRow.waitFor();
  assert.match(await previewRow.innerText(), /Item-screen surfaces\s+—\s+ISSUE_TIME_TABS \(denied\)/);

  await form.getByRole('button', { name: 'Add DENY' }).click();
  const row = adminPage
    .getByRole('table', { name: 'Denied groups' })
    .getByRole('row', { name: new RegExp(clients.name) });
  await row.waitFor();
  const cells = await row.getByRole('cell').allInnerTexts();
  assert.equal(cells[0], 'DENY', 'the row says DENY first, unmistakably');
  assert.equal(cells[1], 'ISSUE_TIME_TABS');
  assert.match(cells[3], /work logs tab/, 'the row names the surfaces the members lose');
  await screenshot(adminPage, 'deny-permissions-admin');

  await clientPage.reload();
  await clientPage.getByRole('tab', { name: 'Comments' }).waitFor();
  assert.equal(await clientPage.getByRole('tab', { name: 'Work logs' }).count(), 0, 'the work-log tab is gone');
  await clientPage.getByText('Looks good to me').waitFor();
  // Enforced on the suite.server, not by hiding: the page's own session asks the API directly.
  const status = await clientPage.evaluate(async (key) => (await fetch(`/api/items/${key}/worklogs`)).status, item.key);
  assert.equal(status, 403);
  // Only ISSUE_TIME_TABS was denied: the time panel (ISSUE_TIME_PANELS) stays.
  await clientPage.getByRole('heading', { name: 'Time spent' }).waitFor();
  await screenshot(clientPage, 'deny-permissions-member');

  // Lifting the denial is previewed first (EXPL-3) and gives the surface back.
  await row.getByRole('button', { name: `Lift DENY ISSUE_TIME_TABS for ${clients.name}` }).click();
  const lift = adminPage.getByRole('region', { name: `Lift DENY ISSUE_TIME_TABS for group ${clients.name}` });
  await lift.getByRole('row', { name: new RegExp(client.login) }).waitFor();
  assert.match(
    (await lift.getByRole('row', { name: new RegExp(client.login) }).textContent()) ?? '',
    /Item-screen surfaces\s*ISSUE_TIME_TABS \(no longer denied\)/,
  );
  await screenshot(adminPage, 'deny-permissions-lift');
  await lift.getByRole('button', { name: 'Lift denial' }).click();
  await adminPage.getByText('No group is denied anything.').waitFor();
  await clientPage.reload();
  await clientPage.getByRole('tab', { name: 'Work logs' }).waitFor();

  assert.deepEqual(adminErrors, []);
  assert.deepEqual(clientErrors, []);
  await adminContext.close();
  await clientContext.close();
});
