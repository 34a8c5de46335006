// Guards the work-item lifecycle in the browser (PRJ-2, ITEM-8, API-4): editing in place with optimistic versions,
// creating children and siblings, moving by the picker and by drag and drop (a refusal shows the server's reason and
// its explanation), copy and paste, delete to the trash, restore and purge, the tree's keyboard, and empty states —
// at 1280×800 and 390×844, without console errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/index.js';
import { recomputeGoverning } from '../../src/modules/security/repo.js';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { logWork } from '../security/fixtures.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** A signed-in page at a viewport, collecting uncaught errors and console errors (refused requests the test expects aside). */
async function open(browser: Browser, url: string, user: { login: string; password: string }, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: unknown[] = watchPageErrors(page);
  page.on('console', (message) => {
    const expected = /Failed to load resource: the server responded with a status of (401|403|409)/;
    if (message.type() === 'error' && !expected.test(message.text())) errors.push(message.text());
  });
  await page.goto(url);
  await signInThroughForm(page, user.login, user.password);
  return { context, page, errors };
}

/** A user with the project permissions on a fresh project; a short login, so the header fits a phone. */
async function projectFor(db: Database, key: string, permissions: Parameters<typeof grant>[2]) {
  const user = await createUser(db, { login: key.toLowerCase() });
  const project = await createProject(db, { key, name: `Project ${key}` });
  await grant(db, project.id, permissions, { userId: user.id });
  const item = (title: string, parentId?: number) => createItem(db, { projectId: project.id, title, parentId });
  return { user, project, item };
}

const itemRow = (db: Database, key: string) =>
  db.selectFrom('work_items').selectAll().where('key', '=', key).executeTakeFirst();

/** Waits until the tree shows the item in one place only (each level refetches after a move). */
const shownOnce = (page: Page, key: string) =>
  page.waitForFunction((k) => document.querySelectorAll(`[data-key="${k}"]`).length === 1, key);

async function noHorizontalScroll(page: Page) {
  const { scroll, client, wide } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    wide: Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName}.${el.className}`),
  }));
  assert.ok(scroll <= client, `the page scrolls sideways (${scroll} > ${client}): ${wide.join(', ')}`);
}

test('PRJ-2, ITEM-8, API-4: the item page edits title, status and description in place, a stale version says to reload, and creates a child', async () => {
  const { db } = suite.server;
  const w = await projectFor(db, 'EDIT', ['ADMINISTER_PROJECT']);
  const plan = await w.item('Draft plan');
  const { context, page, errors } = await open(suite.browser, `${suite.server.url}/#/items/${plan.key}`, w.user);

  await page.getByRole('button', { name: 'Edit title' }).click();
  await page.getByLabel('Title').fill('Final plan');
  await page.getByRole('button', { name: 'Save title' }).click();
  await page.getByRole('heading', { level: 1, name: /Final plan/ }).waitFor();
  assert.equal((await itemRow(db, plan.key))?.title, 'Final plan');

  await page.getByLabel('Status').selectOption('in_progress');
  await page.getByText('Saving…').waitFor({ state: 'detached' });
  await page.waitForFunction(() => (document.querySelector('select') as HTMLSelectElement).value === 'in_progress');
  assert.equal((await itemRow(db, plan.key))?.status, 'in_progress');

  // Someone else changes the item meanwhile: saving is refused, not overwritten, and says to reload.
  await db
    .updateTable('work_items')
    .set((eb) => ({ title: 'Changed elsewhere', version: eb('version', '+', 1) }))
    .where('id', '=', plan.id)
    .execute();
  await page.getByRole('button', { name: 'Edit description' }).click();
  await page.getByLabel('Description').fill('Three steps.');
  await page.getByRole('button', { name: 'Save description' }).click();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /changed since version \d+; reload/);
  assert.equal((await itemRow(db, plan.key))?.description, '');
  await page.getByRole('button', { name: 'Reload' }).click();
  await page.getByRole('heading', { level: 1, name: /Changed elsewhere/ }).waitFor();
  await page.getByRole('button', { name: 'Save description' }).click();
  await page.getByText('Three steps.').waitFor();
  assert.equal((await itemRow(db, plan.key))?.description, 'Three steps.');

  await page.getByRole('button', { name: 'New child item' }).click();
  const dialog = page.getByRole('dialog', { name: `New item under ${plan.key}` });
  await dialog.getByLabel('Title').fill('Step one');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page
    .getByRole('status')
    .getByText(/Created EDIT-\d+\./)
    .waitFor();
  const child = await db.selectFrom('work_items').selectAll().where('title', '=', 'Step one').executeTakeFirstOrThrow();
  assert.equal(child.parent_id, plan.id);

  await page.getByRole('button', { name: 'New sibling item' }).click();
  const sibling = page.getByRole('dialog', { name: 'New item' });
  await sibling.getByText('At the top of EDIT.').waitFor();
  await sibling.getByLabel('Title').fill('Next plan');
  await sibling.getByRole('button', { name: 'Create' }).click();
  await sibling.waitFor({ state: 'detached' });
  const next = await db.selectFrom('work_items').selectAll().where('title', '=', 'Next plan').executeTakeFirstOrThrow();
  assert.equal(next.parent_id, null);
  await screenshot(page, 'item-lifecycle-edit');
  assert.deepEqual(errors.map(String), []);
  await context.close();
});

