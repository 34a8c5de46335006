// Guards FLOW-6 and APP-4 for clients: a client_admin creates a client with contact and notes, changes it at its
// version (a stale version is a 409), archives it — it leaves the default list and pickers, stays on its projects —
// and every change is audited with before and after; a client_viewer reads clients and one client but may change
// nothing; a user whose roles open the Clients area (timesheet_viewer, APP-2) but hold no client role is refused the
// data (403); a taken name is a 409 at the name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createProject, createTestApp, createUser, DIALECTS, uniqueKey, type TestApp } from '../helpers/harness.js';
import { grantAppRole } from '../helpers/teams.js';
import { auditRowsFor } from '../projects/fixtures.js';
import { as } from '../security/fixtures.js';

for (const dialect of DIALECTS)
  describe(`clients (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function withRole(role: 'client_admin' | 'client_viewer' | null) {
      const user = await createUser(t.db);
      if (role) await grantAppRole(t.db, user.id, role);
      return { user, c: await as(t.app, user.login) };
    }

    test('FLOW-6, APP-4: a client_admin creates, edits and archives a client; each change is audited; a stale version is a 409', async () => {
      const { c } = await withRole('client_admin');
      const name = `Globex ${uniqueKey()}`;
      const created = await c.post('/api/clients', { name, contact: 'Hank Scorpio', notes: 'Pays in gold' });
      assert.equal(created.statusCode, 201, created.body);
      const client = created.json();
      assert.deepEqual(
        { ...client, id: 0 },
        {
          id: 0,
          name,
          contact: 'Hank Scorpio',
          notes: 'Pays in gold',
          archived: false,
          version: 1,
          projectCount: 0,
          abilities: { canEdit: true },
        },
      );
      const project = await createProject(t.db);
      await t.db.updateTable('projects').set({ client_id: client.id }).where('id', '=', project.id).execute();

      const edited = await c.patch(`/api/clients/${client.id}`, { version: 1, contact: 'hank@globex.test' });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual(
        [edited.json().contact, edited.json().version, edited.json().projectCount],
        ['hank@globex.test', 2, 1],
      );
      const stale = await c.patch(`/api/clients/${client.id}`, { version: 1, notes: 'lost update' });
      assert.deepEqual([stale.statusCode, stale.json().code], [409, 'version_conflict']);

      const archived = await c.patch(`/api/clients/${client.id}`, { version: 2, archived: true });
      assert.equal(archived.json().archived, true);
      const active = await c.get(`/api/clients?q=${encodeURIComponent(name)}`);
      assert.deepEqual(active.json().items, [], 'an archived client is not offered');
      const all = await c.get(`/api/clients?q=${encodeURIComponent(name)}&archived=true`);
      assert.deepEqual(
        all.json().items.map((x: { name: string; archived: boolean }) => [x.name, x.archived]),
        [[name, true]],
      );
      const onProject = await t.db
        .selectFrom('projects')
        .select('client_id')
        .where('id', '=', project.id)
        .executeTakeFirstOrThrow();
      assert.equal(onProject.client_id, client.id, 'the project keeps its client');

      const rows = await auditRowsFor(t.db, 'client', client.id);
      assert.deepEqual(
        rows.map((r) => r.action),
        ['client.create', 'client.update', 'client.update'],
      );
      assert.deepEqual(rows[1].before, { name, contact: 'Hank Scorpio', notes: 'Pays in gold', archived: false });
      assert.deepEqual(rows[2].after, { name, contact: 'hank@globex.test', notes: 'Pays in gold', archived: true });
    });

    test('APP-4: a client_viewer reads clients but changes nothing; a timesheet_viewer with the Clients area open reads no client', async () => {
      const admin = await withRole('client_admin');
      const client = (await admin.c.post('/api/clients', { name: `Initrode ${uniqueKey()}` })).json();
      const viewer = await withRole('client_viewer');
      const list = await viewer.c.get(`/api/clients?q=${encodeURIComponent(client.name)}`);
      assert.equal(list.statusCode, 200, list.body);
      assert.equal(list.json().abilities.canCreate, false);
      assert.equal(list.json().items[0].abilities.canEdit, false);
      assert.equal((await viewer.c.get(`/api/clients/${client.id}`)).json().name, client.name);
      const patched = await viewer.c.patch(`/api/clients/${client.id}`, { version: 1, name: 'Taken over' });
      assert.equal(patched.statusCode, 403);
      assert.equal((await viewer.c.post('/api/clients', { name: 'Not mine' })).statusCode, 403);

      const user = await withRole(null); // in group users: timesheet_viewer and scheduler_viewer (APP-1)
      assert.ok(
        (await user.c.get('/api/me')).json().areas.includes('Clients'),
        'APP-2: timesheet_viewer opens Clients',
      );
      for (const url of ['/api/clients', `/api/clients/${client.id}`])
        assert.equal((await user.c.get(url)).statusCode, 403, url);
      const stored = await t.db
        .selectFrom('clients')
        .select('name')
        .where('id', '=', client.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.name, client.name, 'nothing was written');
    });

    test('FLOW-6: a taken name is a 409 at the name; an unknown client is a 404; bad input names the field', async () => {
      const { c } = await withRole('client_admin');
      const a = (await c.post('/api/clients', { name: `Acme ${uniqueKey()}` })).json();
      const b = (await c.post('/api/clients', { name: `Umbrella ${uniqueKey()}` })).json();
      const clash = await c.patch(`/api/clients/${b.id}`, { version: 1, name: a.name });
      assert.deepEqual([clash.statusCode, clash.json().code, clash.json().field], [409, 'client_name_taken', 'name']);
      assert.equal((await c.get('/api/clients/2147483000')).statusCode, 404);
      const bad = await c.patch(`/api/clients/${b.id}`, { version: 1, notes: 'x'.repeat(2001) });
      assert.deepEqual([bad.statusCode, bad.json().field], [400, 'notes']);
    });
  });
