// Guards FLOW-5 (planning) on the Schedule timeline in the browser: a team lead (MANAGE_SCHEDULE) plans a task for a
// member by dragging on the member's row and filling the dialog; dragging the bar moves its dates, and an arrow key
// moves it a day; a day planned over capacity is marked overbooked. APP-4: a client name on a task shows only to a
// client reader (app_admin here), never to the lead; on a phone the timeline scrolls with the names staying in view.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ZOOMS } from '../../web/src/components/schedule/model.js';
import { createUser } from '../helpers/harness.js';
import { addMember, createTeam, grantAppRole } from '../helpers/teams.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite();

/** A day's width on the timeline in the days zoom, in pixels. */
const DAY = ZOOMS.days.dayWidth;
const MONDAY = '2030-06-03';

async function openSchedule(page: Page) {
  await page.getByRole('link', { name: 'Schedule', exact: true }).click();
  await page.getByRole('heading', { name: 'Schedule', exact: true, level: 1 }).waitFor();
  await page.evaluate((from) => {
    window.location.hash = `#/schedule?from=${from}`;
  }, MONDAY);
  await page.getByText('Jun 3, 2030 – Jun 16, 2030', { exact: true }).waitFor();
}

async function storedDates(plan: { id: number }) {
  const row = await suite.server.db
    .selectFrom('planned_tasks')
    .select(['start_date', 'end_date', 'version'])
    .where('id', '=', plan.id)
    .executeTakeFirstOrThrow();
  return [String(row.start_date), String(row.end_date)];
}

