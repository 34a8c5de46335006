// Guards Administration → Settings in the browser (API-6): an administrator changes the team check (PRICE-2), the time
// zone, the work-date window (WL-6) and the session lifetime on one screen, at 1280×800 and 390×844, by keyboard,
// with no horizontal scrolling and no console errors; bad input shows at its field (API-5), a stale version says so
// plainly and reloads (API-4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';
import { createAppAdmin } from './fixtures.js';

const suite = browserSuite({ teamChecks: true });
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** An administrator's page on the settings screen, collecting uncaught errors and console errors. */
async function settingsPage(browser: Browser, size: (typeof SIZES)[number]) {
  const admin = await createAppAdmin(suite.server.db);
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  const errors: unknown[] = watchPageErrors(page);
  const console: string[] = [];
  await page.goto(suite.server.url);
  await signInThroughForm(page, admin.login, admin.password);
  // From here on: before sign-in the browser logs the session probe's expected 401.
  page.on('console', (message) => {
    if (message.type() === 'error') console.push(message.text());
  });
  await page.goto(`${suite.server.url}/#/admin/settings`);
  await page.getByRole('button', { name: 'Save settings' }).waitFor();
  return { admin, context, page, errors, console };
}

/** No horizontal scrolling of the page, and none of the form's elements reaches past the right edge. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const form = [...document.querySelectorAll('.settings-form, .settings-form *')];
    return (
      document.documentElement.scrollWidth <= width &&
      form.every((el) => el.getBoundingClientRect().right <= width + 0.5)
    );
  });

const settingsRow = () => suite.server.db.selectFrom('app_settings').selectAll().executeTakeFirstOrThrow();

async function resetSettings() {
  await suite.server.db
    .updateTable('app_settings')
    .set({
      team_checks: true,
      time_zone: 'UTC',
      worklog_earliest: '2000-01-01',
      worklog_days_ahead: null,
      session_hours: 336,
    })
    .execute();
}

for (const size of SIZES)
  test(`API-6/PRICE-2/WL-6: an administrator turns the team check off and changes the time zone, work-date window and session lifetime by keyboard (${size.width}×${size.height})`, async () => {
    await resetSettings();
    const { admin, context, page, errors, console } = await settingsPage(suite.browser, size);
    assert.ok(await fitsWidth(page), 'no horizontal scrolling');
    await screenshot(page, `settings-${size.name}`);

    const check = page.getByRole('checkbox', { name: 'Check teams and price lists when work is logged' });
    assert.equal(await check.isChecked(), true);
    await check.focus();
    await page.keyboard.press('Space');
    assert.equal(await check.isChecked(), false);
    await page.keyboard.press('Tab');
    const zone = page.getByLabel('Time zone of the installation');
    assert.ok(await zone.evaluate((el) => el === document.activeElement), 'Tab moves from the check to the time zone');
    await zone.selectOption('Asia/Tokyo');
    await page.getByLabel('Earliest work date').fill('2020-01-01');
    await page.getByLabel('Days ahead').fill('30');
    await page.getByLabel('Session lifetime').fill('12');
    await page.getByLabel('Hours or days').selectOption('hours');
    await page.getByRole('button', { name: 'Save settings' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

    const row = await settingsRow();
    assert.deepEqual(
      [row.team_checks, row.time_zone, row.worklog_earliest, row.worklog_days_ahead, row.session_hours],
      [false, 'Asia/Tokyo', '2020-01-01', 30, 12],
    );
    const form = page.getByRole('form', { name: 'Settings' });
    assert.match((await form.textContent()) ?? '', /Off: anyone who may work on an item can log work/);
    assert.match((await form.textContent()) ?? '', /Work can now be logged for days from 2020-01-01 to/);
    assert.ok(await fitsWidth(page), 'no horizontal scrolling after saving');
    await screenshot(page, `settings-saved-${size.name}`);

    // A sign-in from now on lasts the new lifetime (ID-3).
    const other = await context.browser()!.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(suite.server.url);
    const before = Date.now();
    await signInThroughForm(otherPage, admin.login, admin.password);
    const newest = await suite.server.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', admin.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const hours = (new Date(newest.expires_at).getTime() - before) / 3_600_000;
    assert.ok(hours > 11.9 && hours <= 12.01, `the new session lasts ${hours} hours`);
    await other.close();

    assert.deepEqual(errors, []);
    assert.deepEqual(console, []);
    await context.close();
  });

test('API-5/API-4/WL-6: bad input shows next to its field in plain words; a stale version says so and reloads (390×844)', async () => {
  await resetSettings();
  const { context, page, errors, console } = await settingsPage(suite.browser, SIZES[1]);
  const save = page.getByRole('button', { name: 'Save settings' });

  await page.getByLabel('Session lifetime').fill('100');
  await page.getByLabel('Hours or days').selectOption('days');
  await save.click();
  const lifetime = page.getByLabel('Session lifetime');
  await page.getByText('Session lifetime must be a whole number between 1 hour and 90 days.').waitFor();
  assert.equal(await lifetime.getAttribute('aria-invalid'), 'true');
  await lifetime.fill('90');

  await page.getByLabel('Earliest work date').fill('1999-12-31');
  await save.click();
  await page.getByText('The earliest work date cannot be before 2000-01-01.').waitFor();
  assert.equal(await page.getByLabel('Earliest work date').getAttribute('aria-invalid'), 'true');
  assert.equal(await lifetime.getAttribute('aria-invalid'), null);
  assert.equal((await settingsRow()).worklog_earliest, '2000-01-01');
  await screenshot(page, 'settings-field-error-phone');

  // Someone else saves meanwhile: the change is refused in plain words, and a reload shows their settings.
  await suite.server.db
    .updateTable('app_settings')
    .set((eb) => ({ version: eb('version', '+', 1), time_zone: 'Europe/Berlin' }))
    .execute();
  await page.getByLabel('Earliest work date').fill('2010-01-01');
  await save.click();
  const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed the settings' });
  await alert.waitFor();
  assert.ok(await fitsWidth(page), 'no horizontal scrolling with the conflict shown');
  await screenshot(page, 'settings-conflict-phone');
  assert.equal((await settingsRow()).worklog_earliest, '2000-01-01');
  await alert.getByRole('button', { name: 'Reload settings' }).click();
  await alert.waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('Time zone of the installation').inputValue(), 'Europe/Berlin');
  assert.equal(await page.getByLabel('Earliest work date').inputValue(), '2000-01-01');
  await page.getByLabel('Earliest work date').fill('2010-01-01');
  await save.click();
  await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
  const row = await settingsRow();
  assert.deepEqual([row.worklog_earliest, row.time_zone], ['2010-01-01', 'Europe/Berlin']);

  assert.deepEqual(errors, []);
  // The refusals the test provokes are the only console lines: the browser's own log of a 400 and a 409 answer.
  assert.deepEqual(
    console.filter((line) => !/status of (400|409)/.test(line)),
    [],
  );
  await context.close();
});