test('ITEM-8: an item moves with the Move to… picker and by drag and drop; a refused move shows the server’s reason and its explanation', async () => {
  const { db } = suite.server;
  const w = await projectFor(db, 'MOVE', ['BROWSE_PROJECT', 'EDIT_ISSUES']);
  const alpha = await w.item('Alpha');
  const beta = await w.item('Beta');
  const gamma = await w.item('Gamma');
  const locked = await w.item('Locked target');
  // The user may view the locked target but not edit it (ITEM-3: no allow for edit).
  await db.insertInto('item_security').values({ item_id: locked.id, project_id: w.project.id }).execute();
  await db
    .insertInto('item_security_entries')
    .values({ item_id: locked.id, subject_kind: 'user', subject_id: w.user.id, view: 'allow', edit: 'unset' })
    .execute();
  await recomputeGoverning(db, locked.id);
  const { context, page, errors } = await open(suite.browser, `${suite.server.url}/#/projects/MOVE`, w.user);
  const tree = page.getByRole('tree', { name: 'Work items of MOVE' });

  await tree.getByRole('button', { name: `Actions for ${alpha.key}` }).click();
  await page.getByRole('menuitem', { name: 'Move to…' }).click();
  const picker = page.getByRole('dialog', { name: `Move ${alpha.key} to…` });
  await picker.getByRole('radio', { name: `Top level of MOVE (where it is now)` }).waitFor();
  await picker.getByLabel('Search by key or title').fill('bet');
  await picker.getByRole('radio', { name: /Gamma/ }).waitFor({ state: 'detached' });
  await picker.getByRole('radio', { name: `${beta.key} Beta` }).check();
  await picker.getByRole('button', { name: 'Move', exact: true }).click();
  await page.getByRole('status').getByText(`Moved ${alpha.key} under ${beta.key}.`).waitFor();
  assert.equal((await itemRow(db, alpha.key))?.parent_id, beta.id);
  // Beta opens to show Alpha in its new place; the top level, refetched, no longer lists it.
  await tree
    .getByRole('treeitem', { name: `${beta.key} Beta` })
    .getByRole('treeitem', { name: `${alpha.key} Alpha` })
    .waitFor();
  await shownOnce(page, alpha.key);

  await page.locator(`#treeitem-${gamma.key} > .tree-row`).dragTo(page.locator(`#treeitem-${beta.key} > .tree-row`));
  await page.getByRole('status').getByText(`Moved ${gamma.key} under ${beta.key}.`).waitFor();
  assert.equal((await itemRow(db, gamma.key))?.parent_id, beta.id);
  await shownOnce(page, gamma.key);

  const refused = page.waitForResponse((r) => r.url().endsWith(`/items/${gamma.key}/move`));
  await page.locator(`#treeitem-${gamma.key} > .tree-row`).dragTo(page.locator(`#treeitem-${locked.key} > .tree-row`));
  const problem = (await (await refused).json()) as { status: number; detail: string };
  assert.equal(problem.status, 403);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.textContent(), `Cannot move ${gamma.key} under ${locked.key}: ${problem.detail}`);
  await page.getByRole('button', { name: 'Why?' }).click();
  const explanation = page.getByRole('region', { name: 'Explanation' });
  await explanation.getByText('Denied').waitFor();
  assert.ok(
    ((await explanation.textContent()) ?? '').includes(problem.detail),
    'the explanation gives the same reason',
  );
  assert.equal((await itemRow(db, gamma.key))?.parent_id, beta.id, 'nothing moved');
  await screenshot(page, 'item-lifecycle-refused-move');
  assert.deepEqual(errors.map(String), []);
  await context.close();
});

