// Guards ITEM-2 on the tree screen: an item the user may view under one they may not is shown under its nearest
// viewable ancestor (or at the top), reachable by clicking, and its breadcrumb names no hidden ancestor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Database } from '../../src/db/index.js';
import { recomputeGoverning } from '../../src/modules/security/repo.js';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { browserSuite, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();

/** Gives an item its own setting allowing view and edit to the given users only. */
async function secureTo(db: Database, item: { id: number; projectId: number }, userIds: number[]) {
  await db.insertInto('item_security').values({ item_id: item.id, project_id: item.projectId }).execute();
  await db
    .insertInto('item_security_entries')
    .values(
      userIds.map((id) => ({
        item_id: item.id,
        subject_kind: 'user' as const,
        subject_id: id,
        view: 'allow' as const,
        edit: 'allow' as const,
      })),
    )
    .execute();
  await recomputeGoverning(db, item.id);
}

test('ITEM-2: items under hidden parents show under their nearest viewable ancestor, and their breadcrumb leaves the hidden ones out', async () => {
  const { db } = suite.server;
  const user = await createUser(db);
  const owner = await createUser(db);
  const project = await createProject(db, { key: 'HIDE', name: 'Hidden parents' });
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: user.id });
  const root = await createItem(db, { projectId: project.id, title: 'Root item' });
  const hiddenChild = await createItem(db, { projectId: project.id, title: 'Hidden child', parentId: root.id });
  const grandchild = await createItem(db, {
    projectId: project.id,
    title: 'Shared grandchild',
    parentId: hiddenChild.id,
  });
  const hiddenTop = await createItem(db, { projectId: project.id, title: 'Hidden top' });
  const orphan = await createItem(db, {
    projectId: project.id,
    title: 'Shared under hidden top',
    parentId: hiddenTop.id,
  });
  await secureTo(db, { id: hiddenChild.id, projectId: project.id }, [owner.id]);
  await secureTo(db, { id: hiddenTop.id, projectId: project.id }, [owner.id]);
  await secureTo(db, { id: grandchild.id, projectId: project.id }, [owner.id, user.id]);
  await secureTo(db, { id: orphan.id, projectId: project.id }, [owner.id, user.id]);

  const context = await suite.browser.newContext();
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);
  await page.goto(`${suite.server.url}/#/projects/HIDE`);
  await signInThroughForm(page, user.login, user.password);

  await page.getByRole('link', { name: /Root item/ }).waitFor();
  await page.getByRole('link', { name: /Shared under hidden top/ }).waitFor();
  await page.getByRole('button', { name: `Expand ${root.key}` }).click();
  const shared = page.getByRole('link', { name: /Shared grandchild/ });
  await shared.waitFor();
  assert.equal(await page.getByText(/Hidden (child|top)/).count(), 0, 'no hidden item is shown');

  await shared.click();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await crumbs.getByRole('link', { name: new RegExp(root.key) }).waitFor();
  const text = (await crumbs.textContent()) ?? '';
  assert.ok(
    !text.includes(hiddenChild.key) && !text.includes('Hidden'),
    `the breadcrumb names a hidden ancestor: ${text}`,
  );
  assert.ok(text.includes(grandchild.key));

  assert.deepEqual(pageErrors, []);
  await context.close();
});
