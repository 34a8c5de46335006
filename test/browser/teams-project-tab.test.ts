// Guards the project's "Teams & price lists" tab: an administrator builds a team and its price list there; TEAM-4 conflicts come back
// naming the users; the team-check switch and every other control appear only where the API's abilities allow them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProject, createUser, grant } from '../helpers/harness.js';
import { browserSuite, screenshot } from './browser.js';
import { createTeam } from '../helpers/teams.js';
import { createAppAdmin, signedInPage } from './fixtures.js';

const suite = browserSuite({ teamChecks: true });

async function world() {
  const { db } = suite.server;
  const project = await createProject(db, { name: 'Storefront' });
  const admin = await createAppAdmin(db);
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: admin.id });
  const people = [];
  for (const name of ['alice', 'bob', 'carol']) {
    const user = await createUser(db, { login: `${name}${project.key.toLowerCase()}` });
    await grant(db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: user.id });
    people.push(user);
  }
  return { project, admin, people };
}

test('TEAM-1, TEAM-3, PRICE-1: an app admin creates a project team with a lead and a price list in the project tab', async () => {
  const { db } = suite.server;
  const {
    project,
    admin,
    people: [alice, bob, carol],
  } = await world();
  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, admin, 1100);

  await page.getByRole('link', { name: 'Storefront' }).click();
  await page.getByRole('tab', { name: 'Teams & price lists' }).click();
  await page.getByText('This project has no teams of its own.').waitFor();
  assert.match(page.url(), new RegExp(`#/projects/${project.key}/teams$`), 'the tab has its own address');

  await page.getByRole('button', { name: 'Create new team' }).click();
  const dialog = page.getByRole('dialog', { name: `New team of ${project.key}` });
  await dialog.getByLabel('Name').fill('Frontend');
  await dialog.getByLabel('Description (optional)').fill('Builds the shop pages');
  const available = dialog.getByRole('group', { name: 'Available users' });
  await available.getByRole('checkbox', { name: new RegExp(`\\(${alice.login}\\)`) }).check();
  await available.getByRole('checkbox', { name: new RegExp(`\\(${bob.login}\\)`) }).check();
  await dialog.getByLabel('Team lead').selectOption({ label: `User ${alice.login} (${alice.login})` });
  await screenshot(page, 'teams-new-team');
  await dialog.getByRole('button', { name: 'Create team' }).click();
  await dialog.waitFor({ state: 'detached' });

  const teams = page.getByRole('table', { name: 'Project-specific teams' });
  const row = teams.getByRole('row', { name: /Frontend/ });
  await row.waitFor();
  assert.match(
    (await row.textContent()) ?? '',
    new RegExp(`Builds the shop pages.*User ${alice.login}, User ${bob.login}`),
  );
  await row.getByText('No price lists.').waitFor();

  await row.getByRole('button', { name: 'Create price list for Frontend' }).click();
  const editor = page.getByRole('dialog', { name: 'New price list for Frontend' });
  await editor.getByLabel('Name').fill('Standard');
  await editor.getByLabel('Hourly rate').fill('87.35');
  await editor.getByLabel('Valid from').fill('2026-01-01');
  await editor.getByRole('button', { name: 'Create price list' }).click();
  await editor.waitFor({ state: 'detached' });
  const priceRow = row.getByRole('table', { name: 'Price lists of Frontend' }).getByRole('row', { name: /Standard/ });
  await priceRow.waitFor();
  assert.match((await priceRow.textContent()) ?? '', /Jan 1, 2026 – open-ended.*87\.35 EUR\/h/);
  await screenshot(page, 'teams-project-tab');

  const team = await db
    .selectFrom('teams')
    .select(['id', 'project_id', 'description'])
    .where('name', '=', 'Frontend')
    .executeTakeFirstOrThrow();
  assert.deepEqual([team.project_id, team.description], [project.id, 'Builds the shop pages']);
  const members = await db
    .selectFrom('team_memberships as m')
    .innerJoin('team_membership_roles as mr', 'mr.membership_id', 'm.id')
    .innerJoin('team_roles as r', 'r.id', 'mr.role_id')
    .select(['m.user_id', 'r.kind'])
    .where('m.team_id', '=', team.id)
    .orderBy('m.user_id')
    .execute();
  assert.deepEqual(
    members,
    [
      { user_id: alice.id, kind: 'lead' },
      { user_id: bob.id, kind: 'member' },
    ],
    'the creator picked the lead (TEAM-3)',
  );
  const lists = await db
    .selectFrom('price_lists')
    .select(['name', 'currency', 'hourly_rate', 'valid_from', 'valid_to'])
    .where('team_id', '=', team.id)
    .execute();
  assert.deepEqual(lists, [
    { name: 'Standard', currency: 'EUR', hourly_rate: '87.35', valid_from: '2026-01-01', valid_to: null },
  ]);

  // TEAM-5: a second team is offered only the users in no team of the project yet.
  await page.getByRole('button', { name: 'Create new team' }).click();
  const second = page
    .getByRole('dialog', { name: `New team of ${project.key}` })
    .getByRole('group', { name: 'Available users' });
  await second.getByRole('checkbox', { name: new RegExp(`\\(${carol.login}\\)`) }).waitFor();
  assert.equal(await second.getByRole('checkbox', { name: new RegExp(`\\(${alice.login}\\)`) }).count(), 0);
  assert.equal(await second.getByRole('checkbox', { name: new RegExp(`\\(${bob.login}\\)`) }).count(), 0);

  assert.deepEqual(errors, []);
  await context.close();
});

