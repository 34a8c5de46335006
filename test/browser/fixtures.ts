// Fixtures the browser tests share, on top of test/helpers/harness.ts (and test/helpers/teams.ts for teams).
import type { Browser, Page } from 'playwright-core';
import { signInThroughForm, watchPageErrors } from './browser.js';

/** Re-exported for the suites that import it from here. */
export { createAppAdmin } from '../helpers/harness.js';

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
