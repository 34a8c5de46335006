// Guards PRJ-1 and API-6 for a project's life in the API the web uses: created with its settings, edited with a
// version (API-4), archived and unarchived (audited); an archived project takes no new work logs or items — refused
// 409 project_archived in the words of the explanation (EXPL-1, FLOW-11) — while its data stays readable, and it
// leaves the default project list; clients are listed and created by those APP-4 names, audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createAppAdmin,
  createUser,
  createTestApp,
  DIALECTS,
  signIn,
  signedIn,
  uniqueKey,
  type TestApp,
} from '../helpers/harness.js';
import { insertWorklog } from '../../src/modules/worklogs/repo.js';
import { auditCount, auditRowsFor } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`projects: lifecycle and clients (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** An app_admin's client, and a PUT with a body (the small client sends none). */
    async function asAdmin() {
      const admin = await createAppAdmin(t.db);
      const session = await signIn(t.app, admin.login);
      const c = await signedIn(t.app, admin.login);
      const archive = (key: string, version: number, archived: boolean) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/projects/${key}/archived`,
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
          payload: { version, archived },
        });
      return { admin, c, archive };
    }

    test('PRJ-1, API-6: a project is created with its client and settings, edited with its version, and audited', async () => {
      const { c } = await asAdmin();
      const client = await c.post('/api/clients', { name: `Globex ${uniqueKey()}` });
      assert.equal(client.statusCode, 201, client.body);
      const key = uniqueKey();
      const created = await c.post('/api/projects', {
        key,
        name: 'Apollo',
        clientId: client.json().id,
        settings: { periodLength: 'month', teamChecks: 'disabled' },
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(created.json().settings, { periodLength: 'month', teamChecks: 'disabled' });
      assert.equal(created.json().archivedAt, null);

      const edited = await c.patch(`/api/projects/${key}`, {
        version: created.json().version,
        name: 'Apollo II',
        clientId: null,
        settings: { periodLength: 'week' },
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(edited.json().name, 'Apollo II');
      assert.equal(edited.json().client, null);
      assert.deepEqual(edited.json().settings, { periodLength: 'week', teamChecks: 'disabled' });
      const rows = await auditRowsFor(t.db, 'project', created.json().id);
      assert.deepEqual(
        rows.map((r) => r.action),
        ['project.create', 'project.update'],
      );
    });

    test('PRJ-1, API-5, API-4: a bad key is a 400 at the key, a taken key a 409 at the key, a stale version a 409; nothing is written', async () => {
      const { c } = await asAdmin();
      const key = uniqueKey();
      const first = await c.post('/api/projects', { key, name: 'First' });
      const audits = await auditCount(t.db);
      for (const bad of ['ab', 'A', '1ABC', 'TOOLONGKEY12', 'A-B']) {
        const res = await c.post('/api/projects', { key: bad, name: 'Bad' });
        assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
        assert.equal(res.json().field, 'key');
      }
      const taken = await c.post('/api/projects', { key, name: 'Twin' });
      assert.equal(taken.statusCode, 409);
      assert.deepEqual([taken.json().code, taken.json().field], ['project_key_taken', 'key']);
      const badPeriod = await c.post('/api/projects', {
        key: uniqueKey(),
        name: 'X',
        settings: { periodLength: 'day' },
      });
      assert.equal(badPeriod.statusCode, 400);
      assert.equal(badPeriod.json().field, 'settings.periodLength');

      const version = first.json().version;
      assert.equal((await c.patch(`/api/projects/${key}`, { version, name: 'Second' })).statusCode, 200);
      const stale = await c.patch(`/api/projects/${key}`, { version, name: 'Third' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().code, 'version_conflict');
      assert.equal((await c.get(`/api/projects/${key}`)).json().name, 'Second');
      assert.equal(await auditCount(t.db), audits + 1, 'only the one good edit is audited');
    });

    test('PRJ-1: archiving and unarchiving are versioned and audited; the default list leaves archived projects out, "archived=include" marks them', async () => {
      const { c, archive } = await asAdmin();
      const key = uniqueKey();
      const project = (await c.post('/api/projects', { key, name: 'To archive' })).json();
      const listed = async (filter = '') =>
        (await c.get(`/api/projects?q=${key}${filter}`)).json().items.map((p: { key: string }) => p.key);
      assert.deepEqual(await listed(), [key]);

      const archived = await archive(key, project.version, true);
      assert.equal(archived.statusCode, 200, archived.body);
      assert.notEqual(archived.json().archivedAt, null);
      assert.equal(archived.json().abilities.canCreateItems, false, 'the server says no new items');
      assert.equal((await archive(key, project.version, false)).statusCode, 409, 'a stale version changes nothing');
      assert.deepEqual(await listed(), []);
      assert.deepEqual(await listed('&archived=include'), [key]);
      assert.deepEqual(await listed('&archived=only'), [key]);
      assert.equal((await c.get(`/api/projects?archived=maybe`)).json().field, 'query.archived');
      assert.equal((await c.get(`/api/projects/${key}`)).statusCode, 200, 'an archived project stays readable');

      const active = await archive(key, archived.json().version, false);
      assert.equal(active.statusCode, 200, active.body);
      assert.equal(active.json().archivedAt, null);
      assert.deepEqual(await listed(), [key]);
      const rows = await auditRowsFor(t.db, 'project', project.id);
      assert.deepEqual(
        rows.map((r) => r.action),
        ['project.create', 'project.archive', 'project.unarchive'],
      );
    });

    test('PRJ-1, WL-4, FLOW-11, EXPL-1: an archived project takes no new work logs or items (409 project_archived, named as the explanation names it); its data stays readable', async () => {
      const { c, archive } = await asAdmin();
      const key = uniqueKey();
      const project = (
        await c.post('/api/projects', { key, name: 'Archive me', settings: { teamChecks: 'disabled' } })
      ).json();
      const item = (await c.post(`/api/projects/${key}/items`, { title: 'Before' })).json();
      const log = { itemKey: item.key, startDate: '2026-01-05', durationSeconds: 3600 };
      const logged = await c.post('/api/worklogs', log);
      assert.equal(logged.statusCode, 201, logged.body);
      assert.equal((await archive(key, project.version, true)).statusCode, 200);

      const audits = await auditCount(t.db);
      const refused = await c.post('/api/worklogs', log);
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().code, 'project_archived');
      const explained = await c.get(`/api/explain?action=worklog.create&item=${item.key}&date=2026-01-05`);
      assert.equal(explained.statusCode, 200, explained.body);
      const deciding = explained.json().deciding;
      assert.deepEqual(
        [explained.json().allowed, deciding.layer, deciding.code, deciding.message],
        [false, 'business', refused.json().code, refused.json().detail],
      );
      const newItem = await c.post(`/api/projects/${key}/items`, { title: 'After' });
      assert.equal(newItem.statusCode, 409);
      assert.equal(newItem.json().code, 'project_archived');
      const child = await c.post(`/api/projects/${key}/items`, { title: 'Child', parentKey: item.key });
      assert.equal(child.json().code, 'project_archived');
      assert.equal(await auditCount(t.db), audits, 'nothing written');

      assert.equal((await c.get(`/api/items/${item.key}`)).statusCode, 200);
      const logs = await c.get(`/api/items/${item.key}/worklogs`);
      assert.equal(logs.statusCode, 200);
      assert.deepEqual(
        logs.json().items.map((w: { id: number }) => w.id),
        [logged.json().id],
      );
    });

    test('PRJ-1, WL-4: the work-log insert itself re-checks the gate — a project archived after the check takes no row', async () => {
      const { admin, c, archive } = await asAdmin();
      const key = uniqueKey();
      const project = (await c.post('/api/projects', { key, name: 'Raced' })).json();
      const item = (await c.post(`/api/projects/${key}/items`, { title: 'Raced item' })).json();
      // The request's check passed while the project was active; the archive commits before the insert runs.
      assert.equal((await archive(key, project.version, true)).statusCode, 200);
      const audits = await auditCount(t.db);
      const row = await insertWorklog(t.db, {
        itemId: item.id,
        projectId: project.id,
        authorId: admin.id,
        startDate: '2026-01-05',
        startTime: null,
        durationSeconds: 60,
        description: '',
        teamId: null,
        priceListId: null,
        createdBy: admin.id,
        locksRead: undefined,
      });
      assert.equal(row, undefined);
      assert.equal(await auditCount(t.db), audits);
    });

    test('APP-4: clients are listed and created by app_admin (audited; a taken name is a 409 at the name); others are refused', async () => {
      const { c } = await asAdmin();
      const name = `Initech ${uniqueKey()}`;
      const created = await c.post('/api/clients', { name, contact: 'Bill' });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(
        (await auditRowsFor(t.db, 'client', created.json().id)).map((r) => r.action),
        ['client.create'],
      );
      const twin = await c.post('/api/clients', { name });
      assert.deepEqual([twin.statusCode, twin.json().code, twin.json().field], [409, 'client_name_taken', 'name']);
      assert.equal((await c.post('/api/clients', { name: ' ' })).json().field, 'name');
      const list = (await c.get(`/api/clients?q=${encodeURIComponent(name)}`)).json();
      assert.deepEqual(
        list.items.map((x: { name: string }) => x.name),
        [name],
      );
      assert.equal(list.abilities.canCreate, true);
      const projects = (await c.get('/api/projects')).json();
      assert.deepEqual(projects.abilities, { canCreate: true, canListClients: true });

      const user = await createUser(t.db);
      const u = await signedIn(t.app, user.login);
      assert.equal((await u.get('/api/clients')).statusCode, 403);
      assert.equal((await u.post('/api/clients', { name: 'Nope' })).statusCode, 403);
      assert.deepEqual((await u.get('/api/projects')).json().abilities, { canCreate: false, canListClients: false });
    });
  });