test('TEAM-4, PRICE-2: assigning a global team that would put a user in the project twice is refused naming the user; the switch turns the check off', async () => {
  const { db } = suite.server;
  const {
    project,
    admin,
    people: [alice, , carol],
  } = await world();
  await createTeam(db, project.id, { name: 'Backend', members: [{ userId: alice.id }] });
  const clash = await createTeam(db, null, { name: `Designers ${project.key}`, members: [{ userId: alice.id }] });
  const free = await createTeam(db, null, { name: `Operators ${project.key}`, members: [{ userId: carol.id }] });

  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, admin, 1100);
  await page.goto(`${suite.server.url}/#/projects/${project.key}/teams`);
  const globals = page.getByRole('table', { name: 'Global teams' });
  await globals.getByRole('row', { name: new RegExp(clash.name) }).waitFor();

  // A controlled checkbox: it shows what the server holds, so a refused assignment leaves it unticked.
  await page.getByRole('checkbox', { name: `Assign ${clash.name} to ${project.key}` }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', new RegExp(`TEAM-4.*${alice.login}`));
  await screenshot(page, 'teams-team4-conflict');
  assert.equal(await page.getByRole('checkbox', { name: `Assign ${clash.name} to ${project.key}` }).isChecked(), false);

  const assign = page.getByRole('checkbox', { name: `Assign ${free.name} to ${project.key}` });
  await assign.click();
  await assign.and(page.locator(':checked')).waitFor();
  const assignedRow = globals.getByRole('row', { name: new RegExp(free.name) });
  assert.equal(await assignedRow.getAttribute('class'), 'assigned');
  const background = await assignedRow
    .locator('td')
    .first()
    .evaluate((td) => getComputedStyle(td).backgroundColor);
  assert.equal(background, 'rgb(230, 246, 233)', 'an assigned global team is highlighted light green');
  assert.ok(
    await db
      .selectFrom('team_projects')
      .select('team_id')
      .where('team_id', '=', free.id)
      .where('project_id', '=', project.id)
      .executeTakeFirst(),
  );

  const checksOff = page.getByRole('checkbox', { name: 'Disable team & price-list checks for this project' });
  await checksOff.click();
  await checksOff.and(page.locator(':checked')).waitFor();
  await page.getByText('Team & price-list checks are off for this project').waitFor();
  const stored = await db
    .selectFrom('projects')
    .select('team_checks')
    .where('id', '=', project.id)
    .executeTakeFirstOrThrow();
  assert.equal(stored.team_checks, 'disabled');
  await screenshot(page, 'teams-global-assignment');

  assert.deepEqual(errors, []);
  await context.close();
});

test('TEAM-2, APP-3: a project member without a team-admin role sees the teams but none of the controls', async () => {
  const { db } = suite.server;
  const {
    project,
    people: [alice],
  } = await world();
  await createTeam(db, project.id, { name: 'Support', members: [{ userId: alice.id }] });
  await createTeam(db, null, { name: `Global ${project.key}` });

  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, alice, 900);
  await page.goto(`${suite.server.url}/#/projects/${project.key}/teams`);
  const row = page.getByRole('table', { name: 'Project-specific teams' }).getByRole('row', { name: /Support/ });
  await row.waitFor();
  await row.getByText('No price lists.').waitFor();
  const abilities = await page.evaluate(
    async (key) => (await (await fetch(`/api/projects/${key}/teams`)).json()).abilities,
    project.key,
  );
  assert.deepEqual(abilities, { canCreateTeam: false, canAssignTeams: false, canSwitchChecks: false });
  for (const name of ['Create new team', 'Create price list for Support', 'Delete team Support']) {
    assert.equal(await page.getByRole('button', { name }).count(), 0, name);
  }
  assert.equal(await page.getByRole('link', { name: 'Edit team Support' }).count(), 0);
  assert.equal(await page.getByRole('checkbox').count(), 0, 'neither the switch nor an Assigned checkbox');
  assert.deepEqual(errors, []);
  await context.close();
});
