// Guards ID-6 in the UI: deleting a group opens a dialog listing what goes with it and whose access changes,
// deletes only on confirmation at the version previewed, and previews again when the group changed meanwhile.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGroup, createProject, createUser, grant } from '../helpers/harness.js';
import { browserSuite, screenshot } from './browser.js';
import { createAppAdmin, signedInPage } from './fixtures.js';

const suite = browserSuite();

test("ID-6: an administrator sees what a group's deletion removes and whose access changes, then confirms it", async () => {
  const { db } = suite.server;
  const admin = await createAppAdmin(db);
  const project = await createProject(db, { name: 'Payroll' });
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: admin.id });
  const member = await createUser(db, { login: 'contractor' });
  const group = await createGroup(db, [member.id], 'Contractors');
  await grant(db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { groupId: group.id });
  await db.insertInto('deny_grants').values({ permission: 'ISSUE_TIME_TABS', group_id: group.id }).execute();

  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, admin);
  await page.goto(`${suite.server.url}/#/admin/groups`);
  await page.getByRole('button', { name: 'Delete group Contractors' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete group Contractors' });
  await dialog.getByRole('region', { name: 'Project permissions' }).waitFor();
  assert.match(
    (await dialog.getByRole('region', { name: 'Project permissions' }).textContent()) ?? '',
    new RegExp(`BROWSE_PROJECT on ${project.key}`),
  );
  assert.match(
    (await dialog.getByRole('region', { name: 'Members who leave the group' }).textContent()) ?? '',
    /contractor/,
  );
  assert.match(
    (await dialog.getByRole('region', { name: 'Deny permissions' }).textContent()) ?? '',
    /DENY ISSUE_TIME_TABS/,
  );
  const changes = dialog.getByRole('region', { name: 'Whose access changes' });
  const loses = changes.getByRole('row', { name: new RegExp(`contractor.*project ${project.key}`) });
  assert.match((await loses.textContent()) ?? '', /BROWSE_PROJECT/);
  await screenshot(page, 'group-deletion-preview');

  // Someone adds a member meanwhile: the deletion is refused, and the dialog shows the new state.
  const late = await createUser(db, { login: 'latecomer' });
  await db.insertInto('group_members').values({ group_id: group.id, user_id: late.id }).execute();
  await db
    .updateTable('groups')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', group.id)
    .execute();
  await dialog.getByRole('button', { name: 'Delete group and everything listed' }).click();
  await dialog.getByRole('alert').waitFor();
  assert.match((await dialog.getByRole('alert').textContent()) ?? '', /changed/);
  await dialog
    .getByRole('region', { name: 'Members who leave the group' })
    .getByText(/latecomer/)
    .waitFor();
  assert.ok(
    await db.selectFrom('groups').select('id').where('id', '=', group.id).executeTakeFirst(),
    'nothing was deleted',
  );

  await dialog.getByRole('button', { name: 'Delete group and everything listed' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: 'Contractors', exact: true }).waitFor({ state: 'detached' });
  assert.equal(await db.selectFrom('groups').select('id').where('id', '=', group.id).executeTakeFirst(), undefined);
  const audit = await db
    .selectFrom('audit_log')
    .select('before')
    .where('action', '=', 'group.delete')
    .where('entity_id', '=', String(group.id))
    .executeTakeFirstOrThrow();
  assert.deepEqual((audit.before as { members: Array<{ login: string }> }).members.map((m) => m.login).sort(), [
    'contractor',
    'latecomer',
  ]);
  assert.deepEqual(errors.map(String), []);
  await context.close();
});
