// Guards ITEM-3 and ITEM-4 in the browser: a project administrator's setting from the security dialog decides who sees the item (tree and direct link), and a setting without any allow is saved only after the lockout warning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createGroup, createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();

async function openSecurity(page: Page, itemKey: string, mode = 'No item security: project permissions apply.') {
  await page.goto(`${suite.server.url}/#/items/${itemKey}`);
  await page.getByRole('button', { name: 'Security…' }).click();
  const dialog = page.getByRole('dialog', { name: `Security of ${itemKey}` });
  await dialog.getByText(mode).waitFor();
  return dialog;
}

/** Gives the item its own setting allowing the group to view and edit. */
async function saveOwnSetting(page: Page, itemKey: string, groupName: string) {
  await page.goto(`${suite.server.url}/#/items/${itemKey}`);
  await page.getByRole('button', { name: 'Security…' }).click();
  const dialog = page.getByRole('dialog', { name: `Security of ${itemKey}` });
  await dialog.locator('.security-mode').waitFor();
  // An inherited setting starts the draft with the ancestor's entries.
  if ((await dialog.getByLabel(`View for group ${groupName}`).count()) === 0) {
    await dialog.getByLabel('Subject type').selectOption('group');
    await dialog.getByLabel('Group', { exact: true }).selectOption({ label: groupName });
    await dialog.getByRole('button', { name: 'Add entry' }).click();
  }
  await dialog.getByLabel(`Edit for group ${groupName}`).selectOption('allow');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.getByText('This item has its own setting.').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
}

test('ITEM-3, ITEM-4: a project admin allows one group to view an item; others lose it in the tree and by link; no allow needs confirmation', async () => {
  const { db } = suite.server;
  const projectAdmin = await createUser(db);
  const insider = await createUser(db);
  const outsider = await createUser(db);
  const payroll = await createGroup(db, [projectAdmin.id, insider.id], 'payroll');
  const project = await createProject(db, { key: 'SEC', name: 'Secure project' });
  await grant(db, project.id, 'ADMINISTER_PROJECT', { userId: projectAdmin.id });
  await grant(db, project.id, 'BROWSE_PROJECT', { groupId: payroll.id });
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: outsider.id });
  const salaries = await createItem(db, { projectId: project.id, title: 'Salaries' });
  const bonus = await createItem(db, { projectId: project.id, title: 'Bonus plan', parentId: salaries.id });
  const roadmap = await createItem(db, { projectId: project.id, title: 'Public roadmap' });

  const outsiderContext = await suite.browser.newContext({ viewport: { width: 1100, height: 750 } });
  const outsiderPage = await outsiderContext.newPage();
  const outsiderErrors = watchPageErrors(outsiderPage);
  await outsiderPage.goto(`${suite.server.url}/#/projects/SEC`);
  await signInThroughForm(outsiderPage, outsider.login, outsider.password);
  await outsiderPage.getByRole('link', { name: /Salaries/ }).waitFor();
  assert.equal(await outsiderPage.getByRole('button', { name: 'Security…' }).count(), 0);

  const adminContext = await suite.browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const adminPage = await adminContext.newPage();
  const adminErrors = watchPageErrors(adminPage);
  await adminPage.goto(suite.server.url);
  await signInThroughForm(adminPage, projectAdmin.login, projectAdmin.password);

  const dialog = await openSecurity(adminPage, salaries.key);
  // The project admin holds no Administration area: groups come from the project's own grants.
  await dialog.getByLabel('Subject type').selectOption('group');
  await dialog.getByLabel('Group', { exact: true }).selectOption({ label: payroll.name });
  await dialog.getByRole('button', { name: 'Add entry' }).click();
  assert.equal(await dialog.getByLabel(`View for group ${payroll.name}`).inputValue(), 'allow');
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  const preview = dialog.getByRole('region', { name: 'Preview of changes' });
  await preview.getByRole('row', { name: new RegExp(`${outsider.login}\\s+${salaries.key}`) }).waitFor();
  assert.match(
    await preview.innerText(),
    new RegExp(`${outsider.login}\\s+${bonus.key}\\s+—\\s+view`),
    'the inheriting child is in the preview',
  );
  await screenshot(adminPage, 'item-security-preview');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await dialog.getByText('This item has its own setting.').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // ITEM-3: the outsider matches no allow — the item and its inheriting child are gone from the tree and by link.
  await outsiderPage.reload();
  await outsiderPage.getByRole('link', { name: /Public roadmap/ }).waitFor();
  assert.equal(await outsiderPage.getByRole('link', { name: /Salaries/ }).count(), 0);
  for (const key of [salaries.key, bonus.key]) {
    await outsiderPage.goto(`${suite.server.url}/#/items/${key}`);
    await outsiderPage.getByRole('heading', { name: 'Not found' }).waitFor();
  }

  // ITEM-4: a setting without any allow is refused until confirmed.
  const lockDialog = await openSecurity(adminPage, roadmap.key);
  await lockDialog.getByLabel('Subject type').selectOption('group');
  await lockDialog.getByLabel('Group', { exact: true }).selectOption({ label: payroll.name });
  await lockDialog.getByRole('button', { name: 'Add entry' }).click();
  await lockDialog.getByLabel(`View for group ${payroll.name}`).selectOption('deny');
  await lockDialog.getByRole('button', { name: 'Save', exact: true }).click();
  const warning = lockDialog.getByRole('alert').filter({ hasText: 'No entry allows view.' });
  await warning.waitFor();
  await screenshot(adminPage, 'item-security-lockout');
  const unsaved = await db
    .selectFrom('item_security')
    .select('item_id')
    .where('item_id', '=', roadmap.id)
    .executeTakeFirst();
  assert.equal(unsaved, undefined, 'nothing is saved before the confirmation');
  await warning.getByRole('button', { name: 'Save anyway' }).click();
  // Confirmed: the setting is saved, and it locks the project admin (no system administrator) out as well.
  await adminPage.getByRole('heading', { name: 'Not found' }).waitFor();
  const saved = await db
    .selectFrom('item_security')
    .select('item_id')
    .where('item_id', '=', roadmap.id)
    .executeTakeFirst();
  assert.ok(saved, 'the confirmed setting is saved');

  assert.deepEqual(adminErrors, []);
  assert.deepEqual(outsiderErrors, []);
  await adminContext.close();
  await outsiderContext.close();
});

