// Writes the OpenAPI document the server serves to docs/openapi.json (npm run openapi). test/http/openapi.test.ts
// regenerates it and fails when the committed file differs, so a change to the API shows in review as a diff.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openDb } from '../src/db/index.js';
import { buildApp } from '../src/http/app.js';

export const OPENAPI_FILE = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

/** The document as served, formatted the way it is committed. */
export async function servedOpenApi(): Promise<string> {
  const handle = await openDb({});
  try {
    const { app } = await buildApp({ db: handle.db, webDir: 'dist/web' });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    await app.close();
    return `${JSON.stringify(res.json(), null, 2)}\n`;
  } finally {
    await handle.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(OPENAPI_FILE, await servedOpenApi());
  console.log(`wrote ${OPENAPI_FILE}`);
}
