// Guards default deny: every route declares the action it performs, the declaration is checked at
// start-up, and every non-public route refuses an anonymous caller (API-2).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { ACTION_NAMES, ACTIONS } from '../../src/authz/catalogue.js';
import { installAccessControl, type DeclaredRoute } from '../../src/http/access.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { createTestDb } from '../helpers/harness.js';
import type { DbHandle } from '../../src/db/index.js';

/** The routes that answer without a signed-in user: sign-in and the API's own documentation. */
const PUBLIC = [/^POST \/api\/session$/, /^(GET|HEAD) \/api\/docs/, /^(GET|HEAD) \/api\/openapi\.json$/, /^(GET|HEAD) \/(?!api)/];

const sample = (url: string) => url
  .replace(':key', url.startsWith('/api/items') ? 'ACME-1' : 'ACME')
  .replace(/:(\w+)/g, '1');

describe('route table', () => {
  let handle: DbHandle;
  let app: App;
  let routes: DeclaredRoute[];
  before(async () => {
    handle = await createTestDb('pglite');
    ({ app, routes } = await buildApp({ db: handle.db, webDir: 'dist/web' }));
    await app.ready();
  });
  after(async () => { await app.close(); await handle.close(); });

  test('API-2: every route declares a known action or is explicitly public', () => {
    assert.ok(routes.length > 20, `found ${routes.length} routes`);
    for (const r of routes) {
      assert.ok(r.access === 'public' || (r.access !== undefined && r.access in ACTIONS), `${r.method} ${r.url} declares ${String(r.access)}`);
      if (r.access === 'public') assert.ok(PUBLIC.some((p) => p.test(`${r.method} ${r.url}`)), `${r.method} ${r.url} is public but not on the public list`);
    }
  });

  test('API-2: every action in the catalogue is used by some route (no dead rules)', () => {
    const used = new Set<string | undefined>(routes.map((r) => r.access));
    // Decided inside a route's operation for part of its input: the system administrator flag on user routes,
    // and the money fields of work-log and price-list responses (PRICE-7).
    const withinOperations = ['admin.systemAdmins', 'money.view'];
    for (const action of ACTION_NAMES) assert.ok(used.has(action) || withinOperations.includes(action), `${action} is used by a route`);
  });

  test('API-2: every non-public /api route answers 401 to an anonymous caller, before validating input', async () => {
    const guarded = routes.filter((r) => r.access !== 'public' && r.url.startsWith('/api') && r.method !== 'HEAD');
    assert.ok(guarded.length > 20);
    for (const r of guarded) {
      const res = await app.inject({ method: r.method as 'GET', url: sample(r.url), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: { junk: true } }) });
      assert.equal(res.statusCode, 401, `${r.method} ${r.url} → ${res.statusCode}`);
      assert.equal(res.json().code, 'unauthenticated');
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }
  });

  test('API-2: a route without a declared access stops the server at start-up', async () => {
    const bare = Fastify();
    installAccessControl(bare, async () => null, []);
    bare.get('/api/forgotten', async () => 'open');
    await assert.rejects(async () => { await bare.ready(); }, /routes without a declared access: GET \/api\/forgotten/);
  });

  test('API-1: the OpenAPI document describes the API and its problem responses', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/api/worklogs'].post, 'POST /api/worklogs is documented');
    assert.ok(doc.paths['/api/items/{key}'].get.responses['404'], '404 problems are documented');
    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    assert.ok([200, 302].includes(docs.statusCode));
  });

  test('API-1: unknown API routes answer a problem document, not HTML', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'route_not_found');
  });
});
