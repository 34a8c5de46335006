// Guards EXPL-1 in the browser: "Why can't I…?" shows a user the rule that decided for them — logging work for the date in its
// date field, and says which date — and an admin's "Check access" for that user, on a project the admin may browse, shows the same rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { createAppAdmin } from './fixtures.js';

const suite = browserSuite();

test('EXPL-1: a user without WORK_ON_ISSUES sees the deciding rule in "Why can\'t I…?", and Check access shows the same (PRJ-5)', async () => {
  const { db } = suite.server;
  const admin = await createAppAdmin(db);
  const reader = await createUser(db);
  const project = await createProject(db, { key: 'WHY', name: 'Why project' });
  await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES'], { userId: reader.id });
  // Administrators explain only what they may see themselves (EXPL-1).
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: admin.id });
  const item = await createItem(db, { projectId: project.id, title: 'Write the release notes' });

  const readerContext = await suite.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const readerPage = await readerContext.newPage();
  const readerErrors = watchPageErrors(readerPage);
  await readerPage.goto(`${suite.server.url}/#/items/${item.key}`);
  await signInThroughForm(readerPage, reader.login, reader.password);
  await readerPage.getByRole('heading', { name: /Write the release notes/ }).waitFor();
  assert.equal(await readerPage.getByRole('button', { name: 'Log work' }).count(), 0);

  await readerPage.getByRole('button', { name: "Why can't I…?" }).click();
  const dialog = readerPage.getByRole('dialog', { name: "Why can't I…?" });
  await dialog.getByLabel('Action').selectOption({ label: 'Log work' });
  const verdict = dialog.getByRole('status');
  await verdict.filter({ hasText: 'Denied' }).waitFor();
  // Logging work depends on the date: the dialog asks for the date in its field (today by default) and says which.
  const shown = await dialog.getByLabel('Work date').inputValue();
  const shownInLocale = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${shown}T00:00:00Z`),
  );
  assert.match(await verdict.innerText(), new RegExp(`explained for ${shownInLocale}`));
  await dialog.getByLabel('Work date').fill('2026-11-02');
  // Dates read in the browser's locale (en-US in the tests), as everywhere in the UI.
  await verdict.filter({ hasText: 'explained for Nov 2, 2026' }).waitFor();
  const deciding = await dialog.getByRole('group', { name: 'Deciding rule' }).innerText();
  assert.match(deciding, /Project permissions/);
  assert.match(deciding, /WORK_ON_ISSUES is not granted on WHY/);
  const layers = await dialog
    .getByRole('list', { name: 'Layers consulted, in order' })
    .getByRole('listitem')
    .allInnerTexts();
  assert.match(layers[0], /^Identity\s+allow/, 'identity is consulted first');
  assert.match(layers[layers.length - 1], /WORK_ON_ISSUES/, 'the deciding layer is the last one consulted');
  await screenshot(readerPage, 'explain-why-cant-i');

  // Editing is allowed for the same user: the dialog answers for each action, not one verdict for all.
  await dialog.getByLabel('Action').selectOption({ label: 'Edit this item' });
  await verdict.filter({ hasText: 'Allowed' }).waitFor();

  const adminContext = await suite.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const adminPage = await adminContext.newPage();
  const adminErrors = watchPageErrors(adminPage);
  await adminPage.goto(`${suite.server.url}/#/admin/check`);
  await signInThroughForm(adminPage, admin.login, admin.password);
  const form = adminPage.getByRole('form', { name: 'Check access' });
  await form.getByLabel('Find user').fill(reader.login);
  await form.locator('option', { hasText: `(${reader.login})` }).waitFor({ state: 'attached' });
  await form.getByLabel('User', { exact: true }).selectOption(String(reader.id));
  await form.getByLabel('Action').selectOption('worklog.create');
  await form.getByLabel('Work item key').fill(item.key);
  await form.getByLabel('Work date').fill('2026-11-02');
  await form.getByRole('button', { name: 'Check' }).click();
  const adminDeciding = adminPage.getByRole('group', { name: 'Deciding rule' });
  await adminDeciding.waitFor();
  assert.equal(await adminDeciding.innerText(), deciding, 'the admin sees the rule the user saw');
  assert.match(
    await adminPage.getByRole('status').innerText(),
    new RegExp(`Denied: .*\\(${reader.login}\\).*explained for Nov 2, 2026`),
  );
  await screenshot(adminPage, 'explain-check-access');

  assert.deepEqual(readerErrors, []);
  assert.deepEqual(adminErrors, []);
  await readerContext.close();
  await adminContext.close();
});
