// Guards EXPL-4 in the UI (Administration → Audit log): an audit reader filters by actor, action, project and entity
// with the keyboard, the filters live in the address, and each row's change reads as a diff; rows about what the
// reader may not see leave no trace (the list, the pickers and shared links alike); money stays hidden from readers
// without a money role (PRICE-7); the tab is not offered to anyone else. At 1280×800 and 390×844, no console errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/index.js';
import { recordAudit } from '../../src/modules/audit/repo.js';
import { createItem, createProject, createUser, grant, PASSWORD } from '../helpers/harness.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { createAppAdmin } from './fixtures.js';

const suite = browserSuite();
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/** A signed-in page at a size, collecting uncaught errors and console errors. */
async function openAs(browser: Browser, url: string, login: string, size = SIZES.desktop) {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  const errors: unknown[] = watchPageErrors(page);
  page.on('console', (m) => {
    // The signed-out session probe answers 401, which the browser logs as a failed load.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  await page.goto(url);
  await signInThroughForm(page, login, PASSWORD);
  return { context, page, errors };
}

/** The elements of `scope` reaching past the window's right edge: none when the page needs no sideways scrolling. */
const overflowing = (page: Page, scope = 'body') =>
  page.evaluate((selector) => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll(`${selector}, ${selector} *`)]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 5);
  }, scope);
const rows = (page: Page) => page.getByRole('list', { name: 'Audit rows, newest first' }).getByRole('listitem');
const emptyState = (page: Page) => page.getByText('No audit rows match these filters.');

/** A change to a work item by `actorId`, as the item service records it. */
const itemChange = (db: Database, actorId: number, itemId: number, before: object, after: object) =>
  recordAudit(db, { actorId, action: 'item.update', entityType: 'work_item', entityId: itemId, before, after });

test('EXPL-4: an app admin filters by actor and action with the keyboard, reads the change as a diff, and a reload keeps the filters', async () => {
  const { db, url } = suite.server;
  const admin = await createAppAdmin(db);
  const project = await createProject(db, { name: 'Website' });
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: admin.id });
  const item = await createItem(db, { projectId: project.id, title: 'Landing page v2' });
  const alice = await createUser(db, { login: 'alice' });
  const bob = await createUser(db, { login: 'bob' });
  await itemChange(
    db,
    alice.id,
    item.id,
    { title: 'Landing page', status: 'open' },
    { title: 'Landing page v2', status: 'done' },
  );
  await itemChange(db, bob.id, item.id, { title: 'Landing page v2' }, { title: 'By bob' });
  await recordAudit(db, {
    actorId: alice.id,
    action: 'project.update',
    entityType: 'project',
    entityId: project.id,
    projectId: project.id,
    before: { name: 'Website', settings: { periodLength: 'week' } },
    after: { name: 'Website', settings: { periodLength: 'month' } },
  });

  const { context, page, errors } = await openAs(suite.browser, `${url}/#/admin/audit`, admin.login);
  await rows(page).first().waitFor();
  await page.getByLabel('Find actor').fill('alice');
  await page.getByLabel('Actor', { exact: true }).getByRole('option', { name: /alice/ }).waitFor({ state: 'attached' });
  await page.getByLabel('Actor', { exact: true }).selectOption(String(alice.id));
  await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Changed a work item' });
  await page.getByLabel('To', { exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/actorId=/);
  assert.match(page.url(), new RegExp(`#/admin/audit\\?actorId=${alice.id}&action=item.update$`));
  await page.getByText('By bob').waitFor({ state: 'detached' });

  const check = async () => {
    await rows(page).first().getByText('Changed a work item').waitFor();
    assert.equal(await rows(page).count(), 1);
    const row = rows(page).first();
    assert.match((await row.textContent()) ?? '', /User alice/);
    const link = row.getByRole('link', { name: new RegExp(`Work item #${item.id} · ${item.key} Landing page v2`) });
    assert.equal(await link.getAttribute('href'), `#/items/${item.key}`);
    const diff = (await row.locator('dl').innerText()).replace(/\s+/g, ' ');
    assert.match(diff, /title Landing page → Landing page v2/);
    assert.match(diff, /status open → done/);
  };
  await check();
  await screenshot(page, 'audit-log-filtered-desktop');

  await page.reload();
  await check();
  assert.equal(await page.getByLabel('Action', { exact: true }).inputValue(), 'item.update');
  assert.equal(await page.getByLabel('Actor', { exact: true }).inputValue(), String(alice.id));

  // Nested values read field by field: the project's settings › period length.
  await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Changed a project' });
  await page.getByRole('button', { name: 'Apply filters' }).press('Enter');
  const nested = rows(page).first().locator('dl');
  await nested.getByText('settings › period length').waitFor();
  assert.match((await nested.innerText()).replace(/\s+/g, ' '), /week → month/);
  assert.doesNotMatch(await nested.innerText(), /\bname\b/, 'unchanged fields are left out');
  const projectLink = rows(page)
    .first()
    .getByRole('link', { name: `Project ${project.key} · Website` });
  assert.equal(await projectLink.getAttribute('href'), `#/projects/${project.key}`);

  await page.setViewportSize(SIZES.phone);
  assert.deepEqual(await overflowing(page), [], 'the audit log fits a phone');
  await screenshot(page, 'audit-log-filtered-phone');
  assert.deepEqual(errors.map(String), []);
  await context.close();
});

