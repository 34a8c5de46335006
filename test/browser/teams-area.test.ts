// Guards the Teams area: it is reachable only when /api/me opens it (APP-2); a team administrator creates a global team there and
// manages its roles, members and member roles on the team page, offered only the users the server says may join (TEAM-5).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProject, createUser, grant } from '../helpers/harness.js';
import { href, parseRoute } from '../../web/src/router.js';
import { browserSuite, screenshot } from './browser.js';
import { createTeam, grantAppRole } from '../helpers/teams.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite({ teamChecks: true });

test("TEAM-1: the Teams area, team pages and a project's teams tab have addresses that round-trip", () => {
  assert.deepEqual(parseRoute(href.teams()), { name: 'teams' });
  assert.deepEqual(parseRoute(href.team(42)), { name: 'team', id: 42 });
  assert.deepEqual(parseRoute(href.project('ACME', 'teams')), { name: 'project', key: 'ACME', tab: 'teams' });
  assert.deepEqual(parseRoute(href.project('ACME', 'items')), { name: 'project', key: 'ACME', tab: 'items' });
  for (const hash of ['#/teams/0', '#/teams/abc', '#/teams/1/2', '#/projects/ACME/other', '#/projects/ACME/teams/1']) {
    assert.deepEqual(parseRoute(hash), { name: 'notFound' }, hash);
  }
});

test('APP-2: without the Teams area there is no Teams link, team page or project teams tab; with it, no create button unless the server allows', async () => {
  const { db } = suite.server;
  const project = await createProject(db, { name: 'Warehouse' });
  const outsider = await createUser(db);
  const users = await db.selectFrom('groups').select('id').where('name', '=', 'users').executeTakeFirstOrThrow();
  // Without the default group the user holds no app role, so no area is open (APP-1).
  await db.deleteFrom('group_members').where('group_id', '=', users.id).where('user_id', '=', outsider.id).execute();
  const plain = await createUser(db);
  for (const user of [outsider, plain]) await grant(db, project.id, ['BROWSE_PROJECT'], { userId: user.id });

  const closed = await signedInPage(suite.browser, suite.server.url, outsider);
  const nav = closed.page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Projects' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Teams' }).count(), 0);
  await closed.page.goto(`${suite.server.url}/#/teams`);
  await closed.page.getByRole('heading', { name: 'Not found' }).waitFor();
  await closed.page.goto(`${suite.server.url}/#/projects/${project.key}`);
  await closed.page.getByRole('heading', { name: /Warehouse/ }).waitFor();
  assert.equal(await closed.page.getByRole('tab', { name: 'Teams & price lists' }).count(), 0);
  await closed.page.goto(`${suite.server.url}/#/projects/${project.key}/teams`);
  await closed.page.getByRole('heading', { name: 'Not found' }).waitFor();
  assert.deepEqual(closed.errors, []);
  await closed.context.close();

  const open = await signedInPage(suite.browser, suite.server.url, plain);
  await open.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
  await open.page.getByRole('heading', { name: 'Global teams' }).waitFor();
  await open.page.getByText('There are no global teams you may see.').waitFor();
  assert.equal(await open.page.getByRole('button', { name: 'Create global team' }).count(), 0);
  assert.deepEqual(open.errors, []);
  await open.context.close();
});