test('FLOW-5, APP-4: a team lead plans a task for a member by dragging on the timeline, moves it by drag and by key; overbooked days are marked; only a client reader sees the client', async () => {
  const { db, url } = suite.server;
  const lead = await createUser(db);
  const member = await createUser(db);
  const admin = await createUser(db);
  await grantAppRole(db, admin.id, 'app_admin');
  const team = await createTeam(db, null, { name: 'Platform', members: [{ userId: member.id }] });
  await addMember(db, team.id, lead.id, ['MANAGE_SCHEDULE']);
  const client = await db.insertInto('clients').values({ name: 'Initech' }).returning('id').executeTakeFirstOrThrow();
  // A task naming a client, planned by someone who may set it (FLOW-5), in the second week shown.
  await db
    .insertInto('planned_tasks')
    .values({
      user_id: member.id,
      title: 'Audit',
      start_date: '2030-06-10',
      end_date: '2030-06-11',
      seconds_per_day: 2 * 3600,
      client_id: client.id,
      created_by: admin.id,
    })
    .execute();

  const { page, context, errors } = await signedInPage(suite.browser, url, lead);
  await openSchedule(page);
  const row = page.getByRole('group', { name: `User ${member.login}`, exact: true });
  await row.getByRole('button', { name: 'Audit, Jun 10, 2030 – Jun 11, 2030, 2 h a day', exact: true }).waitFor();
  assert.doesNotMatch(await page.content(), /Initech/, 'APP-4: no client name for a lead without a client role');

  // Drag from Monday to Wednesday on the member's row: the dialog opens for them and those days.
  const track = await row.locator('.sch-track').boundingBox();
  assert.ok(track);
  await page.mouse.move(track.x + DAY / 2, track.y + 12);
  await page.mouse.down();
  await page.mouse.move(track.x + DAY * 1.5, track.y + 12, { steps: 3 });
  await page.mouse.move(track.x + DAY * 2.5, track.y + 12, { steps: 3 });
  await page.mouse.up();
  const dialog = page.getByRole('dialog', { name: 'Plan', exact: true });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('For', { exact: true }).inputValue(), `u${member.id}`);
  assert.equal(await dialog.getByLabel('First day', { exact: true }).inputValue(), MONDAY);
  assert.equal(await dialog.getByLabel('Last day', { exact: true }).inputValue(), '2030-06-05');
  await dialog.getByLabel('Title', { exact: true }).fill('Migration');
  await dialog.getByLabel('Hours a day', { exact: true }).fill('10');
  await screenshot(page, 'schedule-dialog');
  await dialog.getByRole('button', { name: 'Plan', exact: true }).click();
  await page.getByRole('status').getByText(`Planned “Migration” for User ${member.login}.`, { exact: true }).waitFor();
  const bar = row.getByRole('button', { name: /^Migration, / });
  assert.equal(await bar.getAttribute('aria-label'), 'Migration, Jun 3, 2030 – Jun 5, 2030, 10 h a day');
  const plan = await db
    .selectFrom('planned_tasks')
    .select('id')
    .where('user_id', '=', member.id)
    .where('title', '=', 'Migration')
    .executeTakeFirstOrThrow();

  // Ten hours on an eight-hour day: overbooked, in words and in red.
  const overbooked = row.getByText('Mon, Jun 3: 10 of 8 h, overbooked', { exact: true });
  await overbooked.waitFor();
  assert.match((await overbooked.locator('..').getAttribute('class')) ?? '', /\bover\b/);
  assert.equal(await row.getByText('Thu, Jun 6: 0 of 8 h', { exact: true }).count(), 1, 'not overbooked');

  // Drag the bar two days later.
  const box = await bar.boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + DAY, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + DAY * 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await page
    .getByRole('status')
    .getByText('“Migration” is now planned Jun 5, 2030 – Jun 7, 2030.', { exact: true })
    .waitFor();
  assert.deepEqual(await storedDates(plan), ['2030-06-05', '2030-06-07']);
  assert.equal(await page.getByRole('dialog').count(), 0, 'the click ending a drag opens no dialog');
  await row.getByText('Thu, Jun 6: 10 of 8 h, overbooked', { exact: true }).waitFor();
  assert.equal(await row.getByText('Mon, Jun 3: 0 of 8 h', { exact: true }).count(), 1);

  // The keyboard's way: an arrow key on the focused bar moves it a day.
  await bar.focus();
  await page.keyboard.press('ArrowLeft');
  await page
    .getByRole('status')
    .getByText('“Migration” is now planned Jun 4, 2030 – Jun 6, 2030.', { exact: true })
    .waitFor();
  assert.deepEqual(await storedDates(plan), ['2030-06-04', '2030-06-06']);
  await screenshot(page, 'schedule');

  // Eight weeks, a column a week: the overbooked days stay marked.
  await page.getByRole('button', { name: 'Weeks', exact: true }).click();
  await page.getByText('Jun 3, 2030 – Jul 28, 2030', { exact: true }).waitFor();
  await row.getByText('Tue, Jun 4: 10 of 8 h, overbooked', { exact: true }).waitFor();
  await screenshot(page, 'schedule-weeks');
  assert.deepEqual(errors, []);
  await context.close();

  // An app_admin is a client reader: on a phone, the client shows, and the names stay while the days scroll.
  const phone = await suite.browser.newContext({ viewport: { width: 375, height: 740 } });
  const small = await phone.newPage();
  const smallErrors = watchPageErrors(small);
  await small.goto(url);
  await signInThroughForm(small, admin.login, admin.password);
  await openSchedule(small);
  const adminRow = small.getByRole('group', { name: `User ${member.login}`, exact: true });
  await adminRow
    .getByRole('button', { name: 'Audit, client Initech, Jun 10, 2030 – Jun 11, 2030, 2 h a day', exact: true })
    .waitFor();
  const scroller = small.locator('.sch-scroll');
  const name = adminRow.locator('.sch-person');
  const before = await name.boundingBox();
  await scroller.evaluate((el) => {
    el.scrollLeft = 500;
  });
  assert.ok((await scroller.evaluate((el) => el.scrollLeft)) > 0, 'the timeline scrolls sideways');
  const after = await name.boundingBox();
  assert.ok(before && after);
  assert.equal(Math.round(after.x), Math.round(before.x), 'the person column stays in view');
  assert.ok(
    await small.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    'the page itself needs no sideways scrolling at 375 px',
  );
  await screenshot(small, 'schedule-phone');
  // Its edit dialog: the client picked, for an app_admin who may set it (APP-4); Delete beside Save.
  await adminRow.getByRole('button', { name: /^Audit, client Initech,/ }).click();
  const edit = small.getByRole('dialog', { name: 'Edit “Audit”', exact: true });
  const clientField = edit.getByLabel('Client', { exact: true });
  await clientField.locator('option', { hasText: 'Initech' }).waitFor({ state: 'attached' });
  assert.equal(await clientField.inputValue(), String(client.id));
  await edit.getByRole('button', { name: 'Delete', exact: true }).waitFor();
  await edit.getByRole('button', { name: 'Cancel', exact: true }).click();
  await edit.waitFor({ state: 'detached' });
  assert.deepEqual(smallErrors, []);
  await phone.close();
});
