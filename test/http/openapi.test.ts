// API-1: the OpenAPI document is committed (docs/openapi.json); this regenerates it from the routes' schemas and fails
// when the two differ, so every change to a request or response shape is reviewed as a diff of that file.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { OPENAPI_FILE, servedOpenApi } from '../../scripts/openapi.js';

test('API-1: the committed OpenAPI document is the one the server serves (npm run openapi rewrites it)', async () => {
  const served = await servedOpenApi();
  const committed = await readFile(OPENAPI_FILE, 'utf8');
  const changed = (a: string, b: string) => {
    const x = a.split('\n');
    const y = b.split('\n');
    const at = x.findIndex((line, i) => line !== y[i]);
    return at < 0 ? 'lengths differ' : `first difference at line ${at + 1}: ${y[at]} → ${x[at]}`;
  };
  assert.ok(served === committed, `docs/openapi.json is stale (${changed(served, committed)}); run npm run openapi`);
});
