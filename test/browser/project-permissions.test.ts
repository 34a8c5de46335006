// Guards API-6 with PRJ-3 and EXPL-3 in the browser: a project administrator grants a group WORK_ON_ISSUES and adds a
// role member on the permission scheme screen, each after the preview of whose access changes; taking the last project
// administrator away shows the lockout warning and needs a ticked acknowledgement. At 1280×800 and 390×844, by
// keyboard, with no horizontal scrolling and no console errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { createGroup, createProject, createUser, grant, roleId } from '../helpers/harness.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
type Size = (typeof SIZES)[number];

/** A project with the default roles' scheme cut down (nobody holds EDIT_ISSUES or WORK_ON_ISSUES yet), one owner. */
async function world(tag: string) {
  const { db } = suite.server;
  const project = await createProject(db, { name: `Scheme ${tag}` });
  const [administrators, developers] = [await roleId(db, 'Administrators'), await roleId(db, 'Developers')];
  await grant(db, project.id, 'ADMINISTER_PROJECT', { roleId: administrators });
  await grant(db, project.id, 'BROWSE_PROJECT', { roleId: developers });
  const owner = await createUser(db, { login: `owner-${tag}` });
  await db
    .insertInto('project_role_members')
    .values({ project_id: project.id, role_id: administrators, user_id: owner.id })
    .execute();
  const [ann, bob, dev] = [
    await createUser(db, { login: `ann-${tag}` }),
    await createUser(db, { login: `bob-${tag}` }),
    await createUser(db, { login: `dev-${tag}` }),
  ];
  const group = await createGroup(db, [ann.id, bob.id], `Contractors ${tag}`);
  return { project, owner, ann, bob, dev, group, administrators };
}

/** A signed-in page on the project's permission tab, collecting uncaught errors and console errors. */
async function schemePage(browser: Browser, size: Size, user: { login: string; password: string }, key: string) {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  const errors: unknown[] = watchPageErrors(page);
  await page.goto(suite.server.url);
  await signInThroughForm(page, user.login, user.password);
  // Console errors from here on: the sign-in page's session probe answers 401 by design.
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${suite.server.url}/#/projects/${key}/permissions`);
  await page.getByRole('heading', { name: 'Permission grants' }).waitFor();
  return { context, page, errors };
}

/**
 * Nothing of the screen or its dialog reaches past the viewport's right edge, so the screen needs no sideways scrolling.
 * (The app header and the project's tab row are the page's, measured by their own tests.)
 */
const fitsTheWidth = async (page: Page) => {
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('.permission-scheme *, dialog[open] *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
  );
  return wide.length === 0 || wide;
};

/** Waits until the search has narrowed the select down to the one option naming `text`. */
async function onlyOption(select: Locator, text: string) {
  await select
    .page()
    .waitForFunction(
      ([el, wanted]) =>
        (el as HTMLSelectElement).options.length === 1 &&
        (el as HTMLSelectElement).options[0].text.includes(wanted as string),
      [await select.elementHandle(), text] as const,
    );
}

/** Focuses the control and presses Enter, as a keyboard user would. */
async function press(page: Page, name: string | RegExp, within = page.locator('body')) {
  await within.getByRole('button', { name, exact: typeof name === 'string' }).focus();
  await page.keyboard.press('Enter');
}

