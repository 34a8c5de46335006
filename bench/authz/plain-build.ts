import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type DecideModule = typeof import('../../src/authz/decide.js');

/**
 * `decide` bundled by esbuild without `keepNames`, as a build step would ship it. Under tsx (how
 * `npm start` and bin/timeward.js run the server) esbuild's keepNames wraps every named closure in
 * `__name(…)`, an `Object.defineProperty` per closure created — and `decide` creates two per call.
 * Returns undefined when esbuild (installed with tsx) cannot be loaded.
 */
export async function importDecideWithoutKeepNames(): Promise<DecideModule | undefined> {
  try {
    const esbuild = await import('esbuild');
    const outfile = join(tmpdir(), `timeward-bench-decide-${process.pid}.mjs`);
    await esbuild.build({
      entryPoints: [fileURLToPath(new URL('../../src/authz/decide.ts', import.meta.url))],
      bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile, logLevel: 'silent',
    });
    try {
      return (await import(pathToFileURL(outfile).href)) as DecideModule;
    } finally {
      rmSync(outfile, { force: true });
    }
  } catch {
    return undefined;
  }
}
