// Guards EXPL-2 and EXPL-3 in the browser: "Who has access" lists exactly the users the server says can reach an item or project, with the reason, and app-role changes are previewed before they are saved.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGroup, createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();

test('EXPL-2, EXPL-3: who has access to a secured item and its project, and a previewed app-role grant', async () => {
  const { db } = suite.server;
  const sysadmin = await createUser(db, { systemAdmin: true });
  const insider = await createUser(db);
  const outsider = await createUser(db);
  const finance = await createGroup(db, [insider.id], 'finance');
  const project = await createProject(db, { key: 'WHO', name: 'Who project' });
  await grant(db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { groupId: finance.id });
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: outsider.id });
  // SPEC §0: a system administrator sees an item's access only in a project they browse.
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: sysadmin.id });
  const item = await createItem(db, { projectId: project.id, title: 'Budget' });
  await db.insertInto('item_security').values({ item_id: item.id, project_id: project.id }).execute();
  await db
    .insertInto('item_security_entries')
    .values({ item_id: item.id, subject_kind: 'group', subject_id: finance.id, view: 'allow', edit: 'allow' })
    .execute();
  await db.updateTable('work_items').set({ governing_item_id: item.id }).where('id', '=', item.id).execute();

  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);
  await page.goto(`${suite.server.url}/#/admin/access`);
  await signInThroughForm(page, sysadmin.login, sysadmin.password);

  const form = page.getByRole('form', { name: 'Who has access' });
  await form.getByLabel('Work item key').fill(item.key);
  await form.getByRole('button', { name: 'Show' }).click();
  const itemTable = page.getByRole('table', { name: `Users who can view ${item.key}` });
  const insiderRow = itemTable.getByRole('row', { name: new RegExp(insider.login) });
  await insiderRow.waitFor();
  assert.match((await insiderRow.textContent()) ?? '', /finance/, 'the reason names the group entry that allows');
  assert.equal(
    await itemTable.getByRole('row', { name: new RegExp(outsider.login) }).count(),
    0,
    'the outsider matches no allow (ITEM-3)',
  );
  await screenshot(page, 'who-has-access-item');

  await form.getByLabel('Access to').selectOption('project');
  await form.getByLabel('Project key').fill('WHO');
  await form.getByRole('button', { name: 'Show' }).click();
  const projectTable = page.getByRole('table', { name: 'Users who can browse WHO' });
  const outsiderRow = projectTable.getByRole('row', { name: new RegExp(outsider.login) });
  await outsiderRow.waitFor();
  assert.match((await outsiderRow.textContent()) ?? '', /BROWSE_PROJECT: granted to the user/);

  // API-5: a key the server refuses is shown next to its field, in plain words, and the field is marked invalid.
  await form.getByLabel('Project key').fill('9LIVES');
  await form.getByRole('button', { name: 'Show' }).click();
  const keyError = form.getByRole('alert');
  await keyError.waitFor();
  assert.match(await keyError.innerText(), /capital letters/);
  assert.equal(await form.getByLabel('Project key').getAttribute('aria-invalid'), 'true');

  // EXPL-3: granting an app role shows whose areas change before anything is saved.
  await page.getByRole('tab', { name: 'App roles' }).click();
  const grantForm = page.getByRole('form', { name: 'Grant an app role' });
  await grantForm.getByLabel('Role').selectOption('timesheet_approver');
  await grantForm.getByLabel('Group', { exact: true }).selectOption({ label: finance.name });
  await grantForm.getByRole('button', { name: 'Preview' }).click();
  const previewRow = grantForm
    .getByRole('region', { name: 'Preview of changes' })
    .getByRole('row', { name: new RegExp(insider.login) });
  await previewRow.waitFor();
  assert.match((await previewRow.textContent()) ?? '', /App areas\s*Timesheet Approval/);
  assert.equal(
    (await db.selectFrom('app_role_grants').select('id').where('role', '=', 'timesheet_approver').execute()).length,
    0,
    'a preview saves nothing',
  );
  await grantForm.getByRole('button', { name: 'Grant role' }).click();
  await page
    .getByRole('row', { name: /^timesheet_approver/ })
    .getByText(finance.name)
    .waitFor();
  await screenshot(page, 'who-has-access-role-granted');

  assert.deepEqual(pageErrors, []);
  await context.close();
});
