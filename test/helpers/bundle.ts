// Bundles test files for `npm test` (scripts/test.sh): each test file runs in a process of its own, and loading the
// TypeScript sources through tsx's module hooks cost each process about a second of CPU more than loading one bundle.
// esbuild inlines the project's own code (packages stay external, loaded from node_modules as usual) into
// .tmp/tests/, keeping each test's path below it, with source maps for stack traces. `import.meta.url` keeps naming
// the source file, so a test finds the files beside it. Prints the bundles' paths, one a line.
// Usage: node --import tsx test/helpers/bundle.ts test/a.test.ts …
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

const entryPoints = process.argv.slice(2);
await rm(outdir, { recursive: true, force: true });
await build({
  // Absolute, so that esbuild never takes a path like test/x.test.ts for a package to leave external.
  entryPoints: entryPoints.map((entry) => resolve(entry)),
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
  plugins: [sourceImportMetaUrl],
});
for (const entry of entryPoints) console.log(relative('.', resolve(outdir, entry.replace(/\.tsx?$/, '.mjs'))));