test('TEAM-1, TEAM-3, TEAM-5, TEAM-6: a team admin creates a global team and manages its roles and members on the team page', async () => {
  const { db } = suite.server;
  const admin = await createUser(db);
  await grantAppRole(db, admin.id, 'team_admin');
  const [ann, ben, cy] = [await createUser(db), await createUser(db), await createUser(db)];
  const gone = await createUser(db, { active: false });

  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, admin, 1400);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
  await page.getByRole('button', { name: 'Create global team' }).click();
  const dialog = page.getByRole('dialog', { name: 'New global team' });
  await dialog.getByLabel('Name').fill('Reviewers');
  const available = dialog.getByRole('group', { name: 'Available users' });
  await available.getByLabel('Find users').fill(ann.login);
  await available.getByRole('checkbox', { name: new RegExp(`\\(${ann.login}\\)`) }).check();
  await available.getByLabel('Find users').fill(ben.login);
  await available.getByRole('checkbox', { name: new RegExp(`\\(${ben.login}\\)`) }).check();
  const searched = page.waitForResponse(
    (r) => r.url().includes('/available-users') && r.url().includes(`q=${gone.login}`),
  );
  await available.getByLabel('Find users').fill(gone.login);
  assert.deepEqual((await (await searched).json()).items, [], 'deactivated users are not offered (ID-1)');
  assert.equal(await available.getByRole('checkbox', { name: new RegExp(`\\(${gone.login}\\)`) }).count(), 0);
  assert.equal(await available.getByRole('checkbox', { checked: true }).count(), 2, 'picks survive a new search');
  await dialog.getByLabel('Team lead').selectOption({ label: `User ${ann.login} (${ann.login})` });
  await dialog.getByRole('button', { name: 'Create team' }).click();
  await page.getByRole('heading', { name: 'Team Reviewers' }).waitFor();
  await page.getByText('Global team').waitFor();

  const assigned = page.getByRole('table', { name: 'Assigned users' });
  const rolesOf = (user: { login: string }) => page.getByRole('group', { name: `Roles of User ${user.login}` });
  assert.equal(await rolesOf(ann).getByLabel('Team Lead').isChecked(), true);
  assert.equal(await rolesOf(ben).getByLabel('Team Member').isChecked(), true);

  // A custom role, then given to a member beside the role they hold.
  const addRole = page.getByRole('form', { name: 'Add a role' });
  await addRole.getByLabel('Role name').fill('Auditor');
  await addRole.getByRole('checkbox', { name: /VIEW_MEMBER_WORKLOGS/ }).check();
  await addRole.getByRole('button', { name: 'Add role' }).click();
  await page
    .getByRole('table', { name: 'Roles of Reviewers' })
    .getByRole('row', { name: /Auditor/ })
    .waitFor();
  const auditor = rolesOf(ben).getByLabel('Auditor');
  await auditor.click();
  await auditor.and(page.locator(':checked')).waitFor();

  // Assign an available user, unassign a member.
  const joining = page.getByRole('region', { name: 'Available users' });
  await joining.getByLabel('Find users').fill(cy.login);
  await joining.getByRole('checkbox', { name: new RegExp(`\\(${cy.login}\\)`) }).check();
  await joining.getByRole('button', { name: 'Assign selected users' }).click();
  await assigned.getByRole('row', { name: new RegExp(cy.login) }).waitFor();
  await assigned.getByRole('checkbox', { name: `Select User ${ben.login}` }).check();
  await page.getByRole('button', { name: 'Unassign selected users' }).click();
  await assigned.getByRole('row', { name: new RegExp(ben.login) }).waitFor({ state: 'detached' });
  const history = page.getByRole('table', { name: 'Membership history' });
  assert.doesNotMatch(
    (await history.getByRole('row', { name: new RegExp(ben.login) }).textContent()) ?? '',
    /still a member/,
    'TEAM-6: the period is kept, ended',
  );
  await screenshot(page, 'teams-team-page');

  const team = await db
    .selectFrom('teams')
    .select(['id', 'project_id'])
    .where('name', '=', 'Reviewers')
    .executeTakeFirstOrThrow();
  assert.equal(team.project_id, null, 'a global team (TEAM-1)');
  const roles = await db
    .selectFrom('team_roles')
    .select(['name', 'kind', 'permissions'])
    .where('team_id', '=', team.id)
    .where('kind', '=', 'custom')
    .execute();
  assert.deepEqual(roles, [
    { name: 'Auditor', kind: 'custom', permissions: ['WORK_ON_ISSUES', 'VIEW_MEMBER_WORKLOGS'] },
  ]);
  const current = await db
    .selectFrom('team_memberships as m')
    .innerJoin('team_membership_roles as mr', 'mr.membership_id', 'm.id')
    .innerJoin('team_roles as r', 'r.id', 'mr.role_id')
    .select(['m.user_id', 'r.name'])
    .where('m.team_id', '=', team.id)
    .where('m.left_at', 'is', null)
    .orderBy('m.user_id')
    .orderBy('r.name')
    .execute();
  assert.deepEqual(current, [
    { user_id: ann.id, name: 'Team Lead' },
    { user_id: cy.id, name: 'Team Member' },
  ]);
  const benPeriods = await db
    .selectFrom('team_memberships')
    .select(['left_at'])
    .where('team_id', '=', team.id)
    .where('user_id', '=', ben.id)
    .execute();
  assert.equal(benPeriods.length, 1);
  assert.notEqual(benPeriods[0].left_at, null);
  const benRoles = await db
    .selectFrom('team_memberships as m')
    .innerJoin('team_membership_roles as mr', 'mr.membership_id', 'm.id')
    .innerJoin('team_roles as r', 'r.id', 'mr.role_id')
    .select('r.name')
    .where('m.team_id', '=', team.id)
    .where('m.user_id', '=', ben.id)
    .orderBy('r.name')
    .execute();
  assert.deepEqual(
    benRoles.map((r) => r.name),
    ['Auditor', 'Team Member'],
    'the role picker gave the member a second role',
  );

  assert.deepEqual(errors, []);
  await context.close();
});

