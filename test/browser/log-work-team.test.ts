// Guards the log-work dialog under the team & price-list check: it shows the team and price list a work log will record, says why
// work may not be logged before anything is sent (PRICE-3), and moves an edited work log to the author's new team only on confirmation (PRICE-5).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { toIsoDate } from '../../web/src/dates.js';
import { browserSuite, screenshot } from './browser.js';
import { createPriceList, createTeam, leaveTeam } from '../helpers/teams.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite({ teamChecks: true });

async function world() {
  const { db } = suite.server;
  const project = await createProject(db, { name: 'Mobile app' });
  const worker = async (login: string) => {
    const user = await createUser(db, { login: `${login}${project.key.toLowerCase()}` });
    await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: user.id });
    return user;
  };
  const member = await worker('mia');
  const item = await createItem(db, { projectId: project.id, title: 'Login screen' });
  const team = await createTeam(db, project.id, { name: 'Frontend', members: [{ userId: member.id }] });
  const priceList = await createPriceList(db, team.id, {
    name: 'Standard',
    hourlyRate: '87.35',
    validFrom: '2000-01-01',
  });
  return { project, item, team, priceList, member, worker };
}

async function openLogWork(page: import('playwright-core').Page, itemKey: string) {
  await page.goto(`${suite.server.url}/#/items/${itemKey}`);
  await page.getByRole('button', { name: 'Log work' }).click();
  return page.getByRole('dialog', { name: `Log work on ${itemKey}` });
}

test('PRICE-3, WL-1: a team member sees the team and price list the work log will record, and the work log records them', async () => {
  const { db } = suite.server;
  const { item, team, priceList, member } = await world();
  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, member);

  const dialog = await openLogWork(page, item.key);
  const records = dialog.getByRole('region', { name: 'Team and price list' });
  await records.getByText('This work log will record').waitFor();
  assert.match(await records.innerText(), /Team\s+Frontend\s+Price list\s+Standard/i);
  assert.doesNotMatch(await records.innerText(), /Rate/i, 'no money role, no rate (PRICE-7)');
  await screenshot(page, 'log-work-team-member');
  await dialog.getByLabel('Duration').fill('2h');
  await dialog.getByLabel('Description').fill('Built the form');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });

  const row = page.getByRole('tabpanel').getByRole('row', { name: /Built the form/ });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /2h.*Built the form.*Frontend.*Standard/);
  const stored = await db
    .selectFrom('worklogs')
    .select(['team_id', 'price_list_id', 'rate', 'start_date'])
    .where('author_id', '=', member.id)
    .execute();
  assert.deepEqual(stored, [
    { team_id: team.id, price_list_id: priceList.id, rate: '87.35', start_date: toIsoDate(new Date()) },
  ]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('PRICE-3, WL-4: outside a team, or in a team without a valid price list, the dialog says so before anything is sent', async () => {
  const { db } = suite.server;
  const { project, item, worker } = await world();
  const outsider = await worker('omar');
  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, outsider);
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/worklogs')) requests.push(request.url());
  });

  const dialog = await openLogWork(page, item.key);
  const today = toIsoDate(new Date());
  const refusal = dialog.getByText(`not in a team of ${project.key} with a price list valid on ${today}`);
  await refusal.waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Save' }).isDisabled(), true);
  await screenshot(page, 'log-work-not-in-team');
  // The refusal follows the date: it is judged on the work date (PRICE-8).
  await dialog.getByLabel('Date').fill('2001-02-03');
  await dialog.getByText(`not in a team of ${project.key} with a price list valid on 2001-02-03`).waitFor();
  await context.close();

  const idle = await worker('ida');
  await createTeam(db, project.id, { name: 'Without prices', members: [{ userId: idle.id }] });
  const second = await signedInPage(suite.browser, suite.server.url, idle);
  const secondDialog = await openLogWork(second.page, item.key);
  await secondDialog.getByText(`team 'Without prices' of ${project.key} has no price list valid on ${today}`).waitFor();
  await second.context.close();

  assert.deepEqual(requests, [], 'nothing was sent');
  assert.equal((await db.selectFrom('worklogs').select('id').where('project_id', '=', project.id).execute()).length, 0);
  assert.deepEqual([...errors, ...second.errors], []);
});

test('PRICE-5: editing a work log whose author changed team warns, and moves it to the current team only when confirmed', async () => {
  const { db } = suite.server;
  const { project, item, team, member } = await world();
  const today = toIsoDate(new Date());
  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, member);
  const dialog = await openLogWork(page, item.key);
  await dialog.getByText('This work log will record').waitFor();
  await dialog.getByLabel('Duration').fill('1h');
  await dialog.getByLabel('Description').fill('Wireframes');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });

  // The member moves to a global team assigned to the project, with a price list of its own.
  await leaveTeam(db, team.id, member.id);
  const platform = await createTeam(db, null, {
    name: `Platform ${project.key}`,
    assignTo: [project.id],
    members: [{ userId: member.id }],
  });
  const platformList = await createPriceList(db, platform.id, {
    name: 'Platform rate',
    hourlyRate: '64.10',
    validFrom: '2000-01-01',
  });

  await page.reload();
  const row = page.getByRole('tabpanel').getByRole('row', { name: /Wireframes/ });
  await page.getByRole('tab', { name: 'Work logs' }).click();
  await row.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: `Edit work log on ${item.key}` });
  assert.match(
    await edit.getByRole('region', { name: 'Team and price list' }).innerText(),
    /Recorded with\s+Team\s+Frontend/i,
  );
  await edit.getByLabel('Duration').fill('1h 30m');
  await edit.getByRole('button', { name: 'Save' }).click();

  const warning = page.getByRole('dialog', { name: 'The author changed team' });
  await warning.waitFor();
  assert.equal(
    (await warning.locator('p').innerText()).replace(/\s+/g, ' '),
    `This work log was recorded with team Frontend; the author is now in team ${platform.name}. Move it to the current team and price list?`,
  );
  await screenshot(page, 'log-work-team-changed');
  // Cancelling keeps the work log as it was.
  await warning.getByRole('button', { name: 'Cancel' }).click();
  await warning.waitFor({ state: 'detached' });
  const unchanged = await db
    .selectFrom('worklogs')
    .select(['team_id', 'duration_seconds'])
    .where('author_id', '=', member.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(unchanged, { team_id: team.id, duration_seconds: 3600 });

  await edit.getByRole('button', { name: 'Save' }).click();
  await warning.getByRole('button', { name: 'Move and save' }).click();
  await edit.waitFor({ state: 'detached' });
  await row.getByText(platform.name).waitFor();
  const moved = await db
    .selectFrom('worklogs')
    .select(['team_id', 'price_list_id', 'rate', 'duration_seconds', 'start_date'])
    .where('author_id', '=', member.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(moved, {
    team_id: platform.id,
    price_list_id: platformList.id,
    rate: '64.10',
    duration_seconds: 5400,
    start_date: today,
  });
  assert.deepEqual(errors, []);
  await context.close();
});
