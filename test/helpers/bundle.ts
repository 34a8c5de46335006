// Bundles test files for `npm test` (scripts/test.sh). Loading the TypeScript sources through tsx's module hooks cost each
// process about a second of CPU more than loading one bundle, so esbuild inlines the project's own code (packages stay
// external, loaded from node_modules as usual) into .tmp/tests/, keeping each test's path below it, with source maps for
// stack traces. `import.meta.url` keeps naming the source file, so a test finds the files beside it.
//
// With --groups=N the files run in N processes instead of one each: a process costs about 2.5 s of CPU before its first
// test (Node, the bundle, compiling PGlite's WebAssembly; Chromium's launch for browser tests), which 100 files paid 100
// times. Each group is one bundle, .tmp/tests/groups/NN.test.mjs, that runs its files one after another, each inside a
// describe() named by its path, so a file's top-level hooks (before/after) stay its own. The files go to the groups
// longest first, each to the group with the least so far (by --timings, a TSV of "seconds<TAB>path" that npm test
// writes after each run; a file with no time yet weighs its test code), and the groups are printed heaviest first.
// Prints the paths to run, one a line.
// Usage: node --import tsx test/helpers/bundle.ts [--groups=N] [--timings=FILE] test/a.test.ts …   (no --groups, or 0: a
// process per file)
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const outdir = resolve('.tmp/tests');

const sourceImportMetaUrl: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const contents = text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

const options = new Map<string, string>();
const files: string[] = [];
for (const arg of process.argv.slice(2)) {
  const option = /^--(\w+)=(.*)$/.exec(arg);
  if (option) options.set(option[1]!, option[2]!);
  else files.push(relative('.', resolve(arg)));
}
const groupCount = Math.min(Number(options.get('groups') ?? 0), files.length);

/**
 * Seconds each file took in the last run. A file with none (a new file, a fresh checkout) weighs the test code it
 * bundles, its own and the test helpers it imports (about 5 s for 10 kB): a five-line file that runs a suite of
 * test/authz/db-reference.ts weighs that suite.
 */
async function weights(): Promise<Map<string, number>> {
  const known = new Map<string, number>();
  try {
    for (const line of readFileSync(options.get('timings') ?? '', 'utf8').split('\n')) {
      const [seconds, path] = line.split('\t');
      if (path && Number(seconds) >= 0) known.set(path, Number(seconds));
    }
  } catch {
    // No timings yet: sizes only.
  }
  const unknown = files.filter((file) => !known.has(file));
  if (unknown.length) {
    const { metafile } = await build({
      entryPoints: unknown.map((file) => resolve(file)),
      outdir,
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      logLevel: 'silent',
    });
    for (const output of Object.values(metafile.outputs)) {
      if (!output.entryPoint) continue;
      const bytes = Object.entries(output.inputs)
        .filter(([input]) => input.startsWith('test/'))
        .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
      known.set(relative('.', resolve(output.entryPoint)), bytes / 2000);
    }
  }
  return new Map(files.map((file) => [file, known.get(file) ?? 0]));
}

/** Longest first, each to the lightest group so far; ties by path, so the same timings give the same groups. */
async function groupFiles(count: number): Promise<string[][]> {
  const weight = await weights();
  const groups = Array.from({ length: count }, () => ({ files: [] as string[], total: 0 }));
  const order = [...files].sort((a, b) => weight.get(b)! - weight.get(a)! || a.localeCompare(b));
  for (const file of order) {
    const lightest = groups.reduce((min, group) => (group.total < min.total ? group : min));
    lightest.files.push(file);
    lightest.total += weight.get(file)!;
  }
  return groups.sort((a, b) => b.total - a.total).map((group) => group.files.sort());
}

/**
 * A group's entry: each file inside a describe() named by its path; require() runs the bundled file right there. Shared
 * resources (./shared.ts) stay open from file to file.
 */
const groupSource = (group: string[]) =>
  [
    "import { describe } from 'node:test';",
    `import { shareAcrossFiles } from ${JSON.stringify(resolve('test/helpers/shared.ts'))};`,
    'shareAcrossFiles();',
    ...group.map((file) => `describe(${JSON.stringify(file)}, () => { require(${JSON.stringify(resolve(file))}); });`),
  ].join('\n');

const groups = groupCount >= 1 ? await groupFiles(groupCount) : [];
const groupEntries: Plugin = {
  name: 'test-groups',
  setup(b) {
    b.onResolve({ filter: /^test-group:/ }, (args) => ({ path: args.path, namespace: 'test-group' }));
    b.onLoad({ filter: /.*/, namespace: 'test-group' }, (args) => ({
      contents: groupSource(groups[Number(args.path.slice('test-group:'.length))]!),
      loader: 'ts',
      resolveDir: resolve('.'),
    }));
  },
};
const groupName = (index: number) => `groups/${String(index + 1).padStart(2, '0')}.test`;

await rm(outdir, { recursive: true, force: true });
await build({
  // Absolute, so that esbuild never takes a path like test/x.test.ts for a package to leave external.
  entryPoints: groups.length
    ? groups.map((_, index) => ({ in: `test-group:${index}`, out: groupName(index) }))
    : files.map((file) => resolve(file)),
  outdir,
  outbase: '.',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Error classes and functions keep their names, as some messages and assertions read them.
  keepNames: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [sourceImportMetaUrl, groupEntries],
});
const outputs = groups.length
  ? groups.map((_, index) => `${groupName(index)}.mjs`)
  : files.map((file) => file.replace(/\.tsx?$/, '.mjs'));
for (const output of outputs) console.log(relative('.', resolve(outdir, output)));
