// Guards the main path through the UI: sign-in by form and cookie, logging work with CSRF, and the new work log shown where it belongs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createItem, createProject, createUser, grant } from '../helpers/harness.js';
import { toIsoDate } from '../../web/src/dates.js';
import { browserSuite, screenshot, signInThroughForm, watchPageErrors } from './browser.js';

const suite = browserSuite();

test('ID-3: a user signs in, logs work on an item and sees it listed', async () => {
  const { db } = suite.server;
  const user = await createUser(db, { login: 'alice' });
  const project = await createProject(db, { name: 'Website relaunch' });
  await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: user.id });
  const parent = await createItem(db, { projectId: project.id, title: 'Homepage' });
  const child = await createItem(db, { projectId: project.id, title: 'Hero banner', parentId: parent.id });

  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 750 } });
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);
  await page.goto(suite.server.url);

  // A wrong password is refused with the suite.server's explanation, and no session starts.
  await page.getByLabel('Login').fill(user.login);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /wrong/i);

  await signInThroughForm(page, user.login, user.password);
  await page.getByText(`User ${user.login}`).waitFor();
  const cookies = await context.cookies();
  assert.ok(
    cookies.some((c) => c.httpOnly),
    'the session cookie is HTTP-only',
  );

  // Project list → project tree → expand the parent lazily → the child item.
  await page.getByRole('link', { name: 'Website relaunch' }).click();
  await page.getByRole('button', { name: `Expand ${parent.key}` }).click();
  await page.getByRole('link', { name: `${child.key} Hero banner` }).click();
  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('link', { name: `${parent.key} Homepage` })
    .waitFor();

  await page.getByRole('button', { name: 'Log work' }).click();
  const dialog = page.getByRole('dialog');
  assert.equal(await dialog.getByLabel('Date').inputValue(), toIsoDate(new Date()), 'the date defaults to today');
  await dialog.getByLabel('Duration').fill('a while');
  await dialog.getByRole('button', { name: 'Save' }).click();
  assert.match((await dialog.getByRole('alert').textContent()) ?? '', /Enter a duration/);
  assert.equal(await dialog.getByLabel('Duration').getAttribute('aria-invalid'), 'true');
  await dialog.getByLabel('Duration').fill('1h 30m');
  await dialog.getByLabel('Description').fill('Cropped the banner image');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });

  // The item's work-log tab lists it…
  assert.equal(await page.getByRole('tab', { name: 'Work logs' }).getAttribute('aria-selected'), 'true');
  const itemRow = page.getByRole('tabpanel').getByRole('row', { name: /Cropped the banner image/ });
  await itemRow.waitFor();
  assert.match((await itemRow.textContent()) ?? '', /1h 30m/);
  await screenshot(page, 'item-worklogs');

  // …and so does My work logs, with the total.
  await page.getByRole('link', { name: 'My work logs' }).click();
  const myRow = page.getByRole('row', { name: /Cropped the banner image/ });
  await myRow.waitFor();
  assert.match((await myRow.textContent()) ?? '', new RegExp(`${child.key}.*1h 30m`));
  assert.match((await page.locator('.total').textContent()) ?? '', /1h 30m \(1\.5 hours\)/);
  await screenshot(page, 'my-worklogs');

  const stored = await db.selectFrom('worklogs').select(['duration_seconds', 'author_id']).execute();
  assert.deepEqual(stored, [{ duration_seconds: 5400, author_id: user.id }]);

  // Signing out ends the session on the suite.server, not only in the page.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();

  assert.deepEqual(pageErrors, []);
  await context.close();
});
