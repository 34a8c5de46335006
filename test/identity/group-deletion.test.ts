// Guards ID-6 for groups: deleting a group that still carries members, grants, denials, project roles,
// item-security entries or app roles first shows what will go and whose access changes (EXPL-3), writes nothing
// until confirmed at the version previewed, and its audit row lists every row removed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  client,
  createGroup,
  createProject,
  createTestApp,
  createUser,
  DIALECTS,
  grant,
  roleId,
  signIn,
  type TestApp,
} from '../helpers/harness.js';
import { createAppAdmin } from './fixtures.js';
import { as, editor, projectWorld, secure, securityState, viewer } from '../security/fixtures.js';

interface Preview {
  group: { id: number; name: string; version: number };
  removes: {
    members: Array<{ login: string }>;
    projectPermissions: Array<{ projectKey: string; permission: string }>;
    denials: Array<{ permission: string }>;
    projectRoles: Array<{ projectKey: string; role: string }>;
    itemSecurity: Array<{ itemKey: string; view: string; edit: string }>;
    appRoles: Array<{ role: string }>;
  };
  needsConfirmation: boolean;
  changes: Array<{ user: { login: string }; target: string; before: string[]; after: string[] }>;
  warnings: Array<{ code: string; message: string }>;
}

for (const dialect of DIALECTS) {
  describe(`group deletion (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** Every table a group's deletion writes, and the audit log. */
    async function everything() {
      return {
        ...(await securityState(t.db)),
        groups: await t.db.selectFrom('groups').selectAll().orderBy('id').execute(),
        members: await t.db.selectFrom('group_members').selectAll().orderBy('group_id').orderBy('user_id').execute(),
        grants: await t.db.selectFrom('project_permission_grants').selectAll().orderBy('id').execute(),
        roleMembers: await t.db.selectFrom('project_role_members').selectAll().orderBy('id').execute(),
        denies: await t.db.selectFrom('deny_grants').selectAll().orderBy('id').execute(),
        roles: await t.db.selectFrom('app_role_grants').selectAll().orderBy('id').execute(),
        audit: await t.db.selectFrom('audit_log').select('id').orderBy('id').execute(),
      };
    }

    /** A group carrying one of everything: a member, a project grant, a denial, a project role, an item-security entry, an app role. */
    async function loadedGroup() {
      const w = await projectWorld(t.db);
      const member = await w.member();
      const outsider = await createUser(t.db);
      const group = await createGroup(t.db, [outsider.id]);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { groupId: group.id });
      await t.db
        .insertInto('project_role_members')
        .values({ project_id: w.project.id, role_id: await roleId(t.db, 'Developers'), group_id: group.id })
        .execute();
      await t.db.insertInto('deny_grants').values({ permission: 'ISSUE_TIME_TABS', group_id: group.id }).execute();
      await t.db.insertInto('app_role_grants').values({ role: 'billing_viewer', group_id: group.id }).execute();
      const item = await w.item();
      await secure(await as(t.app, w.admin.login), item.key, [
        editor('user', w.admin.id),
        viewer('group', w.members.id),
        viewer('group', group.id),
      ]);
      return { w, member, outsider, group, item };
    }

    test('ID-6: the deletion preview lists everything the group carries and whose access changes, and writes nothing', async () => {
      const { w, outsider, group, item } = await loadedGroup();
      // A system administrator who browses the project sees all of it (item security does not restrict them).
      const rootUser = await createUser(t.db, { systemAdmin: true });
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: rootUser.id });
      const root = client(t.app, await signIn(t.app, rootUser.login));
      const before = await everything();
      const res = await root.get(`/api/groups/${group.id}/deletion-preview`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(await everything(), before, 'a preview wrote something');
      const preview = res.json() as Preview;
      assert.deepEqual(preview.group, { id: group.id, name: group.name, version: 1 });
      assert.equal(preview.needsConfirmation, true);
      assert.deepEqual(
        preview.removes.members.map((m) => m.login),
        [outsider.login],
      );
      assert.deepEqual(
        preview.removes.projectPermissions.map((g) => [g.projectKey, g.permission]),
        [[w.project.key, 'BROWSE_PROJECT']],
      );
      assert.deepEqual(
        preview.removes.projectRoles.map((m) => [m.projectKey, m.role]),
        [[w.project.key, 'Developers']],
      );
      assert.deepEqual(
        preview.removes.denials.map((d) => d.permission),
        ['ISSUE_TIME_TABS'],
      );
      assert.deepEqual(
        preview.removes.appRoles.map((r) => r.role),
        ['billing_viewer'],
      );
      assert.deepEqual(
        preview.removes.itemSecurity.map((e) => [e.itemKey, e.view, e.edit]),
        [[item.key, 'allow', 'unset']],
      );

      // Whose access changes: the outsider loses the project, the item, the Cost area and the denial.
      const mine = preview.changes
        .filter((c) => c.user.login === outsider.login)
        .map((c) => [c.target, c.before, c.after]);
      assert.deepEqual(
        mine.find(([target]) => target === `project ${w.project.key}`),
        [`project ${w.project.key}`, ['BROWSE_PROJECT'], []],
      );
      assert.deepEqual(
        mine.find(([target]) => target === item.key),
        [item.key, ['view'], []],
      );
      assert.ok(
        mine.some(
          ([target, b, a]) => target === 'denied' && b.includes('ISSUE_TIME_TABS') && !a.includes('ISSUE_TIME_TABS'),
        ),
        JSON.stringify(mine),
      );
      assert.ok(
        mine.some(([target, b, a]) => target === 'area' && b.includes('Cost') && !a.includes('Cost')),
        JSON.stringify(mine),
      );
      assert.ok(
        !preview.changes.some((c) => c.user.login === w.admin.login),
        'the project administrator keeps everything',
      );
    });

    test('ID-6: deleting a group that carries anything needs the version and confirm; the audit row lists every row removed', async () => {
      const { w, outsider, group, item } = await loadedGroup();
      const admin = client(t.app, await signIn(t.app, (await createAppAdmin(t.db)).login));
      const before = await everything();

      const unconfirmed = await admin.delete(`/api/groups/${group.id}?version=1`);
      assert.equal(unconfirmed.statusCode, 422, unconfirmed.body);
      assert.equal(unconfirmed.json().code, 'confirmation_required');
      assert.equal(unconfirmed.json().field, 'confirm');
      // The refusal counts nothing (some of it may lie where the caller cannot see); the preview lists what they may see.
      assert.equal(unconfirmed.json().removes, undefined);
      const stale = await admin.delete(`/api/groups/${group.id}?version=7&confirm=true`);
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json().code, 'version_conflict');
      assert.equal((await admin.delete(`/api/groups/${group.id}`)).statusCode, 400, 'the version is required');
      assert.deepEqual(await everything(), before, 'refused deletions wrote nothing');

      const res = await admin.delete(`/api/groups/${group.id}?version=1&confirm=true`);
      assert.equal(res.statusCode, 204, res.body);
      for (const table of [
        'project_permission_grants',
        'project_role_members',
        'deny_grants',
        'app_role_grants',
        'group_members',
      ] as const) {
        assert.equal(
          (await t.db.selectFrom(table).select('group_id').where('group_id', '=', group.id).execute()).length,
          0,
          table,
        );
      }
      assert.equal(
        (
          await t.db
            .selectFrom('item_security_entries')
            .select('id')
            .where('subject_kind', '=', 'group')
            .where('subject_id', '=', group.id)
            .execute()
        ).length,
        0,
      );
      assert.equal(
        (await (await as(t.app, outsider.login)).get(`/api/items/${item.key}`)).statusCode,
        404,
        'the outsider lost the item',
      );

      const audit = await t.db
        .selectFrom('audit_log')
        .select(['before', 'actor_id'])
        .where('action', '=', 'group.delete')
        .where('entity_id', '=', String(group.id))
        .executeTakeFirstOrThrow();
      const removed = audit.before as Record<string, Array<Record<string, unknown>>> & { group: { name: string } };
      assert.equal(removed.group.name, group.name);
      assert.deepEqual(
        removed.members.map((m) => m.login),
        [outsider.login],
      );
      assert.deepEqual(
        removed.projectPermissions.map((g) => [g.projectId, g.permission]),
        [[w.project.id, 'BROWSE_PROJECT']],
      );
      assert.deepEqual(
        removed.projectRoles.map((m) => [m.projectId, m.role]),
        [[w.project.id, 'Developers']],
      );
      assert.deepEqual(
        removed.denials.map((d) => d.permission),
        ['ISSUE_TIME_TABS'],
      );
      assert.deepEqual(
        removed.appRoles.map((r) => r.role),
        ['billing_viewer'],
      );
      assert.deepEqual(
        removed.itemSecurity.map((e) => [e.itemId, e.view, e.edit]),
        [[item.id, 'allow', 'unset']],
      );
      assert.ok(
        !JSON.stringify(removed).includes(item.key),
        'the installation-wide audit row names items by id, not by key',
      );
    });

    test('ID-6: an empty group is deleted at its version without confirmation; a member added after the preview makes it stale', async () => {
      const admin = client(t.app, await signIn(t.app, (await createAppAdmin(t.db)).login));
      const empty = await createGroup(t.db);
      const preview = (await admin.get(`/api/groups/${empty.id}/deletion-preview`)).json() as Preview;
      assert.equal(preview.needsConfirmation, false);
      assert.deepEqual(preview.changes, []);
      assert.equal((await admin.delete(`/api/groups/${empty.id}?version=1`)).statusCode, 204);

      const group = await createGroup(t.db);
      const seen = (await admin.get(`/api/groups/${group.id}/deletion-preview`)).json() as Preview;
      assert.equal(seen.needsConfirmation, false);
      const user = await createUser(t.db);
      assert.equal((await admin.put(`/api/groups/${group.id}/members/${user.id}`)).statusCode, 204);
      const late = await admin.delete(`/api/groups/${group.id}?version=${seen.group.version}`);
      assert.equal(late.statusCode, 409, 'the group has a member the preview did not show');
      assert.equal(late.json().code, 'version_conflict');
      assert.equal(late.json().currentVersion, seen.group.version + 1);
    });

    test('ID-6: the preview neither names nor counts what lies in projects the administrator cannot browse', async () => {
      const { w, group, item } = await loadedGroup();
      const admin = client(t.app, await signIn(t.app, (await createAppAdmin(t.db)).login));
      const res = await admin.get(`/api/groups/${group.id}/deletion-preview`);
      assert.equal(res.statusCode, 200, res.body);
      const preview = res.json() as Preview;
      assert.ok(
        !('hiddenEntries' in preview) && !/hidden/i.test(res.body),
        'no count of what the administrator cannot see',
      );
      assert.deepEqual(
        [preview.removes.projectPermissions, preview.removes.projectRoles, preview.removes.itemSecurity],
        [[], [], []],
      );
      assert.ok(
        !res.body.includes(w.project.key) && !res.body.includes(item.key),
        'no key of the hidden project shows',
      );
      assert.ok(
        preview.changes.every((c) => c.target === 'area' || c.target === 'denied'),
        JSON.stringify(preview.changes),
      );
    });

    test('ID-6: the preview warns when a security setting would be left with no allow (ITEM-4)', async () => {
      const w = await projectWorld(t.db);
      const root = await createUser(t.db, { systemAdmin: true });
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: root.id });
      const group = await createGroup(t.db);
      const item = await w.item();
      await secure(await as(t.app, w.admin.login), item.key, [viewer('group', group.id)], { confirmLockout: true });
      const project = await createProject(t.db);
      await grant(t.db, project.id, 'BROWSE_PROJECT', { groupId: group.id });
      const preview = (
        await client(t.app, await signIn(t.app, root.login)).get(`/api/groups/${group.id}/deletion-preview`)
      ).json() as Preview;
      assert.deepEqual(
        preview.warnings.map((x) => x.code),
        ['lockout'],
      );
      assert.match(preview.warnings[0].message, new RegExp(item.key));
    });
  });
}
