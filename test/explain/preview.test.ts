// Guards EXPL-3: a preview of a change to item security, deny permissions or app roles says whose access would change
// and how, writes nothing (tables and audit log as before), and answers the same refusals as the real change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createGroup, createUser, DIALECTS, createTestApp, type TestApp } from '../helpers/harness.js';
import { createAppAdmin } from '../projects/fixtures.js';
import {
  as,
  editor,
  entry,
  leaveUsersGroup,
  projectWorld,
  secure,
  securityState,
  viewer,
  type Client,
} from '../security/fixtures.js';

interface Change {
  user: { id: number; login: string };
  target: string;
  before: string[];
  after: string[];
}

for (const dialect of DIALECTS)
  describe(`previews of permission changes (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await as(t.app, (await createAppAdmin(t.db)).login);
    });
    after(() => t.close());

    /** Every table a permission change writes, and the audit log. */
    async function everything() {
      return {
        ...(await securityState(t.db)),
        denies: await t.db.selectFrom('deny_grants').selectAll().orderBy('id').execute(),
        roles: await t.db.selectFrom('app_role_grants').selectAll().orderBy('id').execute(),
      };
    }
    /** Runs a preview, asserts 200 and that nothing was written. */
    async function preview(c: Client, url: string, body: unknown) {
      const before = await everything();
      const res = await c.post(url, body);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(await everything(), before, 'a preview wrote something');
      return res.json() as { changes: Change[]; warnings?: Array<{ code: string }> };
    }
    const simplify = (changes: Change[]) => changes.map((c) => [c.user.id, c.target, c.before, c.after]);

    test('EXPL-3: an item security preview lists whose view, edit and log-work change on the item and its subtree, and saves nothing', async () => {
      const w = await projectWorld(t.db);
      const keeps = await w.member();
      const loses = await w.member();
      const item = await w.item(undefined, 'Parent');
      const child = await w.item(item.id, 'Child');
      const ac = await as(t.app, w.admin.login);
      const result = await preview(ac, `/api/items/${item.key}/security/preview`, {
        entries: [editor('user', w.admin.id), viewer('user', keeps.id)],
      });
      const all = ['edit', 'logWork', 'view'];
      const expected = [
        [keeps.id, item.key, all, ['view']],
        [keeps.id, child.key, all, ['view']],
        [loses.id, item.key, all, []],
        [loses.id, child.key, all, []],
      ];
      assert.deepEqual(simplify(result.changes).sort(), expected.sort());
      assert.deepEqual(result.warnings, []);
      assert.ok(result.changes.every((c) => c.user.login.length > 0));
      // The preview said it; the real save does it.
      await secure(ac, item.key, [editor('user', w.admin.id), viewer('user', keeps.id)]);
      assert.equal((await (await as(t.app, loses.login)).get(`/api/items/${child.key}`)).statusCode, 404);
    });

    test('EXPL-3: previews of "apply to children" and of a lockout setting show their effect; the lockout is warned about, not refused', async () => {
      const w = await projectWorld(t.db);
      const user = await w.member();
      const item = await w.item();
      const child = await w.item(item.id);
      const ac = await as(t.app, w.admin.login);
      const saved = await secure(ac, item.key, [editor('user', w.admin.id)]);
      await secure(ac, child.key, [editor('user', w.admin.id), editor('user', user.id)]);
      const applied = await preview(ac, `/api/items/${item.key}/security/preview`, {
        entries: [editor('user', w.admin.id)],
        version: saved.version,
        applyToChildren: true,
      });
      assert.deepEqual(simplify(applied.changes), [[user.id, child.key, ['edit', 'logWork', 'view'], []]]);

      const lockout = await preview(ac, `/api/items/${item.key}/security/preview`, {
        entries: [entry('user', user.id, 'deny')],
        version: saved.version,
      });
      assert.deepEqual(
        lockout.warnings!.map((x) => x.code),
        ['lockout'],
      );
      assert.deepEqual(simplify(lockout.changes), [[w.admin.id, item.key, ['edit', 'logWork', 'view'], []]]);
    });

    test('EXPL-3: an item security preview is refused like the save — 403 for members, 404 for outsiders, 409 for a stale version — and writes nothing', async () => {
      const w = await projectWorld(t.db);
      const member = await w.member();
      const item = await w.item();
      const ac = await as(t.app, w.admin.login);
      await secure(ac, item.key, [editor('user', w.admin.id), editor('user', member.id)]);
      const before = await everything();
      const body = { entries: [editor('user', w.admin.id)] };
      assert.equal(
        (await (await as(t.app, member.login)).post(`/api/items/${item.key}/security/preview`, body)).statusCode,
        403,
      );
      assert.equal(
        (await (await as(t.app, (await createUser(t.db)).login)).post(`/api/items/${item.key}/security/preview`, body))
          .statusCode,
        404,
      );
      const stale = await ac.post(`/api/items/${item.key}/security/preview`, body);
      assert.equal(stale.statusCode, 409, stale.body);
      assert.deepEqual(await everything(), before);
    });

    test("EXPL-3: a deny-permission preview lists the group's members whose surfaces would be denied, and lifting one the reverse; nothing is written", async () => {
      const a = await createUser(t.db);
      const b = await createUser(t.db);
      await createUser(t.db);
      const group = await createGroup(t.db, [a.id, b.id]);
      const add = await preview(admin, '/api/deny-permissions/preview', {
        add: { permission: 'ISSUE_TIME_TABS', groupId: group.id },
      });
      assert.deepEqual(
        simplify(add.changes).sort(),
        [
          [a.id, 'denied', [], ['ISSUE_TIME_TABS']],
          [b.id, 'denied', [], ['ISSUE_TIME_TABS']],
        ].sort(),
      );

      const created = await admin.post('/api/deny-permissions', { permission: 'ISSUE_TIME_TABS', groupId: group.id });
      const id = created.json().grants.find((g: { group: { id: number } }) => g.group.id === group.id).id;
      const lift = await preview(admin, '/api/deny-permissions/preview', { removeId: id });
      assert.deepEqual(
        simplify(lift.changes).sort(),
        [
          [a.id, 'denied', ['ISSUE_TIME_TABS'], []],
          [b.id, 'denied', ['ISSUE_TIME_TABS'], []],
        ].sort(),
      );

      // A user denied through two groups loses nothing when one denial is lifted.
      const other = await createGroup(t.db, [a.id]);
      await admin.post('/api/deny-permissions', { permission: 'ISSUE_TIME_TABS', groupId: other.id });
      assert.deepEqual(simplify((await preview(admin, '/api/deny-permissions/preview', { removeId: id })).changes), [
        [b.id, 'denied', ['ISSUE_TIME_TABS'], []],
      ]);
    });

    test('EXPL-3: an app-role preview lists whose areas would open or close; nothing is written', async () => {
      const user = await createUser(t.db);
      await leaveUsersGroup(t.db, user.id);
      const grant = await preview(admin, '/api/app-roles/preview', {
        grant: { role: 'billing_viewer', userId: user.id },
      });
      assert.deepEqual(simplify(grant.changes), [
        [user.id, 'area', [], ['Cost', 'Dashboard', 'Reports', 'Schedule', 'Teams', 'Timesheet']],
      ]);

      const group = await createGroup(t.db, [user.id]);
      const created = await admin.post('/api/app-roles', { role: 'vacation_approver', groupId: group.id });
      assert.equal(created.statusCode, 201, created.body);
      const id = created
        .json()
        .roles.find((r: { role: string }) => r.role === 'vacation_approver')
        .grants.find(
          (g: { subject: { id: number; kind: string } }) => g.subject.kind === 'group' && g.subject.id === group.id,
        ).id;
      const revoke = await preview(admin, '/api/app-roles/preview', { revokeId: id });
      assert.deepEqual(simplify(revoke.changes), [
        [user.id, 'area', ['Dashboard', 'Leave Approval', 'Reports', 'Schedule', 'Teams', 'Timesheet'], []],
      ]);

      // Granting a role to a group changes nothing for members who already hold its areas.
      const covered = await createUser(t.db);
      const coveredGroup = await createGroup(t.db, [covered.id]);
      const none = await preview(admin, '/api/app-roles/preview', {
        grant: { role: 'scheduler_viewer', groupId: coveredGroup.id },
      });
      assert.deepEqual(none.changes, []);
    });

    test('EXPL-3: previews are administration: 403 area_closed for other users; a grant naming no subject or two is a 400, not a server error', async () => {
      const user = await createUser(t.db);
      const group = await createGroup(t.db);
      const uc = await as(t.app, user.login);
      for (const [url, body] of [
        ['/api/app-roles/preview', { grant: { role: 'app_admin', userId: user.id } }],
        ['/api/deny-permissions/preview', { add: { permission: 'ISSUE_TIME_TABS', groupId: group.id } }],
      ] as const) {
        const res = await uc.post(url, body);
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'area_closed');
      }
      const before = await everything();
      for (const grant of [{ role: 'team_admin' }, { role: 'team_admin', userId: user.id, groupId: group.id }]) {
        const res = await admin.post('/api/app-roles/preview', { grant });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().field, 'grant.userId');
      }
      assert.equal((await admin.post('/api/app-roles/preview', { revokeId: 2_000_000 })).statusCode, 404);
      assert.deepEqual(await everything(), before);
    });
  });
