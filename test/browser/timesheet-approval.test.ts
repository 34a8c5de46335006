// Guards the Timesheet Approval screens and the inbox: an approver approves one slice and rejects another with a comment, the
// owner reads the rejection in their inbox, corrects and resubmits, and the approver sees the corrected cell marked as changed
// since the last approval; items the approver may not view show as restricted (ITEM-9); the queue fits a phone (375 px).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { addMember, createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';
import { toIsoDate } from '../../web/src/dates.js';
import { browserSuite, screenshot } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite({ teamChecks: true });

/** What the fixture reads of an answer: a work log's id and version, a submission's slices. */
interface Answer {
  id: number;
  version: number;
  slices: { id: number; start: string }[];
}
type Call = (method: string, path: string, body?: unknown) => Promise<Answer>;

/** The API as the user, over HTTP, for the fixture's steps that are not under test here. */
async function apiAs(user: { login: string; password: string }): Promise<Call> {
  const { url } = suite.server;
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user.login, password: user.password }),
  });
  assert.equal(signIn.status, 200);
  const cookie = signIn.headers
    .getSetCookie()
    .find((c) => c.startsWith('tw_session='))!
    .split(';')[0];
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return async (method, path, body) => {
    const res = await fetch(`${url}/api${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = res.status === 204 ? null : await res.json();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json as Answer;
  };
}

/** The Monday `weeks` weeks before this week's, and its days. */
function weekBefore(weeks: number) {
  const now = new Date();
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7) - 7 * weeks);
  const day = (offset: number) =>
    toIsoDate(new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + offset));
  return { start: day(0), tuesday: day(1), wednesday: day(2), end: day(6) };
}

/**
 * A global team serving two projects; the approver holds APPROVE_TIMESHEETS in it and browses only the first. Ada submits
 * week A; Olive's week B was approved once, recalled and submitted again unchanged, so it has a last approval to compare.
 */
async function world() {
  const { db } = suite.server;
  const [open, hidden] = [await createProject(db, { name: 'Portal' }), await createProject(db, { name: 'Payroll' })];
  const [approver, ada, olive] = [await createUser(db), await createUser(db), await createUser(db)];
  await grantAppRole(db, approver.id, 'timesheet_approver');
  await grant(db, open.id, ['BROWSE_PROJECT'], { userId: approver.id });
  for (const owner of [ada, olive]) {
    for (const project of [open, hidden])
      await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: owner.id });
  }
  const team = await createTeam(db, null, {
    name: 'Delivery',
    assignTo: [open.id, hidden.id],
    members: [{ userId: ada.id }, { userId: olive.id }],
  });
  await addMember(db, team.id, approver.id, ['APPROVE_TIMESHEETS']);
  await createPriceList(db, team.id, { validFrom: '2000-01-01' });
  const visible = await createItem(db, { projectId: open.id, title: 'Checkout page' });
  const secret = await createItem(db, { projectId: hidden.id, title: 'Salary export' });

  const [weekC, weekA, weekB] = [weekBefore(4), weekBefore(3), weekBefore(2)];
  const asApprover = await apiAs(approver);
  const asAda = await apiAs(ada);
  for (const week of [weekC, weekA])
    await asAda('POST', '/worklogs', { itemKey: visible.key, startDate: week.tuesday, durationSeconds: 7200 });
  const adas = (await asAda('POST', '/timesheets/submit', { start: weekC.start, end: weekA.end })).slices;
  const [sliceC, sliceA] = [weekC, weekA].map((week) => adas.find((slice) => slice.start === week.start)!.id);

  const asOlive = await apiAs(olive);
  const fixed = await asOlive('POST', '/worklogs', {
    itemKey: visible.key,
    startDate: weekB.tuesday,
    durationSeconds: 3 * 3600,
  });
  await asOlive('POST', '/worklogs', { itemKey: secret.key, startDate: weekB.wednesday, durationSeconds: 3600 });
  const [sliceB] = (await asOlive('POST', '/timesheets/submit', { start: weekB.start, end: weekB.end })).slices;
  await asApprover('POST', `/approvals/${sliceB.id}/approve`, {});
  await asOlive('POST', `/timesheets/slices/${sliceB.id}/recall`, { comment: 'One more hour on Tuesday' });
  await asApprover('POST', `/approvals/${sliceB.id}/grant-recall`, {});
  await asOlive('POST', '/timesheets/submit', { start: weekB.start, end: weekB.end });
  // Ada's week C is decided elsewhere while the approver's queue still shows it.
  const decideC = () => asApprover('POST', `/approvals/${sliceC}/approve`, {});
  return { approver, ada, olive, asOlive, fixed, weekB, sliceA, sliceC, decideC };
}

/** Whether the page needs no sideways scrolling. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('FLOW-2, FLOW-7, FLOW-10, ITEM-9, APP-2: approve one slice, reject another with a comment; the owner reads it in the inbox, corrects and resubmits; the change is marked', async () => {
  const { approver, ada, olive, asOlive, fixed, weekB, sliceA, sliceC, decideC } = await world();
  const url = suite.server.url;

  // The approver: the Approvals link (APP-2) and the inbox count of slices waiting.
  const lead = await signedInPage(suite.browser, url, approver);
  const nav = lead.page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Inbox, 3 waiting for your approval' }).waitFor();
  await nav.getByRole('link', { name: 'Approvals' }).click();
  const queue = lead.page.getByRole('table', { name: 'Timesheets routed to you' });
  const rowOf = (slice: number) =>
    queue.getByRole('row').filter({ has: lead.page.locator(`a[href$="slice=${slice}"]`) });
  await rowOf(sliceA).waitFor();
  assert.equal(await queue.getByRole('row').count(), 4, 'a header row and three slices');

  // Approve two of Ada's slices from the queue, picked by keyboard; one was decided meanwhile and says why it was not done.
  for (const slice of [sliceA, sliceC]) {
    await rowOf(slice)
      .getByRole('checkbox', { name: new RegExp(`Select User ${ada.login}`) })
      .focus();
    await lead.page.keyboard.press(slice === sliceA ? 'Space' : 'Enter');
  }
  await lead.page.getByText('2 selected').waitFor();
  await decideC();
  await lead.page.getByRole('button', { name: 'Approve selected' }).click();
  await lead.page.getByRole('status').getByText('Approved 1 timesheet. 1 was not: its row says why.').waitFor();
  assert.match((await rowOf(sliceA).textContent()) ?? '', /Approved just now/);
  assert.match((await rowOf(sliceC).textContent()) ?? '', /Not done: \S/);
  await screenshot(lead.page, 'approval-queue-batch');

  // Open Olive's: the hidden project's item is a restricted row with its hours only.
  await queue.getByRole('link', { name: new RegExp(`Open User ${olive.login}`) }).click();
  await lead.page.getByRole('heading', { name: new RegExp(`Timesheet of User ${olive.login}`) }).waitFor();
  const grid = lead.page.getByRole('table', { name: 'Hours by item and day' });
  await grid.getByRole('row', { name: /Checkout page/ }).waitFor();
  assert.match((await grid.getByRole('row', { name: /Restricted item/ }).textContent()) ?? '', /1h/);
  assert.doesNotMatch(await grid.innerText(), /Salary export/);
  assert.equal(await grid.locator('.cell-change').count(), 0, 'unchanged since its last approval');

  // Reject: the comment is required, and its absence is said next to the field.
  await lead.page.getByRole('button', { name: 'Reject…' }).click();
  const dialog = lead.page.getByRole('dialog', { name: 'Reject timesheet' });
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await dialog.getByText('Write why you reject it: the owner reads it to know what to correct.').waitFor();
  assert.equal(await dialog.getByLabel('Why is it rejected?').getAttribute('aria-invalid'), 'true');
  await dialog.getByLabel('Why is it rejected?').fill('Tuesday misses the review meeting.');
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await lead.page
    .getByRole('status')
    .getByText(/^Rejected\./)
    .waitFor();
  const history = lead.page.getByRole('table', { name: 'History' });
  await history.getByRole('row', { name: /Submitted → Rejected.*Tuesday misses the review meeting/ }).waitFor();
  assert.equal(await lead.page.getByRole('button', { name: 'Approve' }).count(), 0, 'only what the abilities allow');
  await screenshot(lead.page, 'approval-slice-rejected');

  // The owner: no Approvals link (APP-2), the rejection counted in the header and read in the inbox.
  const owner = await signedInPage(suite.browser, url, olive);
  const ownerNav = owner.page.getByRole('navigation', { name: 'Main' });
  await ownerNav.getByRole('link', { name: 'Inbox, 1 new rejection' }).click();
  assert.equal(await ownerNav.getByRole('link', { name: 'Approvals' }).count(), 0);
  const entry = owner.page.getByRole('list', { name: 'Inbox, newest first' }).getByRole('listitem').first();
  await entry.getByText('Tuesday misses the review meeting.').waitFor();
  assert.match(await entry.innerText(), /New\s+Rejected: your timesheet/);
  await screenshot(owner.page, 'inbox-rejection');
  await ownerNav.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
  await owner.page.goto(`${url}/#/approvals`);
  await owner.page.getByRole('heading', { name: 'Not found' }).waitFor();
  assert.deepEqual(owner.errors, []);
  await owner.context.close();

  // Corrected and submitted again (the timesheet grid has its own test).
  await asOlive('PATCH', `/worklogs/${fixed.id}`, { version: fixed.version, durationSeconds: 4 * 3600 });
  await asOlive('POST', '/timesheets/submit', { start: weekB.start, end: weekB.end });

  // Back in the queue, the slice waits again; its corrected cell says it changed since the last approval.
  await lead.page.getByRole('link', { name: '← Back to the queue' }).click();
  await queue.getByRole('link', { name: new RegExp(`Open User ${olive.login}`) }).click();
  const changed = grid.getByRole('row', { name: /Checkout page/ }).getByRole('cell', { name: /changed/ });
  assert.match((await changed.textContent()) ?? '', /^4h\s*changed$/);
  await screenshot(lead.page, 'approval-slice-changed');

  // On a phone the queue is one card per slice and nothing needs sideways scrolling; the grid scrolls in its own box.
  await lead.page.setViewportSize({ width: 375, height: 800 });
  assert.ok(await fitsWidth(lead.page), 'the slice page fits 375 px');
  const gridBox = lead.page.getByRole('region', { name: 'Hours by day, scrollable' });
  assert.ok(await gridBox.evaluate((box) => box.scrollWidth > box.clientWidth), 'the grid scrolls inside its box');
  assert.equal(
    await grid
      .locator('tbody th')
      .first()
      .evaluate((th) => getComputedStyle(th).position),
    'sticky',
  );
  await lead.page.getByRole('link', { name: '← Back to the queue' }).click();
  const row = queue.getByRole('row', { name: new RegExp(olive.login) });
  await row.waitFor();
  assert.equal(await row.evaluate((tr) => getComputedStyle(tr).display), 'block', 'a card per slice');
  assert.ok(await fitsWidth(lead.page), 'the queue fits 375 px');
  await screenshot(lead.page, 'approval-queue-phone');
  assert.deepEqual(lead.errors, []);
  await lead.context.close();
});