test('ITEM-8: keyboard only on a phone — the tree moves with arrows, copy and paste go through the row menu, Enter opens', async () => {
  const { db } = suite.server;
  const w = await projectFor(db, 'KEYS', ['BROWSE_PROJECT', 'EDIT_ISSUES']);
  const parent = await w.item('Parent');
  const child = await w.item('Child', parent.id);
  const other = await w.item('Other');
  const { context, page, errors } = await open(suite.browser, `${suite.server.url}/#/projects/KEYS`, w.user, PHONE);
  const tree = page.getByRole('tree', { name: 'Work items of KEYS' });
  await tree.getByRole('treeitem').first().waitFor();
  const activeRow = () => tree.getAttribute('aria-activedescendant');

  for (let i = 0; i < 40 && !(await tree.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  assert.equal(await activeRow(), `treeitem-${parent.key}`, 'the tab stop lands on the first row');
  await page.keyboard.press('ArrowRight');
  await tree.getByRole('treeitem', { name: `${child.key} Child` }).waitFor();
  assert.equal(
    await tree.getByRole('treeitem', { name: `${parent.key} Parent` }).getAttribute('aria-expanded'),
    'true',
  );
  await page.keyboard.press('ArrowRight');
  assert.equal(await activeRow(), `treeitem-${child.key}`);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await activeRow(), `treeitem-${parent.key}`);
  await page.keyboard.press('End');
  assert.equal(await activeRow(), `treeitem-${other.key}`);

  /** Opens the active row's menu with Shift+F10 and chooses an entry with the arrows and Enter. */
  async function choose(label: string) {
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem').first().waitFor();
    const labels = await menu.getByRole('menuitem').allTextContents();
    assert.ok(labels.includes(label), `the menu offers ${label}: ${labels.join(', ')}`);
    for (let i = 0; i < labels.indexOf(label); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
  }

  await choose('Copy');
  await page.getByRole('region', { name: 'Clipboard' }).getByText(other.key).waitFor();
  assert.ok(await tree.evaluate((el) => el === document.activeElement), 'focus is back on the tree');
  await page.keyboard.press('Home');
  await choose(`Paste ${other.key} here`);
  await page
    .getByRole('status')
    .getByText(new RegExp(`Pasted a copy of ${other.key} as KEYS-\\d+ under ${parent.key}`))
    .waitFor();
  const copy = await db
    .selectFrom('work_items')
    .selectAll()
    .where('title', '=', 'Other')
    .where('parent_id', '=', parent.id)
    .executeTakeFirstOrThrow();
  await page.waitForFunction(
    (id) => document.querySelector('[role="tree"]')?.getAttribute('aria-activedescendant') === id,
    `treeitem-${copy.key}`,
  );
  await noHorizontalScroll(page);

  await tree.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`#/items/${copy.key}$`));
  await page.getByRole('heading', { level: 1, name: /Other/ }).waitFor();
  await noHorizontalScroll(page);
  await screenshot(page, 'item-lifecycle-keyboard-phone');
  assert.deepEqual(errors.map(String), []);
  await context.close();
});

