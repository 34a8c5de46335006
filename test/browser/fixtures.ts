// Fixtures the browser tests share, on top of test/helpers/harness.ts (and test/helpers/teams.ts for teams).
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/index.js';
import { createUser } from '../helpers/harness.js';
import { signInThroughForm, watchPageErrors } from './browser.js';

/** A user in the built-in group `administrators`, which holds `app_admin` (APP-1) — not a system administrator. */
export async function createAppAdmin(db: Database) {
  const user = await createUser(db);
  const group = await db
    .selectFrom('groups')
    .select('id')
    .where('name', '=', 'administrators')
    .executeTakeFirstOrThrow();
  await db.insertInto('group_members').values({ group_id: group.id, user_id: user.id }).execute();
  return user;
}

/** A fresh browser context signed in as the user through the form, with its page's uncaught errors collected. */
export async function signedInPage(
  browser: Browser,
  url: string,
  user: { login: string; password: string },
  height = 900,
) {
  const context = await browser.newContext({ viewport: { width: 1200, height } });
  const page: Page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(url);
  await signInThroughForm(page, user.login, user.password);
  return { context, page, errors };
}
