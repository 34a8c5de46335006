// Guards the honest Node 20 install: every package the lockfile installs supports the Node versions
// package.json promises, so `npm ci` on Node 20 prints no EBADENGINE warning.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import semver from 'semver';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

test('install: every locked package supports the oldest Node the project promises (no EBADENGINE on Node 20)', () => {
  const oldest = semver.minVersion(manifest.engines.node)!.version;
  assert.ok(semver.satisfies(oldest, '20.x'), `package.json engines should admit Node 20, admits from ${oldest}`);
  const unsupported: string[] = [];
  let checked = 0;
  for (const [path, pkg] of Object.entries(lock.packages)) {
    const range = !pkg.engines || Array.isArray(pkg.engines) ? undefined : pkg.engines.node;
    if (!path || !range) continue;
    checked++;
    for (const node of [oldest, process.versions.node]) {
      if (!semver.satisfies(node, range, { includePrerelease: true }))
        unsupported.push(`${path}@${pkg.version} wants node ${range} (not ${node})`);
    }
  }
  assert.ok(checked > 50, `the lockfile should declare engines for many packages, found ${checked}`);
  assert.deepEqual(unsupported, []);
});