test('EXPL-4: a reader who may not browse a project sees none of its rows — not in the list, the project picker or a shared link — and no trace of them', async () => {
  const { db, url } = suite.server;
  const worker = await createUser(db);
  const [hidden, open] = [await createProject(db, { name: 'Merger' }), await createProject(db, { name: 'Intranet' })];
  const secret = await createItem(db, { projectId: hidden.id, title: 'Secret merger plan' });
  const shown = await createItem(db, { projectId: open.id, title: 'Intranet menu' });
  await itemChange(db, worker.id, secret.id, { status: 'open' }, { status: 'done', note: 'Secret merger plan' });
  await itemChange(db, worker.id, shown.id, { status: 'open' }, { status: 'done' });
  const reader = await createAppAdmin(db);
  await grant(db, open.id, 'BROWSE_PROJECT', { userId: reader.id });

  for (const size of [SIZES.desktop, SIZES.phone]) {
    const { context, page, errors } = await openAs(
      suite.browser,
      `${url}/#/admin/audit?actorId=${worker.id}`,
      reader.login,
      size,
    );
    await rows(page).first().waitFor();
    assert.equal(await rows(page).count(), 1);
    const text = (await page.locator('main').innerText()) ?? '';
    assert.ok(!text.includes('Secret merger') && !text.includes(hidden.key), text);
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
    assert.deepEqual(await overflowing(page), [], `no horizontal scroll at ${size.width}`);
    await screenshot(page, `audit-log-reader-${size.width}`);

    // The project picker offers what the reader may browse, and nothing of the hidden project.
    const picker = page.getByLabel('Project', { exact: true });
    await page.getByLabel('Find project').fill(open.key);
    await picker.getByRole('option', { name: new RegExp(open.key) }).waitFor({ state: 'attached' });
    await page.getByLabel('Find project').fill(hidden.key);
    await picker.getByRole('option', { name: new RegExp(open.key) }).waitFor({ state: 'detached' });
    assert.deepEqual(await picker.getByRole('option').allInnerTexts(), ['Any project']);

    // A shared link to the hidden project, or to its item, reads exactly as one to a project that does not exist.
    for (const query of [
      `projectKey=${hidden.key}`,
      'projectKey=NOSUCH9',
      `entityType=work_item&entityId=${secret.id}`,
    ]) {
      await page.goto(`${url}/#/admin/audit?${query}`);
      await emptyState(page).waitFor();
      assert.equal(await rows(page).count(), 0);
      assert.ok(!(await page.locator('main').innerText()).includes('Secret merger'));
    }
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(/#\/admin\/audit$/);
    await rows(page).first().waitFor();
    assert.deepEqual(errors.map(String), []);
    await context.close();
  }
});

test('EXPL-4, PRICE-7: a system administrator without a money role sees a work log’s rate as hidden, an app admin sees it', async () => {
  const { db, url } = suite.server;
  const project = await createProject(db, { name: 'Billing' });
  const item = await createItem(db, { projectId: project.id, title: 'Invoice run' });
  const worker = await createUser(db);
  await recordAudit(db, {
    actorId: worker.id,
    action: 'worklog.create',
    entityType: 'worklog',
    entityId: 987654,
    after: { item_id: item.id, duration_seconds: 1800, rate: '91.35', description: 'Invoicing' },
  });
  const sysAdmin = await createUser(db, { systemAdmin: true });
  const admin = await createAppAdmin(db);
  for (const user of [sysAdmin, admin]) await grant(db, project.id, 'BROWSE_PROJECT', { userId: user.id });
  const link = `${url}/#/admin/audit?action=worklog.create&projectKey=${project.key}`;

  const masked = await openAs(suite.browser, link, sysAdmin.login, SIZES.phone);
  const row = rows(masked.page).first();
  await row.getByText('Logged work').waitFor();
  const diff = (await row.locator('dl').innerText()).replace(/\s+/g, ' ');
  assert.match(diff, /rate hidden — money is not shown to you/);
  assert.match(diff, /duration seconds added 1800/);
  assert.ok(!(await masked.page.content()).includes('91.35'), 'the rate is nowhere in the page');
  assert.deepEqual(await overflowing(masked.page), []);
  await screenshot(masked.page, 'audit-log-money-hidden-phone');
  assert.deepEqual(masked.errors.map(String), []);
  await masked.context.close();

  const shown = await openAs(suite.browser, link, admin.login);
  await rows(shown.page).first().getByText('Logged work').waitFor();
  assert.match((await rows(shown.page).first().locator('dl').innerText()).replace(/\s+/g, ' '), /rate added 91.35/);
  assert.deepEqual(shown.errors.map(String), []);
  await shown.context.close();
});

test('EXPL-4/API-3: "Load more" appends the next page, newest first, until there is none', async () => {
  const { db, url } = suite.server;
  const admin = await createAppAdmin(db);
  const renamer = await createUser(db);
  for (let n = 1; n <= 60; n++) {
    const change = { before: { name: `Group ${n - 1}` }, after: { name: `Group ${n}` } };
    await recordAudit(db, { actorId: renamer.id, action: 'group.rename', entityType: 'group', entityId: 1, ...change });
  }
  const { context, page, errors } = await openAs(
    suite.browser,
    `${url}/#/admin/audit?actorId=${renamer.id}`,
    admin.login,
  );
  await rows(page).first().waitFor();
  assert.equal(await rows(page).count(), 50);
  assert.match((await rows(page).first().innerText()).replace(/\s+/g, ' '), /name Group 59 → Group 60/);
  await page.getByRole('button', { name: 'Load more' }).press('Enter');
  // While the page loads the button reads "Loading…", so wait for the appended rows, not for the button to go.
  await rows(page).nth(59).waitFor();
  await page.locator('button.load-more').waitFor({ state: 'detached' });
  assert.equal(await rows(page).count(), 60);
  assert.match((await rows(page).last().innerText()).replace(/\s+/g, ' '), /name Group 0 → Group 1/);
  assert.deepEqual(errors.map(String), []);
  await context.close();
});

test('EXPL-4: the audit log is not offered to a user who may not read it', async () => {
  const { db, url } = suite.server;
  const user = await createUser(db);
  const { context, page, errors } = await openAs(suite.browser, `${url}/#/admin/audit`, user.login, SIZES.phone);
  await page.getByRole('heading', { name: 'Not found' }).waitFor();
  assert.equal(
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).count(),
    0,
  );
  assert.equal(await page.getByRole('tab', { name: 'Audit log' }).count(), 0);
  assert.deepEqual(await overflowing(page), []);
  assert.deepEqual(errors.map(String), []);
  await context.close();
});
