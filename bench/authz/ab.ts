import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

/**
 * npm run bench:authz:ab -- [REV] [--rounds N] [--messages-may-differ] — the decision core at a git revision (default
 * HEAD) against the working tree's, in one process (bench/authz/ab-run.ts). On this shared machine two separate
 * bench:authz runs of the same code differ by more than most engine changes do; timing both versions in the same
 * rounds is how the engine changes of BENCHMARKS.md were measured.
 *
 * It extracts the revision's src/ into node_modules/.cache/timeward-ab/base, bundles both versions with esbuild as
 * bench:authz bundles its engine, and runs the bundle with node. The two versions' SecuritySetting constructors must
 * take the same arguments.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '9' }, 'messages-may-differ': { type: 'boolean', default: false } },
});
const rev = positionals[0] ?? 'HEAD';
const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'node_modules/.cache/timeward-ab');
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'base'), { recursive: true });
writeFileSync(
  join(dir, 'base.tar'),
  execFileSync('git', ['archive', '--format=tar', rev, 'src'], { cwd: root, maxBuffer: 1 << 28 }),
);
execFileSync('tar', ['-xf', join(dir, 'base.tar'), '-C', join(dir, 'base')]);

const name = JSON.stringify(rev);
writeFileSync(
  join(dir, 'entry.ts'),
  `
import * as base from './base/src/authz/decide.js';
import * as baseSetting from './base/src/authz/setting.js';
import * as tree from '../../../src/authz/decide.js';
import * as treeSetting from '../../../src/authz/setting.js';
import { runAb } from '../../../bench/authz/ab-run.js';
await runAb([{ name: ${name}, decide: base.decide, Setting: baseSetting.SecuritySetting }, { name: 'working tree', decide: tree.decide, Setting: treeSetting.SecuritySetting }],
  ${Number(values.rounds)}, ${values['messages-may-differ']});
`,
);
await build({
  entryPoints: [join(dir, 'entry.ts')],
  outfile: join(dir, 'ab.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
execFileSync(process.execPath, [join(dir, 'ab.mjs')], { stdio: 'inherit' });
