// Guards FLOW-4 (leave) and APP-2 (the Schedule and Leave Approval areas) in the browser: a user requests a week of
// leave in the form and sees it pending in their list and balance; a vacation_approver of their team approves it on the
// Leave approval page, and the owner then reads it approved and taken. A last day before the first day is refused next
// to the field, and on a phone the leave page needs no sideways scrolling.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createUser } from '../helpers/harness.js';
import { addMember, createTeam, grantAppRole } from '../helpers/teams.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite();

/** The elements of the page reaching past the window's right edge: none when the page needs no sideways scrolling. */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body, body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 5);
  });

const WEEK = 'Jun 3, 2030 – Jun 7, 2030';

test('FLOW-4, APP-2: a user requests a week of leave and sees it pending; a vacation_approver of their team approves it', async () => {
  const { db, url } = suite.server;
  const owner = await createUser(db);
  const approver = await createUser(db);
  await grantAppRole(db, approver.id, 'vacation_approver');
  const team = await createTeam(db, null, { members: [{ userId: owner.id }, { userId: approver.id }] });
  const planner = await createUser(db);
  await addMember(db, team.id, planner.id, ['MANAGE_SCHEDULE']);

  const own = await signedInPage(suite.browser, url, owner);
  const { page } = own;
  assert.equal(await page.getByRole('link', { name: 'Leave approval', exact: true }).count(), 0, 'APP-2: no area');
  await page.getByRole('link', { name: 'Leave', exact: true }).click();
  await page.getByRole('heading', { name: 'Leave', exact: true, level: 1 }).waitFor();
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Vacation' });
  await page.getByLabel('First day', { exact: true }).fill('2030-06-03');
  await page.getByLabel('Last day', { exact: true }).fill('2030-06-07');
  await page.getByLabel('Comment (optional)').fill('Summer');
  await page.getByRole('button', { name: 'Request leave', exact: true }).click();
  await page.getByRole('status').getByText(`Requested 5 days of Vacation, ${WEEK}: waiting for approval.`).waitFor();
  const requests = page.getByRole('table', { name: 'My requests in 2030' });
  await requests.getByRole('row', { name: `${WEEK} 5 Vacation Pending Summer Cancel the leave ${WEEK}` }).waitFor();
  const balances = page.getByRole('table', { name: 'My balances in 2030, in days' });
  await balances.getByRole('row', { name: 'Vacation 25 0 5 20', exact: true }).waitFor();
  await screenshot(page, 'leave');

  const decider = await signedInPage(suite.browser, url, approver);
  await decider.page.getByRole('link', { name: 'Leave approval', exact: true }).click();
  const queue = decider.page.getByRole('table', { name: 'Leave requests waiting for a decision' });
  const what = `the leave of User ${owner.login}, ${WEEK}`;
  await queue.getByRole('row', { name: new RegExp(`^User ${owner.login} Vacation ${WEEK} 5 Summer`) }).waitFor();
  await screenshot(decider.page, 'leave-approval');
  await queue.getByRole('button', { name: `Approve ${what}`, exact: true }).click();
  await decider.page.getByRole('status').getByText(`Approved ${what}.`).waitFor();
  await decider.page.getByText('No leave requests wait for your decision.').waitFor();
  await decider.page.getByRole('tab', { name: 'Approved', exact: true }).click();
  await decider.page
    .getByRole('table', { name: 'Approved leave requests' })
    .getByRole('button', { name: `Revoke… ${what}`, exact: true })
    .waitFor();
  assert.deepEqual(decider.errors, []);
  await decider.context.close();

  await page.reload();
  await requests.getByRole('row', { name: new RegExp(`^${WEEK} 5 Vacation Approved Summer`) }).waitFor();
  await balances.getByRole('row', { name: 'Vacation 25 5 0 20', exact: true }).waitFor();
  assert.equal(
    await requests.getByRole('button', { name: /^Cancel/ }).count(),
    0,
    'an approved request is not cancelled',
  );
  // FLOW-4, FLOW-5: the approved week shows on the Schedule — by its type to the owner, as "absent" to the team's planner.
  await page.goto(`${url}/#/schedule?from=2030-06-03`);
  await page.locator('.sch-leave', { hasText: 'Vacation' }).first().waitFor();
  assert.deepEqual(own.errors, []);
  await own.context.close();
  const lead = await signedInPage(suite.browser, url, planner);
  await lead.page.goto(`${url}/#/schedule?from=2030-06-03`);
  await lead.page.getByText(`User ${owner.login}`, { exact: true }).first().waitFor();
  assert.equal(await lead.page.locator('.sch-leave', { hasText: 'absent' }).count(), 5, 'five days of leave, "absent"');
  assert.doesNotMatch(await lead.page.content(), /vacation/i, 'no trace of the type in the planner’s DOM');
  assert.deepEqual(lead.errors, []);
  await lead.context.close();
});

test('FLOW-4, APP-2: a last day before the first day is refused next to the field; a calendar feed of my leave; on a phone the leave page fits', async () => {
  const { db, url } = suite.server;
  const user = await createUser(db);
  const context = await suite.browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(url);
  await signInThroughForm(page, user.login, user.password);
  await page.getByRole('link', { name: 'Leave', exact: true }).click();
  const last = page.getByLabel('Last day', { exact: true });
  await page.getByLabel('First day', { exact: true }).fill('2030-06-07');
  await last.fill('2030-06-03');
  await page.getByRole('button', { name: 'Request leave', exact: true }).click();
  const refusal = page.getByRole('alert').getByText('the last day is before the first day');
  await refusal.waitFor();
  assert.equal(await last.getAttribute('aria-invalid'), 'true');
  assert.equal(await last.getAttribute('aria-describedby'), await refusal.getAttribute('id'), 'tied to the field');

  await last.fill('2030-06-10');
  await page.getByRole('button', { name: 'Request leave', exact: true }).click();
  await page
    .getByRole('table', { name: 'My requests in 2030' })
    .getByRole('cell', { name: 'Jun 7, 2030 – Jun 10, 2030', exact: true })
    .waitFor();
  assert.equal(await refusal.count(), 0);
  // Issue 16: a calendar feed of my leave — its address shown once, serving the request as iCal.
  await page.getByRole('button', { name: 'New feed of my leave', exact: true }).click();
  const address = await page.locator('.feed-url').innerText();
  const ics = await page.request.get(address);
  assert.match(await ics.text(), /SUMMARY:Vacation \(pending\)/);
  await screenshot(page, 'leave-phone');
  assert.deepEqual(await overflowing(page), [], 'the leave page needs no sideways scrolling at 375 px');
  assert.deepEqual(errors, []);
  await context.close();
});
