// Guards ID-2 and ID-6 in the UI: an administrator creates a group, adds two users found by search, removes and renames,
// and deletes it through the preview and its confirmation — by keyboard, at 1280×800 and at 390×844, without console
// errors; the administrators group's members are the system administrators' to change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createUser } from '../helpers/harness.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { createAppAdmin } from './fixtures.js';

const suite = browserSuite();

/** Nothing on the page, open dialogs included, reaches past the window's right edge: no sideways scrolling. */
async function assertFits(page: Page, what: string) {
  const wide = await page.evaluate(() => {
    const out: string[] = [];
    const scopes = Array.from(document.querySelectorAll('body'));
    const elements = new Set(scopes.flatMap((root) => [root, ...Array.from(root.querySelectorAll('*'))]));
    for (const el of elements) {
      const right = el.getBoundingClientRect().right;
      if (right > window.innerWidth + 0.5) out.push(`${el.tagName}.${el.className} ends at ${Math.round(right)}px`);
    }
    return out;
  });
  assert.deepEqual(wide, [], `${what}: wider than the window`);
}

async function memberLogins(groupName: string) {
  const rows = await suite.server.db
    .selectFrom('group_members as m')
    .innerJoin('groups as g', 'g.id', 'm.group_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.login')
    .where('g.name', '=', groupName)
    .orderBy('u.login')
    .execute();
  return rows.map((r) => r.login);
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`ID-2, ID-6: create a group, add two users, rename it and delete it through its preview (${viewport.width}×${viewport.height}, keyboard)`, async () => {
    const { db } = suite.server;
    const tag = viewport.width;
    const admin = await createAppAdmin(db);
    await createUser(db, { login: `ada${tag}` });
    await createUser(db, { login: `bob${tag}` });

    const context = await suite.browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      // The session probe before signing in answers 401; that is how the app learns it is signed out.
      if (m.type() === 'error' && !/status of 401/.test(m.text())) consoleErrors.push(m.text());
    });
    await page.goto(suite.server.url);
    await signInThroughForm(page, admin.login, admin.password);
    await page.goto(`${suite.server.url}/#/admin/groups`);

    // Create: the name field and Enter.
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type(`Crew ${tag}`);
    await page.keyboard.press('Enter');
    const row = page.getByRole('row', { name: new RegExp(`^Crew ${tag}`) });
    await row.waitFor();

    // Members: find each user and add them, by keyboard.
    await row.getByRole('button', { name: `Members of Crew ${tag}` }).press('Enter');
    const members = page.getByRole('dialog', { name: `Members of Crew ${tag}` });
    await members.getByText('No members yet.').waitFor();
    for (const login of [`ada${tag}`, `bob${tag}`]) {
      await members.getByLabel('Find user').fill(login);
      // The search is debounced, and the list before it already picked its first user (at 390 wide, the 1280 test's
      // ada1280): add once the user is the one picked, not merely listed.
      await members
        .getByRole('combobox', { name: 'User' })
        .locator('option:checked', { hasText: login })
        .waitFor({ state: 'attached' });
      await members.getByRole('button', { name: 'Add to group' }).press('Enter');
      await members.getByRole('row', { name: new RegExp(login) }).waitFor();
    }
    assert.deepEqual(await memberLogins(`Crew ${tag}`), [`ada${tag}`, `bob${tag}`]);
    await assertFits(page, 'members dialog');
    await screenshot(page, `groups-members-${tag}`);
    await members.getByRole('button', { name: 'Close' }).press('Enter');
    await row.getByRole('cell', { name: '2', exact: true }).waitFor();

    // Rename; a name another group has is refused next to the field.
    await row.getByRole('button', { name: `Rename group Crew ${tag}` }).press('Enter');
    const rename = page.getByRole('dialog', { name: `Rename group Crew ${tag}` });
    const nameField = rename.getByLabel('New name');
    await nameField.fill('users');
    await nameField.press('Enter');
    await rename
      .getByRole('alert')
      .getByText(/exists/)
      .waitFor();
    await nameField.fill(`Gang ${tag}`);
    await nameField.press('Enter');
    await rename.waitFor({ state: 'detached' });
    const renamed = page.getByRole('row', { name: new RegExp(`^Gang ${tag}`) });
    await renamed.waitFor();

    // Delete: the preview lists the members who leave; the deletion happens on confirmation.
    await renamed.getByRole('button', { name: `Delete group Gang ${tag}` }).press('Enter');
    const dialog = page.getByRole('dialog', { name: `Delete group Gang ${tag}` });
    const leaving = dialog.getByRole('region', { name: 'Members who leave the group' });
    await leaving.waitFor();
    assert.match((await leaving.textContent()) ?? '', new RegExp(`ada${tag}.*bob${tag}`, 's'));
    await assertFits(page, 'deletion preview');
    await dialog.getByRole('button', { name: 'Delete group and everything listed' }).press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await renamed.waitFor({ state: 'detached' });
    assert.equal(
      await db.selectFrom('groups').select('id').where('name', '=', `Gang ${tag}`).executeTakeFirst(),
      undefined,
    );
    const actions = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'group')
      .where('actor_id', '=', admin.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['group.create', 'group.member.add', 'group.member.add', 'group.rename', 'group.delete'],
    );
    await assertFits(page, 'groups tab');

    assert.deepEqual(errors.map(String), []);
    assert.deepEqual(
      consoleErrors.filter((text) => !/status of 409/.test(text)),
      [],
      'only the refused rename answered an error',
    );
    await context.close();
  });
}

test('ID-2: an administrator who is not a system administrator sees the members of administrators but cannot change them', async () => {
  const { db } = suite.server;
  const admin = await createAppAdmin(db);
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(suite.server.url);
  await signInThroughForm(page, admin.login, admin.password);
  await page.goto(`${suite.server.url}/#/admin/groups`);
  await page.getByRole('button', { name: 'Members of administrators' }).click();
  const dialog = page.getByRole('dialog', { name: 'Members of administrators' });
  await dialog.getByRole('row', { name: new RegExp(admin.login) }).waitFor();
  await dialog.getByText('Only system administrators change who is in administrators.').waitFor();
  assert.equal(await dialog.getByRole('button', { name: /^Remove / }).count(), 0);
  assert.equal(await dialog.getByRole('button', { name: 'Add to group' }).count(), 0);
  assert.deepEqual(errors.map(String), []);
  await context.close();
});
