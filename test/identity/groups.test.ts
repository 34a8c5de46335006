// Guards the group half of ID-2: `administrators` and `users` exist from the start and keep their names;
// administrators create, rename and delete groups and edit members; nobody else touches user administration.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeclaredRoute } from '../../src/http/access.js';
import { client, createUser, DIALECTS, signIn, unique, type TestApp } from '../helpers/harness.js';
import { countRows, createAppAdmin, createTestAppWithRoutes, sessionHeaders } from './fixtures.js';

type Client = ReturnType<typeof client>;
const WRITE_TABLES = ['users', 'groups', 'group_members', 'audit_log'] as const;

for (const dialect of DIALECTS) {
  describe(`groups (${dialect})`, () => {
    let t: TestApp & { routes: DeclaredRoute[] };
    let admin: Client;
    before(async () => {
      t = await createTestAppWithRoutes(dialect);
      admin = client(t.app, await signIn(t.app, (await createAppAdmin(t.db)).login));
    });
    after(() => t.close());

    const groupNamed = async (name: string) =>
      (await admin.get('/api/groups')).json().items.find((g: { name: string }) => g.name === name);
    const memberIds = async (groupId: number) =>
      (await admin.get(`/api/groups/${groupId}/members`)).json().items.map((u: { id: number }) => u.id);

    test('ID-2: the groups administrators and users exist from the start', async () => {
      const res = await admin.get('/api/groups');
      assert.equal(res.statusCode, 200);
      const names = res.json().items.map((g: { name: string }) => g.name);
      assert.ok(names.includes('administrators') && names.includes('users'), names.join(', '));
    });

    test('ID-2: each group says whether it may be renamed and deleted, exactly as the operations answer', async () => {
      const custom = (await admin.post('/api/groups', { name: unique('crew') })).json();
      for (const group of [
        await groupNamed('administrators'),
        await groupNamed('users'),
        await groupNamed(custom.name),
      ]) {
        const builtIn = group.name === 'administrators' || group.name === 'users';
        assert.deepEqual(
          group.abilities,
          { canRename: !builtIn, canDelete: !builtIn, canEditMembers: group.name !== 'administrators' },
          group.name,
        );
        const rename = await admin.patch(`/api/groups/${group.id}`, {
          version: group.version,
          name: unique('renamed'),
        });
        assert.equal(rename.statusCode, group.abilities.canRename ? 200 : 422, rename.body);
        const renamed = (await admin.get('/api/groups')).json().items.find((g: { id: number }) => g.id === group.id);
        const removal = await admin.delete(`/api/groups/${group.id}?version=${renamed.version}&confirm=true`);
        assert.equal(removal.statusCode, group.abilities.canDelete ? 204 : 422, removal.body);
        if (!builtIn) continue;
        assert.deepEqual([rename.json().code, removal.json().code], ['built_in_group', 'built_in_group']);
      }
    });

    test('ID-2: an administrator creates, renames and deletes a group and edits its members', async () => {
      const name = unique('team');
      const created = await admin.post('/api/groups', { name });
      assert.equal(created.statusCode, 201, created.body);
      const group = created.json();
      assert.deepEqual(
        { name: group.name, memberCount: group.memberCount, version: group.version },
        { name, memberCount: 0, version: 1 },
      );
      const clash = await admin.post('/api/groups', { name: name.toUpperCase() });
      assert.equal(clash.statusCode, 409, 'group names are unique regardless of case');
      assert.equal(clash.json().code, 'group_name_taken');

      const [ann, bob] = [await createUser(t.db), await createUser(t.db)];
      for (const user of [ann, bob])
        assert.equal((await admin.put(`/api/groups/${group.id}/members/${user.id}`)).statusCode, 204);
      assert.equal(
        (await admin.put(`/api/groups/${group.id}/members/${ann.id}`)).statusCode,
        204,
        'adding twice is harmless',
      );
      assert.deepEqual((await memberIds(group.id)).sort(), [ann.id, bob.id].sort());
      assert.equal((await admin.delete(`/api/groups/${group.id}/members/${ann.id}`)).statusCode, 204);
      assert.deepEqual(await memberIds(group.id), [bob.id]);
      assert.equal((await groupNamed(name)).memberCount, 1);

      // Each change of members is a change of the group (ID-6: a deletion previewed before it is stale).
      const { version } = await groupNamed(name);
      assert.equal(version, 4, 'three member changes');
      const renamed = await admin.patch(`/api/groups/${group.id}`, { version, name: `${name}-renamed` });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual([renamed.json().name, renamed.json().version], [`${name}-renamed`, version + 1]);
      const stale = await admin.patch(`/api/groups/${group.id}`, { version, name: `${name}-again` });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().code, 'version_conflict');

      assert.equal((await admin.delete(`/api/groups/${group.id}?version=${version + 1}&confirm=true`)).statusCode, 204);
      assert.equal(await groupNamed(`${name}-renamed`), undefined);
      assert.equal(
        (await t.db.selectFrom('group_members').select('user_id').where('group_id', '=', group.id).execute()).length,
        0,
      );
      assert.equal(
        (await t.db.selectFrom('users').select('id').where('id', '=', bob.id).execute()).length,
        1,
        'its members stay',
      );
      assert.equal((await admin.delete(`/api/groups/${group.id}?version=${version + 1}&confirm=true`)).statusCode, 404);
    });

    test('ID-2: the built-in groups cannot be renamed or deleted', async () => {
      const before = await countRows(t.db, WRITE_TABLES);
      for (const name of ['administrators', 'users']) {
        const group = await groupNamed(name);
        for (const res of [
          await admin.patch(`/api/groups/${group.id}`, { version: group.version, name: `${name}2` }),
          await admin.delete(`/api/groups/${group.id}?version=${group.version}&confirm=true`),
          await admin.get(`/api/groups/${group.id}/deletion-preview`),
        ]) {
          assert.equal(res.statusCode, 422, `${name}: ${res.body}`);
          assert.equal(res.json().code, 'built_in_group');
        }
        assert.equal((await groupNamed(name)).id, group.id);
      }
      const taken = await admin.post('/api/groups', { name: 'Administrators' });
      assert.equal(taken.statusCode, 409, 'no look-alike of a built-in group');
      assert.deepEqual(await countRows(t.db, WRITE_TABLES), before);
    });

    test('ID-2: only system administrators change who is in administrators (grant boundary)', async () => {
      const administrators = await groupNamed('administrators');
      const candidate = await createUser(t.db);
      const colleague = await createAppAdmin(t.db);
      const before = await countRows(t.db, WRITE_TABLES);
      for (const res of [
        await admin.put(`/api/groups/${administrators.id}/members/${candidate.id}`),
        await admin.delete(`/api/groups/${administrators.id}/members/${colleague.id}`),
      ]) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'grant_boundary');
      }
      assert.deepEqual(await countRows(t.db, WRITE_TABLES), before);

      const system = client(t.app, await signIn(t.app, (await createUser(t.db, { systemAdmin: true })).login));
      assert.equal((await system.put(`/api/groups/${administrators.id}/members/${candidate.id}`)).statusCode, 204);
      assert.ok((await memberIds(administrators.id)).includes(candidate.id));
      const promoted = client(t.app, await signIn(t.app, candidate.login));
      assert.equal(
        (await promoted.get('/api/users')).statusCode,
        200,
        'membership of administrators opens user administration (APP-1)',
      );
    });

    test('ID-2: users who are not administrators get 403 on every user-administration route and change nothing', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const group = (await admin.post('/api/groups', { name: unique('group') })).json();
      const bodies: Record<string, unknown> = {
        'POST /api/users': { login: `u${user.id}`, displayName: 'U', email: 'u@example.test' },
        'PATCH /api/users/:id': { version: 1, displayName: 'Changed' },
        'POST /api/groups': { name: `own${user.id}` },
        'PATCH /api/groups/:id': { version: 1, name: `own${user.id}` },
      };
      const adminRoutes = t.routes.filter((r) => r.access === 'admin.users' && r.method !== 'HEAD');
      assert.ok(adminRoutes.length >= 10, `found ${adminRoutes.length} user-administration routes`);
      const before = await countRows(t.db, WRITE_TABLES);
      for (const route of adminRoutes) {
        const url = route.url
          .replace(':userId', String(user.id))
          .replace(':id', String(route.url.startsWith('/api/groups') ? group.id : user.id));
        const key = `${route.method} ${route.url}`;
        const res = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: sessionHeaders(session),
          ...(key in bodies ? { payload: bodies[key] as object } : {}),
        });
        assert.equal(res.statusCode, 403, `${key}: ${res.body}`);
        assert.equal(res.json().code, 'area_closed', key);
      }
      assert.deepEqual(await countRows(t.db, WRITE_TABLES), before);
    });
  });
}
