// Guards TEAM-8 in the web UI: a client in a group denied ISSUE_TIME_TABS gets no "Teams & price lists" tab on a project
// they browse, and its address is Not found; a member of a team of the project gets the tab and sees only their team.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGroup, createProject, createUser, grant } from '../helpers/harness.js';
import { addMember, createPriceList, createTeam } from '../helpers/teams.js';
import { browserSuite } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite();

test("TEAM-8, DENY-2: the client user denied the time-tracking tabs does not see the project's teams tab; a team member sees only their team", async () => {
  const { db } = suite.server;
  const project = await createProject(db, { name: 'Relaunch' });
  const [client, member] = [await createUser(db), await createUser(db)];
  for (const user of [client, member]) await grant(db, project.id, ['BROWSE_PROJECT'], { userId: user.id });
  const clients = await createGroup(db, [client.id]);
  await db.insertInto('deny_grants').values({ permission: 'ISSUE_TIME_TABS', group_id: clients.id }).execute();
  const mine = await createTeam(db, project.id, { name: 'Web crew', members: [{ userId: member.id }] });
  await createTeam(db, project.id, { name: 'Secret crew' });
  await createPriceList(db, mine.id, { name: 'Web rates', validFrom: '2026-01-01' });
  await addMember(db, mine.id, client.id);

  const denied = await signedInPage(suite.browser, suite.server.url, client);
  await denied.page.goto(`${suite.server.url}/#/projects/${project.key}`);
  await denied.page.getByRole('heading', { name: /Relaunch/ }).waitFor();
  assert.equal(
    await denied.page.getByRole('tab', { name: 'Teams & price lists' }).count(),
    0,
    'no teams tab for the client',
  );
  await denied.page.goto(`${suite.server.url}/#/projects/${project.key}/teams`);
  await denied.page.getByRole('heading', { name: 'Not found' }).waitFor();
  await denied.page.goto(`${suite.server.url}/#/teams/${mine.id}`);
  await denied.page.getByRole('heading', { name: 'Not found' }).waitFor();
  assert.ok(!(await denied.page.content()).includes('Web crew'));
  assert.deepEqual(denied.errors, []);
  await denied.context.close();

  const seen = await signedInPage(suite.browser, suite.server.url, member);
  await seen.page.goto(`${suite.server.url}/#/projects/${project.key}`);
  await seen.page.getByRole('tab', { name: 'Teams & price lists' }).click();
  await seen.page
    .getByRole('heading', { name: 'Web crew' })
    .or(seen.page.getByText('Web crew').first())
    .first()
    .waitFor();
  assert.ok(!(await seen.page.content()).includes('Secret crew'), 'a team the member is not in stays hidden');
  assert.deepEqual(seen.errors, []);
  await seen.context.close();
});
