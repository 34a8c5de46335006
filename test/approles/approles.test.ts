// Guards APP-1, APP-2 and APP-6: the default app-role grants, granting roles to users and groups, the areas a user
// sees (the union of their roles' areas, checked against the SPEC table; Administration only for app_admin and system
// administrators), the 403 of a closed area's API, and the prerequisite warnings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createGroup, createUser, DIALECTS, createTestApp, type TestApp } from '../helpers/harness.js';
import { createAppAdmin } from '../projects/fixtures.js';
import { as, leaveUsersGroup, systemAdmin, type Client } from '../security/fixtures.js';

/** SPEC APP-2, transcribed: the areas each role hides. */
const ALL = [
  'Dashboard',
  'Timesheet',
  'Schedule',
  'Reports',
  'Teams',
  'Timesheet Approval',
  'Leave Approval',
  'Clients',
  'Cost',
  'Administration',
];
const HIDES: Record<string, string[]> = {
  team_admin: ['Timesheet Approval', 'Leave Approval', 'Clients', 'Cost'],
  client_admin: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  billing_admin: ['Timesheet Approval', 'Leave Approval', 'Clients'],
  timesheet_viewer: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  scheduler_viewer: ['Timesheet Approval', 'Leave Approval', 'Clients', 'Cost'],
  client_viewer: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  billing_viewer: ['Timesheet Approval', 'Leave Approval', 'Clients'],
  vacation_approver: ['Timesheet Approval', 'Clients', 'Cost'],
  timesheet_approver: ['Leave Approval', 'Clients', 'Cost'],
  app_admin: [],
};
/** The union of the roles' areas, in tab order; Administration only through app_admin. */
const areasOf = (...roles: string[]) =>
  ALL.filter((a) => roles.some((r) => !HIDES[r].includes(a) && (a !== 'Administration' || r === 'app_admin')));

