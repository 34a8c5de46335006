// Shared setup for the browser tests: a fresh build of the web UI and a headless Chromium from the system.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestDbOptions } from '../helpers/harness.js';
import { doneWith } from '../helpers/shared.js';

const webSource = resolve('web');
const builtIndex = resolve('dist/web/index.html');
const buildLock = resolve('dist/.web-build-lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isBuildFresh(): boolean {
  try {
    return statSync(builtIndex).mtimeMs >= newestMtime(webSource);
  } catch {
    return false;
  }
}

/**
 * Builds dist/web when it is missing or older than web/. Test files may run in parallel processes,
 * so one builds under a directory lock while the others wait for it.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (isBuildFresh()) return;
  mkdirSync(resolve('dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(buildLock);
      break;
    } catch {
      const lock = statSync(buildLock, { throwIfNoEntry: false });
      // A lock older than any build is left over from a killed run.
      if (lock && Date.now() - lock.mtimeMs > 120_000) rmSync(buildLock, { recursive: true, force: true });
      await sleep(250);
      if (isBuildFresh()) return;
    }
  }
  try {
    if (!isBuildFresh()) {
      const { build } = await import('vite');
      await build({ configFile: resolve('web/vite.config.ts'), logLevel: 'warn' });
    }
  } finally {
    rmSync(buildLock, { recursive: true, force: true });
  }
}

/** Debian's Chromium; never a downloaded browser. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Dates follow the browser's locale; tests read them in one known locale.
      '--lang=en-US',
      // The GPU process's work (software compositing, with the GPU off) done in the browser process: one process
      // fewer to start and feed per browser.
      '--in-process-gpu',
    ],
  });
}

let shared: Promise<Browser> | undefined;

/**
 * Chromium for a test file, one per process: when npm test runs several files in one process (../helpers/bundle.ts),
 * they share it, each in browser contexts of its own. Pair with closeBrowser() in the file's after().
 */
export async function launchBrowser(): Promise<Browser> {
  if (shared && !(await shared).isConnected()) shared = undefined;
  shared ??= launchChromium();
  return shared;
}

/**
 * The file is done with Chromium: its browser contexts close now (as closing the browser did), and the browser too
 * when the file runs alone, or after the last file of its process.
 */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  await Promise.all(browser.contexts().map((context) => context.close()));
  await doneWith('chromium', async () => {
    shared = undefined;
    await browser.close();
  });
}

/** Saves a screenshot when TIMEWARD_SCREENSHOTS names a directory, for looking at the UI by eye. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.TIMEWARD_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Fails the test on any uncaught error in the page, which would otherwise only show as a timeout. */
export function watchPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

export async function signInThroughForm(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * The shared set-up of a browser test file: a built UI, a test server on a fresh database, and Chromium.
 * `options` set up the database, e.g. `{ teamChecks: true }` for the team & price-list check (PRICE-2).
 */
export function browserSuite(options: TestDbOptions = {}) {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  before(async () => {
    await ensureWebBuilt();
    server = await startTestServer('pglite', options);
    browser = await launchBrowser();
  });
  after(async () => {
    await closeBrowser(browser);
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}
