// Guards the timesheet grid: a week filled and submitted by keyboard alone (FLOW-1, WL-6), a closed team period's days
// shown locked with the gate's reason (FLOW-3, FLOW-11), the timer surviving a reload and writing a work log on stop,
// and the grid on a phone (its days scroll sideways under a sticky item column).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Database } from '../../src/db/index.js';
import { toIsoDate, weekOf } from '../../web/src/dates.js';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { createTeam } from '../helpers/teams.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite();

async function world(db: Database) {
  const project = await createProject(db, { name: 'Website' });
  const user = await createUser(db);
  await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: user.id });
  const design = await createItem(db, { projectId: project.id, title: 'Design review' });
  const build = await createItem(db, { projectId: project.id, title: 'Build pages' });
  const log = (itemId: number, date: string, seconds: number, teamId: number | null = null) =>
    db
      .insertInto('worklogs')
      .values({
        item_id: itemId,
        project_id: project.id,
        author_id: user.id,
        start_date: date,
        duration_seconds: seconds,
        description: 'Earlier work',
        team_id: teamId,
        created_by: user.id,
      })
      .execute();
  return { project, user, design, build, log };
}

const worklogsOf = (db: Database, userId: number) =>
  db
    .selectFrom('worklogs as w')
    .innerJoin('work_items as i', 'i.id', 'w.item_id')
    .select(['i.key', 'w.start_date', 'w.duration_seconds'])
    .where('w.author_id', '=', userId)
    .orderBy('i.key')
    .orderBy('w.start_date')
    .execute();

const rowOf = (page: Page, key: string) => page.getByRole('grid').getByRole('row', { name: new RegExp(key) });

