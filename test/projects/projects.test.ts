// Guards PRJ-1 and API-4 for projects: only administrators create projects, only ADMINISTER_PROJECT edits them,
// and a refused or stale edit leaves the project (and the audit log) exactly as it was.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createProject,
  createUser,
  DIALECTS,
  grant,
  signedIn,
  createTestApp,
  uniqueKey,
  type TestApp,
} from '../helpers/harness.js';
import { allPages, assertAbilities, assertDisjointAndComplete, auditCount, createAppAdmin } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`projects: create and edit (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const projectRow = (key: string) =>
      t.db.selectFrom('projects').selectAll().where('key', '=', key).executeTakeFirst();
    const newClient = async () =>
      t.db
        .insertInto('clients')
        .values({ name: `Client ${uniqueKey()}` })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow();

    test('PRJ-1: an app_admin creates a project with key, name and client; settings default to inherit/week; the creator administers it', async () => {
      const admin = await createAppAdmin(t.db);
      const c = await signedIn(t.app, admin.login);
      const client = await newClient();
      const key = uniqueKey();
      const res = await c.post('/api/projects', { key, name: 'Apollo', clientId: client.id });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.equal(body.key, key);
      assert.equal(body.name, 'Apollo');
      assert.deepEqual(body.client, { id: client.id, name: client.name });
      assert.deepEqual(body.settings, { teamChecks: 'inherit', periodLength: 'week' });
      assert.equal(body.version, 1);
      assertAbilities(body.abilities, { canAdminister: true, canCreateItems: true });

      const list = await c.get(`/api/projects?q=${key}`);
      assert.deepEqual(
        list.json().items.map((p: { key: string }) => p.key),
        [key],
      );
    });

    test('PRJ-1: a project may have no client', async () => {
      const admin = await createAppAdmin(t.db);
      const c = await signedIn(t.app, admin.login);
      const res = await c.post('/api/projects', { key: uniqueKey(), name: 'No client' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().client, null);
    });

    test('PRJ-1: a system administrator creates projects; an ordinary user gets 403 and nothing is written', async () => {
      const sysadmin = await createUser(t.db, { systemAdmin: true });
      const created = await (
        await signedIn(t.app, sysadmin.login)
      ).post('/api/projects', { key: uniqueKey(), name: 'By sysadmin' });
      assert.equal(created.statusCode, 201, created.body);

      const user = await createUser(t.db);
      const key = uniqueKey();
      const audits = await auditCount(t.db);
      const res = await (await signedIn(t.app, user.login)).post('/api/projects', { key, name: 'Not allowed' });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'area_closed');
      assert.equal(await projectRow(key), undefined);
      assert.equal(await auditCount(t.db), audits);
    });

    test('PRJ-1: bad keys, unknown clients and duplicate keys are refused with the field named; nothing is written', async () => {
      const admin = await createAppAdmin(t.db);
      const c = await signedIn(t.app, admin.login);
      const badKey = await c.post('/api/projects', { key: 'lower-case', name: 'X' });
      assert.equal(badKey.statusCode, 400);
      assert.equal(badKey.json().field, 'key');

      const key = uniqueKey();
      const unknownClient = await c.post('/api/projects', { key, name: 'X', clientId: 2_000_000_000 });
      assert.equal(unknownClient.statusCode, 400);
      assert.equal(unknownClient.json().field, 'clientId');
      assert.equal(await projectRow(key), undefined);

      const existing = await createProject(t.db);
      const audits = await auditCount(t.db);
      const duplicate = await c.post('/api/projects', { key: existing.key, name: 'Twin' });
      assert.equal(duplicate.statusCode, 409);
      assert.deepEqual([duplicate.json().code, duplicate.json().field], ['project_key_taken', 'key']);
      assert.equal((await projectRow(existing.key))!.name, `Project ${existing.key}`);
      assert.equal(await auditCount(t.db), audits);
    });

    test('PRJ-1: a holder of ADMINISTER_PROJECT changes name, client and settings (teamChecks, periodLength); each change bumps the version', async () => {
      const user = await createUser(t.db);
      const project = await createProject(t.db);
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: user.id });
      const client = await newClient();
      const c = await signedIn(t.app, user.login);

      const first = await c.patch(`/api/projects/${project.key}`, {
        version: 1,
        name: 'Renamed',
        clientId: client.id,
        settings: { teamChecks: 'disabled', periodLength: 'month' },
      });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().name, 'Renamed');
      assert.deepEqual(first.json().client, { id: client.id, name: client.name });
      assert.deepEqual(first.json().settings, { teamChecks: 'disabled', periodLength: 'month' });
      assert.equal(first.json().version, 2);

      // A partial settings change keeps the other setting; a null client removes the client.
      const second = await c.patch(`/api/projects/${project.key}`, {
        version: 2,
        clientId: null,
        settings: { teamChecks: 'inherit' },
      });
      assert.equal(second.statusCode, 200, second.body);
      assert.equal(second.json().client, null);
      assert.deepEqual(second.json().settings, { teamChecks: 'inherit', periodLength: 'month' });
      assert.equal(second.json().version, 3);

      const read = await c.get(`/api/projects/${project.key}`);
      const { abilities: _r, ...readBody } = read.json() as Record<string, unknown>;
      const { abilities: _s, ...secondBody } = second.json() as Record<string, unknown>;
      assert.deepEqual(readBody, secondBody);
      const row = await projectRow(project.key);
      assert.equal(row!.name, 'Renamed');
      assert.equal(row!.period_length, 'month');
    });

    test('PRJ-1: without ADMINISTER_PROJECT an edit is refused (403 with BROWSE, 404 without) and the project stays as it was', async () => {
      const project = await createProject(t.db);
      const browser = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: browser.id });
      const outsider = await createUser(t.db);
      const appAdmin = await createAppAdmin(t.db);
      const before = await projectRow(project.key);
      const audits = await auditCount(t.db);
      const change = { version: 1, name: 'Hijacked', settings: { periodLength: 'month' } };

      const forbidden = await (await signedIn(t.app, browser.login)).patch(`/api/projects/${project.key}`, change);
      assert.equal(forbidden.statusCode, 403, forbidden.body);
      assert.equal(forbidden.json().code, 'missing_permission');
      for (const login of [outsider.login, appAdmin.login]) {
        const hidden = await (await signedIn(t.app, login)).patch(`/api/projects/${project.key}`, change);
        assert.equal(hidden.statusCode, 404, `${login}: ${hidden.body}`);
      }
      assert.deepEqual(await projectRow(project.key), before);
      assert.equal(await auditCount(t.db), audits);
    });

    test('PRJ-1/API-5: an unknown setting value is refused with the field named', async () => {
      const user = await createUser(t.db);
      const project = await createProject(t.db);
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: user.id });
      const res = await (
        await signedIn(t.app, user.login)
      ).patch(`/api/projects/${project.key}`, { version: 1, settings: { periodLength: 'fortnight' } });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().field, 'settings.periodLength');
      assert.equal((await projectRow(project.key))!.version, 1);
    });

    test('PRJ-1/API-3: the project list is in key order, paged disjointly and completely, and search is a literal substring of key or name', async () => {
      const user = await createUser(t.db);
      const tag = uniqueKey().toLowerCase();
      const names = [`${tag} alpha`, `${tag} 100% done`, `${tag} under_score`, `${tag} beta`, 'unrelated'];
      const projects: Array<{ id: number; key: string; name: string }> = [];
      for (const name of names) {
        const project = await createProject(t.db, { name });
        await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: user.id });
        projects.push({ ...project, name });
      }
      const c = await signedIn(t.app, user.login);
      const byKey = [...projects].sort((a, b) => (a.key < b.key ? -1 : 1)).map((p) => p.id);
      for (const limit of [1, 2, 5]) assertDisjointAndComplete(await allPages(c, '/api/projects', limit), byKey);

      const search = async (q: string) =>
        (await c.get(`/api/projects?q=${encodeURIComponent(q)}&limit=200`))
          .json()
          .items.map((p: { name: string }) => p.name)
          .sort();
      assert.deepEqual(await search(tag.toUpperCase()), names.slice(0, 4).sort());
      assert.deepEqual(await search('%'), [`${tag} 100% done`]);
      assert.deepEqual(await search('_'), [`${tag} under_score`]);
      assert.deepEqual(await search(projects[4].key), ['unrelated']);
      const paged = await allPages<{ id: number }>(c, `/api/projects?q=${tag}`, 1);
      assertDisjointAndComplete(
        paged,
        byKey.filter((id) => id !== projects[4].id),
      );
    });

    test('API-4: a project edit with a stale version gets 409 version_conflict and changes nothing', async () => {
      const user = await createUser(t.db);
      const project = await createProject(t.db);
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: user.id });
      const c = await signedIn(t.app, user.login);
      assert.equal((await c.patch(`/api/projects/${project.key}`, { version: 1, name: 'First' })).statusCode, 200);
      const before = await projectRow(project.key);
      const audits = await auditCount(t.db);

      const stale = await c.patch(`/api/projects/${project.key}`, {
        version: 1,
        name: 'Second',
        settings: { teamChecks: 'disabled' },
      });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json().code, 'version_conflict');
      assert.equal(stale.json().currentVersion, 2);
      assert.deepEqual(await projectRow(project.key), before);
      assert.equal(await auditCount(t.db), audits);
    });
  });
