// Guards PRJ-1 and API-6 in the UI: an administrator creates a project from the project list (a bad key is shown at
// the key field; a new client is added on the way), edits it in its Settings tab (a stale version is said plainly),
// archives it — it leaves the default list and shows, marked, under "Show archived" — and unarchives it; by keyboard,
// at 1280×800 and at 390×844 without horizontal scrolling, and without console errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createUser } from '../helpers/harness.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { createAppAdmin } from './fixtures.js';

const suite = browserSuite();

async function assertNoHorizontalScroll(page: Page, what: string) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${what}: the page is ${scroll}px wide in a ${width}px window`);
}

const projectRow = (key: string) => suite.server.db.selectFrom('projects').selectAll().where('key', '=', key);

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`PRJ-1, API-6: create a project from the list, edit it in Settings, archive and unarchive it (${viewport.width}×${viewport.height}, keyboard)`, async () => {
    const { db, url } = suite.server;
    const tag = viewport.width;
    const key = `WEB${tag}`;
    const admin = await createAppAdmin(db);
    const context = await suite.browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(url);
    await signInThroughForm(page, admin.login, admin.password);
    await page.goto(`${url}/#/projects`);

    // New project, by keyboard: the button, a bad key first (shown at the key), then the good one.
    await page.getByRole('button', { name: 'New project' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await page.keyboard.type('1AB');
    await page.keyboard.press('Tab');
    await page.keyboard.type(`Website ${tag}`);
    await page.keyboard.press('Enter');
    await dialog.getByRole('alert').waitFor();
    assert.match((await dialog.getByRole('alert').textContent()) ?? '', /capital letters/);
    assert.equal(await dialog.getByLabel('Key').getAttribute('aria-invalid'), 'true');
    await dialog.getByLabel('Key').fill('');
    await dialog.getByLabel('Key').focus();
    await page.keyboard.type(key.toLowerCase());
    assert.equal(await dialog.getByLabel('Key').inputValue(), key, 'keys are typed in capitals');
    // A client that does not exist yet: added here, then chosen.
    await dialog.getByRole('button', { name: 'New client…' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type(`Acme ${tag}`);
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'New client…' }).waitFor();
    assert.equal(await dialog.getByLabel('Client').locator('option:checked').textContent(), `Acme ${tag}`);
    await dialog.getByLabel('Timesheet period').selectOption('month');
    await assertNoHorizontalScroll(page, 'new project dialog');
    await screenshot(page, `project-new-${tag}`);
    await dialog.getByRole('button', { name: 'Create project' }).focus();
    await page.keyboard.press('Enter');

    // The new project opens; its Settings tab edits it.
    await page.getByRole('heading', { level: 1, name: new RegExp(`Website ${tag}`) }).waitFor();
    assert.equal(new URL(page.url()).hash, `#/projects/${key}`);
    const created = await projectRow(key).executeTakeFirstOrThrow();
    assert.equal(created.period_length, 'month');
    assert.notEqual(created.client_id, null);
    await page.getByRole('tab', { name: 'Settings' }).focus();
    await page.keyboard.press('Enter');
    const name = page.getByLabel('Name', { exact: true });
    await name.fill(`Website relaunch ${tag}`);
    await page.getByLabel('Team & price-list check').selectOption('disabled');
    await name.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Website relaunch ${tag}`) }).waitFor();
    assert.equal((await projectRow(key).executeTakeFirstOrThrow()).team_checks, 'disabled');

    // Someone else saves meanwhile: nothing is saved here, and the screen says so plainly.
    await db
      .updateTable('projects')
      .set((eb) => ({ name: `Renamed elsewhere ${tag}`, version: eb('version', '+', 1) }))
      .where('key', '=', key)
      .execute();
    await name.fill(`Lost edit ${tag}`);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else changed this project' }).waitFor();
    assert.equal((await projectRow(key).executeTakeFirstOrThrow()).name, `Renamed elsewhere ${tag}`);
    await page.getByRole('button', { name: 'Reload the project' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Renamed elsewhere ${tag}`) }).waitFor();
    assert.equal(await name.inputValue(), `Renamed elsewhere ${tag}`);
    await assertNoHorizontalScroll(page, 'settings tab');
    await screenshot(page, `project-settings-${tag}`);

    // Archive, after a confirmation.
    await page.getByRole('button', { name: 'Archive project…' }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: `Archive ${key}?` });
    await confirm.getByRole('button', { name: 'Archive project' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Unarchive project' }).waitFor();
    assert.notEqual((await projectRow(key).executeTakeFirstOrThrow()).archived_at, null);
    await page.goto(`${url}/#/projects/${key}`);
    await page.getByRole('heading', { level: 1, name: /Archived/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'New item' }).count(), 0, 'no new items');

    // It leaves the default list and shows, marked, under "Show archived".
    await page.goto(`${url}/#/projects`);
    const row = page.getByRole('row', { name: new RegExp(key) });
    await page.getByRole('table', { name: 'Projects' }).or(page.getByText('No active projects.')).first().waitFor();
    assert.equal(await row.count(), 0);
    await page.getByLabel('Show archived').focus();
    await page.keyboard.press('Space');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Archived/);
    await assertNoHorizontalScroll(page, 'project list');
    await screenshot(page, `project-list-archived-${tag}`);

    // Unarchive: back in the default list.
    await row.getByRole('link').click();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Unarchive project' }).click();
    await page.getByRole('button', { name: 'Archive project…' }).waitFor();
    await page.goto(`${url}/#/projects`);
    await page.getByRole('row', { name: new RegExp(key) }).waitFor();

    const actions = await db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', admin.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['client.create', 'project.create', 'project.update', 'project.archive', 'project.unarchive'],
    );
    assert.deepEqual(errors.map(String), []);
    assert.deepEqual(
      // The session probe before signing in answers 401, the bad key 400 and the stale save 409: all expected answers.
      consoleErrors.filter((text) => !/status of (400|401|409)/.test(text)),
      [],
    );
    await context.close();
  });
}

test('API-6: a user who may not create projects sees no "New project" button, and an empty state saying what to do', async () => {
  const user = await createUser(suite.server.db);
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(suite.server.url);
  await signInThroughForm(page, user.login, user.password);
  await page.goto(`${suite.server.url}/#/projects`);
  await page.getByText('Ask a project administrator').waitFor();
  assert.equal(await page.getByRole('button', { name: 'New project' }).count(), 0);
  assert.deepEqual(errors.map(String), []);
  await context.close();
});