test('ITEM-2, ITEM-6, ITEM-7: the dialog shows inheritance, switches back to inheriting, applies to children and clears with or without the subtree', async () => {
  const { db } = suite.server;
  const projectAdmin = await createUser(db);
  const team = await createGroup(db, [projectAdmin.id], 'builders');
  const project = await createProject(db, { key: 'TREESEC', name: 'Tree security' });
  await grant(db, project.id, 'ADMINISTER_PROJECT', { userId: projectAdmin.id });
  await grant(db, project.id, 'BROWSE_PROJECT', { groupId: team.id });
  const parent = await createItem(db, { projectId: project.id, title: 'Parent' });
  const child = await createItem(db, { projectId: project.id, title: 'Child', parentId: parent.id });
  const grandchild = await createItem(db, { projectId: project.id, title: 'Grandchild', parentId: child.id });
  const ownSettings = async () =>
    (await db.selectFrom('item_security').select('item_id').where('project_id', '=', project.id).execute())
      .map((r) => r.item_id)
      .sort((a, b) => a - b);

  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 1100 } });
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);
  await page.goto(suite.server.url);
  await signInThroughForm(page, projectAdmin.login, projectAdmin.password);

  await saveOwnSetting(page, parent.key, team.name);
  await saveOwnSetting(page, child.key, team.name);
  assert.deepEqual(await ownSettings(), [parent.id, child.id]);

  // ITEM-2: the grandchild follows its nearest secured ancestor, and says which.
  let dialog = await openSecurity(page, grandchild.key, `Inherited from ${child.key}.`);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // ITEM-6: an item with its own setting switches back to inheriting.
  dialog = await openSecurity(page, child.key, 'This item has its own setting.');
  await dialog.getByRole('button', { name: 'Inherit from parent' }).click();
  await dialog.getByText(`Inherited from ${parent.key}.`).waitFor();
  assert.deepEqual(await ownSettings(), [parent.id]);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // ITEM-6: "Apply this setting to all child items" removes the descendants' own settings.
  await saveOwnSetting(page, child.key, team.name);
  dialog = await openSecurity(page, parent.key, 'This item has its own setting.');
  const children = dialog.getByRole('region', { name: 'Child items with their own setting' });
  await children.getByRole('link', { name: child.key }).waitFor();
  await screenshot(page, 'item-security-children');
  await dialog.getByLabel('Apply this setting to all child items').check();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.equal(await children.count(), 0);
  assert.deepEqual(await ownSettings(), [parent.id]);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // ITEM-7: "Clear settings" alone keeps the children's own settings; with "Clear all child items too" the subtree goes.
  await saveOwnSetting(page, child.key, team.name);
  dialog = await openSecurity(page, parent.key, 'This item has its own setting.');
  await dialog.getByRole('button', { name: 'Clear settings' }).click();
  await dialog.getByText('No item security: project permissions apply.').waitFor();
  assert.deepEqual(await ownSettings(), [child.id]);
  await children.getByRole('link', { name: child.key }).waitFor();
  await dialog.getByLabel('Clear all child items too').check();
  await dialog.getByRole('button', { name: 'Clear settings' }).click();
  await dialog.getByRole('status').filter({ hasText: 'all its child items' }).waitFor();
  assert.equal(await children.count(), 0);
  assert.deepEqual(await ownSettings(), []);

  assert.deepEqual(pageErrors, []);
  await context.close();
});