test("TEAM-2: the role editor and role pickers offer a team manager only what they may give in the team, as the team's answer says", async () => {
  const { db } = suite.server;
  const project = await createProject(db, { name: 'Boundary works' });
  const manager = await createUser(db);
  await grant(db, project.id, ['BROWSE_PROJECT'], { userId: manager.id });
  const team = await createTeam(db, project.id, {
    name: 'Bounded crew',
    members: [{ userId: manager.id, permissions: ['WORK_ON_ISSUES', 'MANAGE_TEAM'] }],
  });

  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, manager, 1400);
  await page.goto(`${suite.server.url}/${href.team(team.id)}`);
  await page.getByRole('heading', { name: 'Team Bounded crew' }).waitFor();
  const addRole = page.getByRole('form', { name: 'Add a role' });
  const box = (permission: string) => addRole.getByRole('checkbox', { name: new RegExp(permission) });
  for (const held of ['WORK_ON_ISSUES', 'VIEW_MEMBER_WORKLOGS', 'MANAGE_TEAM'])
    assert.equal(await box(held).isDisabled(), false, held);
  for (const withheld of ['MANAGE_MEMBER_WORKLOGS', 'MANAGE_SCHEDULE', 'APPROVE_TIMESHEETS'])
    assert.equal(await box(withheld).isDisabled(), true, withheld);
  await addRole.getByText('You can give only the permissions you hold in this team.').waitFor();
  await screenshot(page, 'teams-role-editor-bounded');
  const ownRoles = page.getByRole('group', { name: `Roles of User ${manager.login}` });
  assert.equal(
    await ownRoles.getByLabel('Team Lead').isDisabled(),
    true,
    'a role with permissions they do not hold is not offered',
  );
  assert.equal(
    await page.getByLabel('Role of the new members').locator('option', { hasText: 'Team Lead' }).isDisabled(),
    true,
  );
  assert.equal(await page.getByLabel('Role of the new members').inputValue(), String(team.memberRoleId));
  await addRole.getByLabel('Role name').fill('Watcher');
  await box('VIEW_MEMBER_WORKLOGS').check();
  await addRole.getByRole('button', { name: 'Add role' }).click();
  await page
    .getByRole('table', { name: 'Roles of Bounded crew' })
    .getByRole('row', { name: /Watcher/ })
    .waitFor();
  const saved = await db
    .selectFrom('team_roles')
    .select('permissions')
    .where('team_id', '=', team.id)
    .where('name', '=', 'Watcher')
    .executeTakeFirstOrThrow();
  assert.deepEqual(saved.permissions, ['WORK_ON_ISSUES', 'VIEW_MEMBER_WORKLOGS']);
  assert.deepEqual(errors, []);
  await context.close();
});
