// Guards WL-6 and API-5 in the web UI: a typed duration shows its parsed value before saving, refusals (the browser's
// and the server's) appear next to their field in plain words, dates read in one locale format, and a day's work logs
// are listed by start time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDateSettings } from '../../src/lib/installation.js';
import { addYears } from '../helpers/dates.js';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { browserSuite, screenshot } from './browser.js';
import { signedInPage } from './fixtures.js';

const suite = browserSuite();

async function world() {
  const { db } = suite.server;
  const user = await createUser(db);
  const project = await createProject(db, { name: 'Typing' });
  await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: user.id });
  const item = await createItem(db, { projectId: project.id, title: 'Forms' });
  return { db, user, project, item };
}

test('WL-6/API-5: typing 1:30 shows "= 1 h 30 min" live; refusals show next to their field in plain words; nothing is saved', async () => {
  const { db, user, item } = await world();
  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, user);
  await page.goto(`${suite.server.url}/#/items/${item.key}`);
  await page.getByRole('button', { name: 'Log work' }).click();
  const dialog = page.getByRole('dialog');
  const duration = dialog.getByLabel('Duration');

  // The parsed value, before saving; a bare number is hours.
  await duration.fill('1:30');
  await dialog.getByText('= 1 h 30 min').waitFor();
  await duration.fill('0.5');
  await dialog.getByText('= 30 min').waitFor();

  // Nonsense is refused next to the field, in words; the dialog stays open and nothing is written.
  await duration.fill('25h');
  await dialog.getByText('A work log can be at most 24 hours; split longer work over several days.').waitFor();
  await dialog.getByRole('button', { name: 'Save' }).click();
  const durationError = dialog.locator('.field-error');
  await durationError.waitFor();
  assert.equal(
    await durationError.textContent(),
    'A work log can be at most 24 hours; split longer work over several days.',
  );
  assert.equal(await duration.getAttribute('aria-invalid'), 'true');
  assert.equal(
    await duration.getAttribute('aria-describedby'),
    await durationError.getAttribute('id'),
    'the error describes the field',
  );

  // A date outside the window: the server's refusal appears at the date field, before and after saving.
  const latest = addYears((await loadDateSettings(db)).today, 1);
  await duration.fill('1:30');
  await dialog.getByText('= 1 h 30 min').waitFor();
  await dialog.getByLabel('Date').fill('2099-01-01');
  const dateError = dialog.locator('.field-error', { hasText: 'Work date' });
  await dateError.waitFor();
  assert.equal(await dateError.textContent(), `Work date must be between 2000-01-01 and ${latest}.`);
  assert.equal(await dialog.getByLabel('Date').getAttribute('aria-invalid'), 'true');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByLabel('Date').and(page.locator('[aria-invalid="true"]')).waitFor();

  // A refusal only the server knows (the description is too long) is shown at the description, not as zod's words.
  await dialog.getByLabel('Date').fill('2024-05-06');
  await dialog.getByLabel('Description').fill('x'.repeat(5_001));
  await dialog.getByRole('button', { name: 'Save' }).click();
  const descriptionError = dialog.locator('.field-error', { hasText: 'Description' });
  await descriptionError.waitFor();
  assert.equal(await descriptionError.textContent(), 'Description must be at most 5000 characters long.');
  assert.equal(await dialog.getByLabel('Description').getAttribute('aria-invalid'), 'true');
  assert.equal(await dialog.locator('.error').count(), 1, 'one message, at its field');
  await screenshot(page, 'log-work-field-error');
  assert.deepEqual(await db.selectFrom('worklogs').select('id').where('item_id', '=', item.id).execute(), []);

  // Corrected, it saves 1 h 30 min — not one minute, not ninety hours.
  await dialog.getByLabel('Description').fill('Forms that speak plainly');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(
    await db.selectFrom('worklogs').select(['duration_seconds', 'start_date']).where('item_id', '=', item.id).execute(),
    [{ duration_seconds: 5400, start_date: '2024-05-06' }],
  );
  // One date format, the browser's locale (the tests run Chromium in en-US).
  await page
    .getByRole('tabpanel')
    .getByRole('row', { name: /Forms that speak plainly/ })
    .getByText('May 6, 2024')
    .waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('WL-3: My work logs lists a day by start time and dates in the locale format; a backwards range is refused at "To"', async () => {
  const { db, user, project, item } = await world();
  for (const [time, description] of [
    ['14:00', 'afternoon'],
    ['09:00', 'morning'],
    [null, 'no time'],
    ['17:30', 'evening'],
  ] as const) {
    await db
      .insertInto('worklogs')
      .values({
        item_id: item.id,
        project_id: project.id,
        author_id: user.id,
        start_date: '2024-05-07',
        start_time: time,
        duration_seconds: 600,
        description,
        created_by: user.id,
      })
      .execute();
  }
  const { context, page, errors } = await signedInPage(suite.browser, suite.server.url, user);
  await page.goto(`${suite.server.url}/#/my-worklogs`);
  const range = page.getByRole('form', { name: 'Date range' });
  await range.getByLabel('From').fill('2024-05-08');
  await range.getByLabel('To').fill('2024-05-06');
  await range.getByRole('button', { name: 'Show' }).click();
  await page.locator('.field-error', { hasText: 'Choose an end date on or after the start date.' }).waitFor();
  assert.equal(await range.getByLabel('To').getAttribute('aria-invalid'), 'true');

  await range.getByLabel('From').fill('2024-05-06');
  await range.getByLabel('To').fill('2024-05-08');
  await range.getByRole('button', { name: 'Show' }).click();
  await page.getByText('Total May 6, 2024 to May 8, 2024:').waitFor();
  const rows = page.getByRole('table', { name: 'My work logs' }).locator('tbody tr');
  await rows.nth(3).waitFor();
  const descriptions = await rows.locator('td.description').allTextContents();
  assert.deepEqual(descriptions, ['evening', 'afternoon', 'morning', 'no time']);
  assert.match((await rows.first().textContent()) ?? '', /^May 7, 2024 17:30/);
  assert.deepEqual(errors, []);
  await context.close();
});