for (const size of SIZES)
  test(`API-6 PRJ-3 EXPL-3: a project administrator grants a group WORK_ON_ISSUES and adds a role member after their previews; the lockout is warned about (${size.width}×${size.height})`, async () => {
    const { db } = suite.server;
    const w = await world(size.name);
    const { context, page, errors } = await schemePage(suite.browser, size, w.owner, w.project.key);
    assert.match(
      (await page.getByText('No one is granted WORK_ON_ISSUES yet.').textContent()) ?? '',
      /No one is granted WORK_ON_ISSUES yet/,
    );
    assert.equal(await fitsTheWidth(page), true, 'the screen fits the width');
    await screenshot(page, `project-permissions-${size.name}`);

    // Grant the group WORK_ON_ISSUES from the empty state; the preview comes before the grant.
    await press(page, 'Add a grant of WORK_ON_ISSUES');
    const addGrant = page.getByRole('dialog', { name: 'Add a grant' });
    await addGrant.waitFor();
    assert.ok(await addGrant.evaluate((d) => d.contains(document.activeElement)), 'focus moves into the dialog');
    assert.equal(await addGrant.getByLabel('Permission', { exact: true }).inputValue(), 'WORK_ON_ISSUES');
    await addGrant.getByLabel('Find group').fill(w.group.name);
    await onlyOption(addGrant.getByRole('combobox', { name: 'Group', exact: true }), w.group.name);
    assert.equal(await addGrant.getByRole('button', { name: 'Grant', exact: true }).isDisabled(), true);
    await press(page, 'Preview', addGrant);
    const preview = addGrant.getByRole('region', { name: 'Preview of changes' });
    for (const member of [w.ann, w.bob])
      assert.match(
        (await preview.getByRole('row', { name: new RegExp(member.login) }).textContent()) ?? '',
        /WORK_ON_ISSUES/,
      );
    assert.equal(await fitsTheWidth(page), true, 'the dialog fits the width');
    await screenshot(page, `project-permissions-grant-preview-${size.name}`);
    await press(page, 'Grant', addGrant);
    await page.getByRole('status').filter({ hasText: 'Granted WORK_ON_ISSUES.' }).waitFor();
    await page.getByRole('button', { name: `Revoke WORK_ON_ISSUES from group ${w.group.name}` }).waitFor();
    const granted = await db
      .selectFrom('project_permission_grants')
      .select('permission')
      .where('project_id', '=', w.project.id)
      .where('group_id', '=', w.group.id)
      .execute();
    assert.deepEqual(granted, [{ permission: 'WORK_ON_ISSUES' }]);

    // Add a user to the Developers role, which holds BROWSE_PROJECT here.
    await press(page, 'Add a member to Developers');
    const addMember = page.getByRole('dialog', { name: 'Add a role member' });
    await addMember.getByLabel('Member').selectOption('user');
    await addMember.getByLabel('Find user').fill(w.dev.login);
    await onlyOption(addMember.getByRole('combobox', { name: 'User', exact: true }), w.dev.login);
    await press(page, 'Preview', addMember);
    assert.match(
      (await addMember
        .getByRole('region', { name: 'Preview of changes' })
        .getByRole('row', { name: new RegExp(w.dev.login) })
        .textContent()) ?? '',
      /BROWSE_PROJECT/,
    );
    await press(page, 'Add member', addMember);
    await page.getByRole('status').filter({ hasText: 'Role member added.' }).waitFor();
    await page.getByRole('button', { name: `Remove user User ${w.dev.login} from Developers` }).waitFor();

    // Revoking the Administrators role's ADMINISTER_PROJECT would leave nobody administering: warned, held back.
    await press(page, 'Revoke ADMINISTER_PROJECT from role Administrators');
    const revoke = page.getByRole('dialog', { name: 'Revoke a grant' });
    await revoke.getByText(/nobody administers project/).waitFor();
    const confirm = revoke.getByRole('button', { name: 'Revoke', exact: true });
    assert.equal(await confirm.isDisabled(), true, 'the lockout needs the acknowledgement first');
    assert.equal(await fitsTheWidth(page), true, 'the lockout dialog fits the width');
    await screenshot(page, `project-permissions-lockout-${size.name}`);
    const acknowledge = revoke.getByRole('checkbox', { name: /nobody will administer this project/ });
    await acknowledge.focus();
    await page.keyboard.press('Space');
    assert.equal(await confirm.isDisabled(), false);
    await page.keyboard.press('Escape');
    await revoke.waitFor({ state: 'detached' });
    assert.equal(
      (
        await db
          .selectFrom('project_permission_grants')
          .select('id')
          .where('project_id', '=', w.project.id)
          .where('role_id', '=', w.administrators)
          .execute()
      ).length,
      1,
      'closing the dialog changes nothing',
    );
    assert.deepEqual(errors.map(String), []);
    await context.close();
  });

test('PRJ-3 EXPL-3: a system administrator takes the last project administrator away only after acknowledging the lockout; the change is audited', async () => {
  const { db } = suite.server;
  const size = SIZES[0];
  const w = await world('sysadmin');
  const sysadmin = await createUser(db, { login: 'root-scheme', systemAdmin: true });
  await grant(db, w.project.id, 'BROWSE_PROJECT', { userId: sysadmin.id });
  const { context, page, errors } = await schemePage(suite.browser, size, sysadmin, w.project.key);

  await press(page, `Remove user User ${w.owner.login} from Administrators`);
  const remove = page.getByRole('dialog', { name: 'Remove a role member' });
  await remove.getByText(/nobody administers project/).waitFor();
  const confirm = remove.getByRole('button', { name: 'Remove', exact: true });
  assert.equal(await confirm.isDisabled(), true);
  await remove.getByRole('checkbox', { name: /nobody will administer this project/ }).check();
  await press(page, 'Remove', remove);
  await page
    .getByRole('status')
    .filter({ hasText: `Removed User ${w.owner.login} from Administrators.` })
    .waitFor();
  await page.getByText('No one holds the Administrators role in this project yet.').waitFor();
  const audit = await db
    .selectFrom('audit_log')
    .select(['actor_id', 'after'])
    .where('action', '=', 'project.role.remove')
    .where('project_id', '=', w.project.id)
    .execute();
  assert.deepEqual(audit, [{ actor_id: sysadmin.id, after: { lockoutConfirmed: true } }]);
  assert.deepEqual(errors.map(String), []);
  await context.close();
});

test('PRJ-3: a project administrator who acknowledges taking their own last administration away is told they no longer manage the scheme', async () => {
  const { db } = suite.server;
  const w = await world('self');
  const { context, page } = await schemePage(suite.browser, SIZES[1], w.owner, w.project.key);
  const errors = watchPageErrors(page);
  await press(page, `Remove user User ${w.owner.login} from Administrators`);
  const remove = page.getByRole('dialog', { name: 'Remove a role member' });
  await remove.getByRole('checkbox', { name: /nobody will administer this project/ }).check();
  await press(page, 'Remove', remove);
  await page
    .getByRole('status')
    .filter({ hasText: `You no longer manage the permissions of ${w.project.key}.` })
    .waitFor();
  const left = await db
    .selectFrom('project_role_members')
    .select('id')
    .where('project_id', '=', w.project.id)
    .execute();
  assert.deepEqual(left, []);
  assert.deepEqual(errors.map(String), [], 'no uncaught errors (the refused reads show in the console as 404s)');
  await context.close();
});
