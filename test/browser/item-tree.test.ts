// Guards the work-item tree screen: children load lazily per level and long levels page with "Load more", so every item the API pages out is reachable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { browserSuite, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();

test('API-3: the item tree (PRJ-2) loads children on expand and pages with Load more', async () => {
  const { db } = suite.server;
  const user = await createUser(db);
  const project = await createProject(db, { key: 'TREE', name: 'Tree project' });
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: user.id });
  const root = await createItem(db, { projectId: project.id, title: 'Root item' });
  for (let i = 1; i <= 55; i++) await createItem(db, { projectId: project.id, title: `Leaf ${i}`, parentId: root.id });

  const context = await suite.browser.newContext();
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);
  const childRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('parent=')) childRequests.push(request.url());
  });
  await page.goto(`${suite.server.url}/#/projects/TREE`);
  await signInThroughForm(page, user.login, user.password);

  await page.getByRole('link', { name: /Root item/ }).waitFor();
  assert.equal(childRequests.length, 0, 'children are not fetched before the parent is expanded');

  const expand = page.getByRole('button', { name: `Expand ${root.key}` });
  await expand.click();
  assert.equal(await page.getByRole('button', { name: `Collapse ${root.key}` }).getAttribute('aria-expanded'), 'true');
  const leaves = page.getByRole('link', { name: /Leaf \d+/ });
  await page.getByRole('button', { name: 'Load more' }).waitFor();
  const firstPage = await leaves.count();
  assert.ok(firstPage > 0 && firstPage < 55, `first page shows part of the level (${firstPage})`);

  while ((await page.getByRole('button', { name: 'Load more' }).count()) > 0) {
    const shown = await leaves.count();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.tree-children a').length > n, shown);
  }
  assert.equal(await leaves.count(), 55);
  const titles = await leaves.allTextContents();
  assert.equal(new Set(titles).size, 55, 'no item is listed twice across pages');

  await page.getByRole('button', { name: `Collapse ${root.key}` }).click();
  assert.equal(await leaves.count(), 0);

  assert.deepEqual(pageErrors, []);
  await context.close();
});