for (const dialect of DIALECTS)
  describe(`app roles and areas (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await as(t.app, (await createAppAdmin(t.db)).login);
    });
    after(() => t.close());

    const areas = async (c: Client) => {
      const res = await c.get('/api/me');
      assert.equal(res.statusCode, 200, res.body);
      return res.json().areas as string[];
    };
    async function grantRole(body: { role: string; userId?: number; groupId?: number }) {
      const res = await admin.post('/api/app-roles', body);
      assert.equal(res.statusCode, 201, res.body);
      const role = res.json().roles.find((r: { role: string }) => r.role === body.role);
      return role.grants.find(
        (g: { subject: { kind: string; id: number } }) =>
          g.subject.kind === (body.userId ? 'user' : 'group') && g.subject.id === (body.userId ?? body.groupId),
      ).id as number;
    }
    /** A user with exactly the given app roles, granted to them directly (out of the `users` group). */
    async function userWith(...roles: string[]) {
      const user = await createUser(t.db);
      await leaveUsersGroup(t.db, user.id);
      for (const role of roles) await grantRole({ role, userId: user.id });
      return { user, c: await as(t.app, user.login) };
    }
    const grantsOf = async (role: string) =>
      (await admin.get('/api/app-roles')).json().roles.find((r: { role: string }) => r.role === role).grants as Array<{
        id: number;
        subject: { kind: string; id: number; name: string };
      }>;

    test('APP-1: defaults — app_admin to group administrators, timesheet_viewer and scheduler_viewer to group users; a new user joins users', async () => {
      const groupNames = async (role: string) =>
        (await grantsOf(role)).filter((g) => g.subject.kind === 'group').map((g) => g.subject.name);
      assert.deepEqual(await groupNames('app_admin'), ['administrators']);
      assert.deepEqual(await groupNames('timesheet_viewer'), ['users']);
      assert.deepEqual(await groupNames('scheduler_viewer'), ['users']);
      for (const role of [
        'team_admin',
        'client_admin',
        'billing_admin',
        'client_viewer',
        'billing_viewer',
        'vacation_approver',
        'timesheet_approver',
      ]) {
        assert.deepEqual(await groupNames(role), [], `${role} has no default grant`);
      }
      const fresh = await createUser(t.db);
      assert.deepEqual(await areas(await as(t.app, fresh.login)), areasOf('timesheet_viewer', 'scheduler_viewer'));
    });

    test('APP-1: a role granted to a user opens its areas on the next request; revoking closes them; both are audited', async () => {
      const { user, c } = await userWith();
      assert.deepEqual(await areas(c), []);
      const id = await grantRole({ role: 'billing_viewer', userId: user.id });
      assert.deepEqual(await areas(c), areasOf('billing_viewer'));
      assert.ok(
        (await grantsOf('billing_viewer')).some(
          (g) => g.id === id && g.subject.kind === 'user' && g.subject.id === user.id,
        ),
      );
      const revoked = await admin.delete(`/api/app-roles/${id}`);
      assert.equal(revoked.statusCode, 204, revoked.body);
      assert.deepEqual(await areas(c), []);
      const audit = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'app_role_grant')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['app_role.grant', 'app_role.revoke'],
      );
    });

    test('APP-1: a role granted to a group reaches its members only', async () => {
      const { user: member, c: mc } = await userWith();
      const { c: other } = await userWith();
      const group = await createGroup(t.db, [member.id]);
      await grantRole({ role: 'vacation_approver', groupId: group.id });
      assert.deepEqual(await areas(mc), areasOf('vacation_approver'));
      assert.deepEqual(await areas(other), []);
    });

    test('APP-1: a grant names exactly one existing subject; a duplicate gets 409; non-administrators get 403 area_closed', async () => {
      const { user, c } = await userWith('timesheet_viewer');
      const group = await createGroup(t.db);
      for (const body of [{ role: 'team_admin' }, { role: 'team_admin', userId: user.id, groupId: group.id }]) {
        const res = await admin.post('/api/app-roles', body);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().field, 'userId');
      }
      assert.equal(
        (await admin.post('/api/app-roles', { role: 'team_admin', userId: 2_000_000 })).json().field,
        'userId',
      );
      assert.equal((await admin.post('/api/app-roles', { role: 'no_such_role', userId: user.id })).statusCode, 400);
      const duplicate = await admin.post('/api/app-roles', { role: 'timesheet_viewer', userId: user.id });
      assert.equal(duplicate.statusCode, 409, duplicate.body);
      for (const res of [
        await c.get('/api/app-roles'),
        await c.post('/api/app-roles', { role: 'app_admin', userId: user.id }),
        await c.delete('/api/app-roles/1'),
      ]) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'area_closed');
      }
      assert.deepEqual(await areas(c), areasOf('timesheet_viewer'), 'nobody grants themselves a role');
    });

    for (const role of Object.keys(HIDES)) {
      test(`APP-2: ${role} alone opens exactly the areas the SPEC table gives it`, async () => {
        const { c } = await userWith(role);
        assert.deepEqual(await areas(c), areasOf(role));
      });
    }

    for (const roles of [
      ['timesheet_viewer', 'scheduler_viewer'],
      ['client_admin', 'vacation_approver'],
      ['billing_viewer', 'timesheet_approver'],
      ['team_admin', 'client_viewer', 'billing_admin'],
      ['vacation_approver', 'timesheet_approver'],
    ]) {
      test(`APP-2: ${roles.join(' + ')} see the union of their roles' areas`, async () => {
        const { user, c } = await userWith(roles[0]);
        // The other roles arrive through a group, to check the union across ways of holding a role.
        const group = await createGroup(t.db, [user.id]);
        for (const role of roles.slice(1)) await grantRole({ role, groupId: group.id });
        assert.deepEqual(await areas(c), areasOf(...roles));
        assert.ok(!(await areas(c)).includes('Administration'));
      });
    }

    test('APP-2: Administration is for app_admin and system administrators only; its APIs answer 403 area_closed to everyone else', async () => {
      const { c: everyRoleButAdmin } = await userWith(...Object.keys(HIDES).filter((r) => r !== 'app_admin'));
      assert.deepEqual(
        await areas(everyRoleButAdmin),
        ALL.filter((a) => a !== 'Administration'),
      );
      const root = await systemAdmin(t.db);
      await leaveUsersGroup(t.db, root.id);
      const rc = await as(t.app, root.login);
      assert.deepEqual(await areas(rc), ['Administration']);
      for (const url of [
        '/api/app-roles',
        '/api/deny-permissions',
        '/api/users',
        '/api/groups',
        '/api/audit',
        `/api/admin/check-access?action=self.read&userId=${root.id}`,
      ]) {
        const refused = await everyRoleButAdmin.get(url);
        assert.equal(refused.statusCode, 403, `${url}: ${refused.body}`);
        assert.equal(refused.json().code, 'area_closed');
        assert.equal((await rc.get(url)).statusCode, 200, url);
        assert.equal((await admin.get(url)).statusCode, 200, url);
      }
    });

    test('APP-2: without a role opening Timesheet, "my work logs" answers 403 area_closed; the `users` group losing its viewer roles closes it for members', async () => {
      const { c: noRoles } = await userWith();
      const refused = await noRoles.get('/api/me/worklogs');
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().code, 'area_closed');
      assert.match(refused.json().detail, /Timesheet/);

      const member = await createUser(t.db);
      const mc = await as(t.app, member.login);
      assert.equal((await mc.get('/api/me/worklogs')).statusCode, 200);
      const usersGroupGrant = async (role: string) =>
        (await grantsOf(role)).find((g) => g.subject.kind === 'group' && g.subject.name === 'users')!.id;
      const timesheetGrant = await usersGroupGrant('timesheet_viewer');
      const schedulerGrant = await usersGroupGrant('scheduler_viewer');
      const usersGroup = (
        await t.db.selectFrom('groups').select('id').where('name', '=', 'users').executeTakeFirstOrThrow()
      ).id;
      try {
        assert.equal((await admin.delete(`/api/app-roles/${timesheetGrant}`)).statusCode, 204);
        // SPEC APP-2: scheduler_viewer does not hide Timesheet, so the area stays open through it.
        assert.deepEqual(await areas(mc), areasOf('scheduler_viewer'));
        assert.equal((await mc.get('/api/me/worklogs')).statusCode, 200);
        assert.equal((await admin.delete(`/api/app-roles/${schedulerGrant}`)).statusCode, 204);
        assert.deepEqual(await areas(mc), []);
        const closed = await mc.get('/api/me/worklogs');
        assert.equal(closed.statusCode, 403, closed.body);
        assert.equal(closed.json().code, 'area_closed');
      } finally {
        for (const role of ['timesheet_viewer', 'scheduler_viewer']) {
          if (!(await grantsOf(role)).some((g) => g.subject.kind === 'group' && g.subject.name === 'users'))
            await grantRole({ role, groupId: usersGroup });
        }
      }
      assert.equal(
        (await mc.get('/api/me/worklogs')).statusCode,
        200,
        'restoring the defaults reopens the area on the next request',
      );
    });

    test('APP-6: roles with documented prerequisites warn for holders lacking timesheet_viewer or scheduler_viewer; the grant still stands', async () => {
      const { user: bare, c: bareClient } = await userWith('billing_admin');
      const { user: half } = await userWith('team_admin', 'timesheet_viewer');
      const covered = await createUser(t.db); // in `users`: holds both viewer roles through the group
      await grantRole({ role: 'billing_admin', userId: covered.id });
      const { user: viewerOnly } = await userWith('timesheet_viewer', 'vacation_approver');

      const body = (await admin.get('/api/app-roles')).json();
      const warningsFor = (userId: number) =>
        body.warnings
          .filter((w: { user: { id: number } }) => w.user.id === userId)
          .map((w: { code: string; role: string; missing: string[] }) => ({
            code: w.code,
            role: w.role,
            missing: w.missing,
          }));
      assert.deepEqual(warningsFor(bare.id), [
        { code: 'missing_prerequisite', role: 'billing_admin', missing: ['timesheet_viewer', 'scheduler_viewer'] },
      ]);
      assert.deepEqual(warningsFor(half.id), [
        { code: 'missing_prerequisite', role: 'team_admin', missing: ['scheduler_viewer'] },
      ]);
      assert.deepEqual(warningsFor(covered.id), []);
      assert.deepEqual(warningsFor(viewerOnly.id), [], 'vacation_approver has no documented prerequisite');
      assert.ok(
        body.warnings.find((w: { user: { id: number } }) => w.user.id === bare.id).message.includes(bare.login),
      );
      assert.deepEqual(await areas(bareClient), areasOf('billing_admin'));

      const prerequisites = Object.fromEntries(
        body.roles.map((r: { role: string; prerequisites: string[] }) => [r.role, r.prerequisites]),
      );
      for (const role of [
        'team_admin',
        'client_admin',
        'billing_admin',
        'client_viewer',
        'billing_viewer',
        'timesheet_approver',
      ]) {
        assert.deepEqual(prerequisites[role], ['timesheet_viewer', 'scheduler_viewer'], role);
      }
      for (const role of ['app_admin', 'timesheet_viewer', 'scheduler_viewer', 'vacation_approver'])
        assert.deepEqual(prerequisites[role], [], role);
    });

    test('APP-2: the role list shows the areas each role opens, as the SPEC table says', async () => {
      const roles = (await admin.get('/api/app-roles')).json().roles as Array<{ role: string; areas: string[] }>;
      assert.deepEqual(roles.map((r) => r.role).sort(), Object.keys(HIDES).sort());
      for (const r of roles) assert.deepEqual(r.areas, areasOf(r.role), r.role);
    });
  });