test('ITEM-8: delete sends an item to the trash; the trash tab restores and purges it (work logs block a purge); empty states say what to do', async () => {
  const { db } = suite.server;
  const w = await projectFor(db, 'BIN', ['ADMINISTER_PROJECT']);
  const { context, page, errors } = await open(suite.browser, `${suite.server.url}/#/projects/BIN`, w.user, PHONE);

  await page.getByText('No work items yet — create the first item.').waitFor();
  await page.getByRole('button', { name: 'Create the first item' }).click();
  await page.getByRole('dialog', { name: 'New item' }).getByLabel('Title').fill('First');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const tree = page.getByRole('tree', { name: 'Work items of BIN' });
  await tree.getByRole('treeitem', { name: 'BIN-1 First' }).waitFor();
  await noHorizontalScroll(page);

  await page.goto(`${suite.server.url}/#/projects/BIN/trash`);
  await page.getByText(/The trash is empty/).waitFor();

  await page.goto(`${suite.server.url}/#/projects/BIN`);
  await tree.getByRole('button', { name: 'Actions for BIN-1' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await page.getByRole('dialog', { name: 'Delete BIN-1?' }).getByRole('button', { name: 'Move to trash' }).click();
  await page.getByRole('status').getByText('Moved BIN-1 to the trash.').waitFor();
  await page.getByText('No work items yet — create the first item.').waitFor();
  assert.notEqual((await itemRow(db, 'BIN-1'))?.deleted_at, null);

  await page.getByRole('tab', { name: 'Trash' }).click();
  await page.getByRole('button', { name: 'Restore BIN-1' }).click();
  await page.getByRole('status').getByText('Restored BIN-1 to the tree.').waitFor();
  assert.equal((await itemRow(db, 'BIN-1'))?.deleted_at, null);

  // Deleting from the item page leaves for the project's tree.
  await page.getByRole('link', { name: 'Open BIN-1' }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog', { name: 'Delete BIN-1?' }).getByRole('button', { name: 'Move to trash' }).click();
  await page.waitForURL(/#\/projects\/BIN$/);
  await page.goto(`${suite.server.url}/#/projects/BIN/trash`);
  await page.getByRole('button', { name: 'Purge BIN-1' }).click();
  await page.getByRole('dialog', { name: 'Purge BIN-1?' }).getByRole('button', { name: 'Purge for good' }).click();
  await page.getByRole('status').getByText('Purged BIN-1 for good.').waitFor();
  await page.getByText(/The trash is empty/).waitFor();
  assert.equal(await itemRow(db, 'BIN-1'), undefined);

  const logged = await w.item('Logged');
  await logWork(db, logged, w.user.id);
  await db
    .updateTable('work_items')
    .set({ deleted_at: new Date(), deleted_by: w.user.id })
    .where('id', '=', logged.id)
    .execute();
  await page.reload();
  await page.getByRole('button', { name: `Purge ${logged.key}` }).click();
  const purge = page.getByRole('dialog', { name: `Purge ${logged.key}?` });
  await purge.getByRole('button', { name: 'Purge for good' }).click();
  assert.match((await purge.getByRole('alert').textContent()) ?? '', /1 work log is recorded on .* cannot be purged/);
  assert.ok(await itemRow(db, logged.key), 'the item stays');
  await noHorizontalScroll(page);
  await screenshot(page, 'item-lifecycle-trash-phone');
  assert.deepEqual(errors.map(String), []);
  await context.close();
});