test('FLOW-1, WL-6: a week is filled by keyboard alone — typed durations shown parsed, saved per cell — and submitted', async () => {
  const { db } = suite.server;
  const { user, design, build } = await world(db);
  const monday = weekOf(new Date(Date.now() - 7 * 86_400_000)).from;
  const day = (offset: number) => toIsoDate(new Date(new Date(`${monday}T12:00:00`).getTime() + offset * 86_400_000));
  const { context, page, errors } = await signedInPage(
    suite.browser,
    `${suite.server.url}/#/timesheet?date=${monday}`,
    user,
  );
  await page.getByText('No work logged').waitFor();

  // Two rows, added through the item search: type, Tab to the match, Enter.
  for (const [item, words] of [
    [design, 'Design'],
    [build, 'Build'],
  ] as const) {
    await page.getByLabel('Add a row').focus();
    await page.keyboard.type(words);
    await page.getByRole('button', { name: `${item.key} ${words}` }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await rowOf(page, item.key).waitFor();
  }

  // Monday to Friday of the first row, one format each; the parsed value shows before the cell is left.
  await rowOf(page, design.key).getByRole('gridcell').first().focus();
  for (const [text, parsed] of [
    ['8', '= 8 h'],
    ['7.5', '= 7 h 30 min'],
    ['1h 30m', '= 1 h 30 min'],
    ['90m', '= 1 h 30 min'],
    ['1:30', '= 1 h 30 min'],
  ]) {
    await page.keyboard.type(text);
    const editor = page.getByRole('textbox', { name: /^Hours on / });
    assert.equal(await editor.inputValue(), text);
    assert.equal(await page.locator('.ts-reading').innerText(), parsed);
    await page.keyboard.press('Tab');
  }
  // Tab from Friday went on to Saturday; down to the second row, back to its Monday.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  await page.getByText('Enter a duration, not “abc”').waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.type('30m');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  // Changing a saved cell (Enter edits its value, typing replaces it) and emptying one (Delete).
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('All changes saved.').waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Delete');
  await page.getByRole('status').getByText('All changes saved.').waitFor();

  assert.deepEqual(
    (await worklogsOf(db, user.id)).map((w) => [w.key, w.start_date, w.duration_seconds]),
    [
      [design.key, day(0), 6 * 3600],
      [design.key, day(1), 7.5 * 3600],
      [design.key, day(2), 5400],
      [design.key, day(3), 5400],
      [design.key, day(4), 5400],
      [build.key, day(0), 1800],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  const totals = page.getByRole('grid').locator('tfoot');
  assert.match(await totals.innerText(), /Total\s+6h 30m\s+\/ 8h\s+7h 30m\s+\/ 8h\s+1h 30m\s+\/ 8h/);
  assert.match(await totals.innerText(), /18h 30m\s+\/ 40h/);
  await screenshot(page, 'timesheet-week-filled');

  // Submit, by keyboard too; the week's cells lock with the reason.
  const submit = page.getByRole('button', { name: 'Submit week' });
  await submit.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Approval' }).getByText('Submitted', { exact: true }).waitFor();
  const slices = await db.selectFrom('timesheet_slices').select(['state']).where('user_id', '=', user.id).execute();
  assert.deepEqual(slices, [{ state: 'submitted' }]);
  const locked = rowOf(page, design.key).getByRole('gridcell').first();
  await page.waitForFunction(
    (key) =>
      [...document.querySelectorAll('[role=row]')]
        .find((row) => row.textContent?.includes(key))
        ?.querySelector('[role=gridcell]')
        ?.getAttribute('aria-readonly') === 'true',
    design.key,
  );
  assert.match((await locked.getAttribute('title')) ?? '', /submitted/);
  await locked.focus();
  await page.keyboard.type('1');
  assert.equal(await page.getByRole('textbox', { name: /^Hours on / }).count(), 0, 'a locked cell opens no editor');
  assert.deepEqual(errors, []);
  await context.close();
});

test('FLOW-3, FLOW-11: the days of a closed team period show locked, with the reason on hover and on focus', async () => {
  const { db } = suite.server;
  const { project, user, design, log } = await world(db);
  const team = await createTeam(db, project.id, { name: 'Frontend', members: [{ userId: user.id }] });
  await log(design.id, '2026-11-10', 3600, team.id);
  await db
    .insertInto('team_periods')
    .values({ team_id: team.id, period_start: '2026-11-01', period_end: '2026-11-30', state: 'closed' })
    .execute();
  const { context, page, errors } = await signedInPage(
    suite.browser,
    `${suite.server.url}/#/timesheet?date=2026-11-10`,
    user,
  );
  const requests: string[] = [];
  page.on('request', (request) => request.url().includes('/api/worklogs') && requests.push(request.method()));

  const cell = rowOf(page, design.key).getByRole('gridcell').nth(1);
  await cell.waitFor();
  const reason = "the period 2026-11-01 – 2026-11-30 of team 'Frontend' is closed";
  assert.equal(await cell.getAttribute('aria-readonly'), 'true');
  assert.equal(await cell.getAttribute('title'), reason);
  const description = await cell.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' '),
  );
  assert.equal(description, `Read-only: ${reason}`);
  await cell.focus();
  // On focus the reason shows under the grid, in plain sight.
  await page.locator('.ts-cell-info').getByText(`Read-only: ${reason}`).waitFor();
  await page.keyboard.type('2');
  await page.keyboard.press('Delete');
  assert.equal(await page.getByRole('textbox', { name: /^Hours on / }).count(), 0);
  assert.equal(
    await page
      .getByRole('columnheader', { name: /Locked/ })
      .nth(1)
      .getAttribute('title'),
    reason,
  );
  await screenshot(page, 'timesheet-closed-period');
  assert.deepEqual(requests, [], 'nothing was sent');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the timer runs on a row, survives a reload, and writes a work log when stopped', async () => {
  const { db } = suite.server;
  const { user, design, log } = await world(db);
  await log(design.id, toIsoDate(new Date()), 3600);
  const { context, page, errors } = await signedInPage(suite.browser, `${suite.server.url}/#/timesheet`, user);

  await page.getByRole('button', { name: `Start timer on ${design.key}` }).click();
  const bar = page.getByRole('region', { name: 'Timer' });
  await bar.getByText(`Timer on ${design.key}`).waitFor();
  await page.reload();
  await bar.getByText(`Timer on ${design.key}`).waitFor();
  assert.match(await bar.getByRole('timer').innerText(), /0:00:\d\d/);
  await rowOf(page, design.key).getByText('Timer running').waitFor();

  await bar.getByRole('button', { name: 'Stop and log' }).click();
  await bar.getByText(`Logged 1m on ${design.key}.`).waitFor();
  await rowOf(page, design.key).locator('.ts-value', { hasText: '1h 1m' }).waitFor();
  const stored = await worklogsOf(db, user.id);
  assert.deepEqual(
    stored.map((w) => w.duration_seconds).sort((a, b) => a - b),
    [60, 3600],
  );
  assert.equal(
    await db.selectFrom('timers').select('user_id').where('user_id', '=', user.id).executeTakeFirst(),
    undefined,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the page stays 375 px wide: the days scroll sideways under a sticky item column', async () => {
  const { db } = suite.server;
  const { user, design, log } = await world(db);
  await log(design.id, toIsoDate(new Date()), 5400);
  const context = await suite.browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${suite.server.url}/#/timesheet`);
  await signInThroughForm(page, user.login, user.password);

  const item = rowOf(page, design.key).getByRole('rowheader');
  await item.waitFor();
  const layout = await page.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('.ts-scroll')!;
    const before = {
      page: document.documentElement.scrollWidth,
      inner: scroller.scrollWidth,
      outer: scroller.clientWidth,
    };
    scroller.scrollLeft = scroller.scrollWidth;
    return before;
  });
  assert.ok(layout.page <= 375, `the page scrolls sideways: ${layout.page} px wide`);
  assert.ok(layout.inner > layout.outer, 'the grid scrolls within its box');
  const box = (await page.locator('.ts-scroll').boundingBox())!;
  const sticky = (await item.boundingBox())!;
  assert.ok(Math.abs(sticky.x - box.x) <= 2, `the item column stays at the left edge (${sticky.x} vs ${box.x})`);
  assert.ok(await rowOf(page, design.key).getByRole('gridcell').last().isVisible());
  await screenshot(page, 'timesheet-phone');
  assert.deepEqual(errors, []);
  await context.close();
});
