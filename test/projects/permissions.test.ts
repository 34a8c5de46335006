// Guards PRJ-3: project permissions reach a user directly, through a group, or through a project role (held directly
// or through a group); ADMINISTER_PROJECT implies the rest; only project administrators and system administrators
// change grants and role members, and every such change is audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createGroup,
  createProject,
  createUser,
  DIALECTS,
  grant,
  roleId,
  signedIn,
  createTestApp,
  createItem,
  type TestApp,
} from '../helpers/harness.js';
import { assertAbilities, auditCount, auditRowsFor, createAppAdmin } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`project permissions and their admin endpoints (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function canSee(login: string, projectKey: string) {
      const c = await signedIn(t.app, login);
      const one = await c.get(`/api/projects/${projectKey}`);
      const listed = (await c.get(`/api/projects?q=${projectKey}`))
        .json()
        .items.some((p: { key: string }) => p.key === projectKey);
      assert.equal(
        one.statusCode === 200,
        listed,
        `single check (${one.statusCode}) and list (${listed}) disagree on ${projectKey}`,
      );
      return listed;
    }

    /** A project administrator (through the Administrators project role, as the default scheme does) and their client. */
    async function projectWithAdmin() {
      const admin = await createUser(t.db);
      const project = await createProject(t.db);
      const adminRole = await roleId(t.db, 'Administrators');
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { roleId: adminRole });
      await t.db
        .insertInto('project_role_members')
        .values({ project_id: project.id, role_id: adminRole, user_id: admin.id })
        .execute();
      return { admin, project, c: await signedIn(t.app, admin.login) };
    }

    const ways = ['user', 'group', 'role held directly', 'role held through a group'] as const;
    for (const way of ways) {
      test(`PRJ-3: BROWSE_PROJECT granted to a ${way} opens the project, in the list and by key`, async () => {
        const user = await createUser(t.db);
        const project = await createProject(t.db);
        assert.equal(await canSee(user.login, project.key), false);
        const viewers = await roleId(t.db, 'Viewers');
        if (way === 'user') await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: user.id });
        if (way === 'group')
          await grant(t.db, project.id, 'BROWSE_PROJECT', { groupId: (await createGroup(t.db, [user.id])).id });
        if (way.startsWith('role')) {
          await grant(t.db, project.id, 'BROWSE_PROJECT', { roleId: viewers });
          const member =
            way === 'role held directly' ? { user_id: user.id } : { group_id: (await createGroup(t.db, [user.id])).id };
          await t.db
            .insertInto('project_role_members')
            .values({ project_id: project.id, role_id: viewers, ...member })
            .execute();
        }
        assert.equal(await canSee(user.login, project.key), true);
      });
    }

    test('PRJ-3: a project role grants nothing on projects where the user does not hold it', async () => {
      const user = await createUser(t.db);
      const held = await createProject(t.db);
      const other = await createProject(t.db);
      const viewers = await roleId(t.db, 'Viewers');
      await grant(t.db, held.id, 'BROWSE_PROJECT', { roleId: viewers });
      await grant(t.db, other.id, 'BROWSE_PROJECT', { roleId: viewers });
      await t.db
        .insertInto('project_role_members')
        .values({ project_id: held.id, role_id: viewers, user_id: user.id })
        .execute();
      assert.equal(await canSee(user.login, held.key), true);
      assert.equal(await canSee(user.login, other.key), false);
    });

    test('PRJ-3: ADMINISTER_PROJECT alone implies BROWSE_PROJECT, EDIT_ISSUES and WORK_ON_ISSUES', async () => {
      const user = await createUser(t.db);
      const project = await createProject(t.db);
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { groupId: (await createGroup(t.db, [user.id])).id });
      const c = await signedIn(t.app, user.login);
      assert.equal(await canSee(user.login, project.key), true);
      assertAbilities((await c.get(`/api/projects/${project.key}`)).json().abilities, {
        canAdminister: true,
        canCreateItems: true,
      });
      const item = await c.post(`/api/projects/${project.key}/items`, { title: 'By admin' });
      assert.equal(item.statusCode, 201, item.body);
      const log = await c.post('/api/worklogs', {
        itemKey: item.json().key,
        startDate: '2024-05-06',
        durationSeconds: 600,
      });
      assert.equal(log.statusCode, 201, log.body);
      assert.equal((await c.get(`/api/projects/${project.key}/permissions`)).statusCode, 200);
    });

    test('PRJ-3: a project administrator grants and revokes a permission; the user gains and loses access; both are audited', async () => {
      const { admin, project, c } = await projectWithAdmin();
      const user = await createUser(t.db);
      const added = await c.post(`/api/projects/${project.key}/permissions`, {
        permission: 'BROWSE_PROJECT',
        userId: user.id,
      });
      assert.equal(added.statusCode, 201, added.body);
      const grantRow = added
        .json()
        .items.find(
          (g: { subject: { kind: string; id: number } }) => g.subject.kind === 'user' && g.subject.id === user.id,
        );
      assert.equal(grantRow.permission, 'BROWSE_PROJECT');
      assert.equal(grantRow.subject.name, `User ${user.login}`);
      assert.equal(await canSee(user.login, project.key), true);

      const removed = await c.delete(`/api/projects/${project.key}/permissions/${grantRow.id}`);
      assert.equal(removed.statusCode, 204, removed.body);
      assert.equal(await canSee(user.login, project.key), false);
      const listed = (await c.get(`/api/projects/${project.key}/permissions`)).json().items;
      assert.ok(!listed.some((g: { id: number }) => g.id === grantRow.id));

      const audit = await auditRowsFor(t.db, 'project_permission', grantRow.id);
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_id, a.project_id]),
        [
          ['project.grant', admin.id, project.id],
          ['project.revoke', admin.id, project.id],
        ],
      );
      assert.equal((audit[0].after as { user_id: number }).user_id, user.id);
      assert.equal(audit[0].before, null);
      assert.equal((audit[1].before as { permission: string }).permission, 'BROWSE_PROJECT');
      assert.equal(audit[1].after, null);
    });

    test('PRJ-3: grants to a group and to a project role are listed with their subject', async () => {
      const { project, c } = await projectWithAdmin();
      const group = await createGroup(t.db);
      const developers = await roleId(t.db, 'Developers');
      assert.equal(
        (await c.post(`/api/projects/${project.key}/permissions`, { permission: 'EDIT_ISSUES', groupId: group.id }))
          .statusCode,
        201,
      );
      const res = await c.post(`/api/projects/${project.key}/permissions`, {
        permission: 'WORK_ON_ISSUES',
        roleId: developers,
      });
      assert.equal(res.statusCode, 201, res.body);
      const subjects = res
        .json()
        .items.map(
          (g: { permission: string; subject: { kind: string; name: string } }) =>
            `${g.permission} ${g.subject.kind} ${g.subject.name}`,
        );
      assert.ok(subjects.includes(`EDIT_ISSUES group ${group.name}`), subjects.join('; '));
      assert.ok(subjects.includes('WORK_ON_ISSUES role Developers'), subjects.join('; '));
    });

    test('PRJ-3: a project administrator gives a user a project role and takes it away; access follows; both are audited', async () => {
      const { admin, project, c } = await projectWithAdmin();
      const item = await createItem(t.db, { projectId: project.id });
      const developers = await roleId(t.db, 'Developers');
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { roleId: developers });
      const user = await createUser(t.db);
      const uc = await signedIn(t.app, user.login);

      const added = await c.post(`/api/projects/${project.key}/role-members`, { roleId: developers, userId: user.id });
      assert.equal(added.statusCode, 201, added.body);
      const member = added
        .json()
        .items.find(
          (m: { subject: { id: number; kind: string } }) => m.subject.kind === 'user' && m.subject.id === user.id,
        );
      assert.deepEqual(member.role, { id: developers, name: 'Developers' });
      assert.equal(
        (await uc.post('/api/worklogs', { itemKey: item.key, startDate: '2024-05-06', durationSeconds: 60 }))
          .statusCode,
        201,
      );

      const removed = await c.delete(`/api/projects/${project.key}/role-members/${member.id}`);
      assert.equal(removed.statusCode, 204, removed.body);
      assert.equal(
        (await uc.post('/api/worklogs', { itemKey: item.key, startDate: '2024-05-06', durationSeconds: 60 }))
          .statusCode,
        404,
      );
      assert.equal(await canSee(user.login, project.key), false);

      const audit = await auditRowsFor(t.db, 'project_role_member', member.id);
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_id]),
        [
          ['project.role.add', admin.id],
          ['project.role.remove', admin.id],
        ],
      );
    });

    test('PRJ-3: a group can hold a project role through the role-members endpoint', async () => {
      const { project, c } = await projectWithAdmin();
      const user = await createUser(t.db);
      const group = await createGroup(t.db, [user.id]);
      const viewers = await roleId(t.db, 'Viewers');
      await grant(t.db, project.id, 'BROWSE_PROJECT', { roleId: viewers });
      const res = await c.post(`/api/projects/${project.key}/role-members`, { roleId: viewers, groupId: group.id });
      assert.equal(res.statusCode, 201, res.body);
      assert.ok(
        res
          .json()
          .items.some(
            (m: { subject: { kind: string; name: string } }) =>
              m.subject.kind === 'group' && m.subject.name === group.name,
          ),
      );
      assert.equal(await canSee(user.login, project.key), true);
    });

    test('PRJ-3: only ADMINISTER_PROJECT opens the grant and role endpoints (403 with BROWSE, 404 without, app_admin included); nothing is written', async () => {
      const { project } = await projectWithAdmin();
      const developer = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: developer.id });
      const outsider = await createUser(t.db);
      const appAdmin = await createAppAdmin(t.db);
      const target = await createUser(t.db);
      const grantsBefore = await t.db
        .selectFrom('project_permission_grants')
        .selectAll()
        .where('project_id', '=', project.id)
        .orderBy('id')
        .execute();
      const membersBefore = await t.db
        .selectFrom('project_role_members')
        .selectAll()
        .where('project_id', '=', project.id)
        .orderBy('id')
        .execute();
      const audits = await auditCount(t.db);
      const viewers = await roleId(t.db, 'Viewers');
      const calls = (c: Awaited<ReturnType<typeof signedIn>>) => [
        c.get(`/api/projects/${project.key}/permissions`),
        c.post(`/api/projects/${project.key}/permissions`, { permission: 'ADMINISTER_PROJECT', userId: target.id }),
        c.delete(`/api/projects/${project.key}/permissions/${grantsBefore[0].id}`),
        c.get(`/api/projects/${project.key}/role-members`),
        c.post(`/api/projects/${project.key}/role-members`, { roleId: viewers, userId: target.id }),
        c.delete(`/api/projects/${project.key}/role-members/${membersBefore[0].id}`),
      ];
      for (const res of await Promise.all(calls(await signedIn(t.app, developer.login)))) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'missing_permission');
      }
      for (const login of [outsider.login, appAdmin.login]) {
        for (const res of await Promise.all(calls(await signedIn(t.app, login))))
          assert.equal(res.statusCode, 404, `${login}: ${res.body}`);
      }
      assert.deepEqual(
        await t.db
          .selectFrom('project_permission_grants')
          .selectAll()
          .where('project_id', '=', project.id)
          .orderBy('id')
          .execute(),
        grantsBefore,
      );
      assert.deepEqual(
        await t.db
          .selectFrom('project_role_members')
          .selectAll()
          .where('project_id', '=', project.id)
          .orderBy('id')
          .execute(),
        membersBefore,
      );
      assert.equal(await auditCount(t.db), audits);
    });

    test('PRJ-3/EXPL-4: a system administrator without BROWSE_PROJECT cannot see the project, but can grant themselves access, and the audit log records it', async () => {
      const sysadmin = await createUser(t.db, { systemAdmin: true });
      const project = await createProject(t.db);
      const c = await signedIn(t.app, sysadmin.login);
      assert.equal((await c.get(`/api/projects/${project.key}`)).statusCode, 404);
      assert.equal(await canSee(sysadmin.login, project.key), false);

      assert.equal((await c.get(`/api/projects/${project.key}/permissions`)).statusCode, 200);
      const res = await c.post(`/api/projects/${project.key}/permissions`, {
        permission: 'BROWSE_PROJECT',
        userId: sysadmin.id,
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(await canSee(sysadmin.login, project.key), true);

      const audit = await t.db
        .selectFrom('audit_log')
        .selectAll()
        .where('project_id', '=', project.id)
        .where('action', '=', 'project.grant')
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0].actor_id, sysadmin.id);
      assert.deepEqual(
        (({ permission, user_id, project_id }) => ({ permission, user_id, project_id }))(
          audit[0].after as Record<string, unknown>,
        ),
        { permission: 'BROWSE_PROJECT', user_id: sysadmin.id, project_id: project.id },
      );
    });

    test('PRJ-3/API-5: duplicate grants and role memberships get 409; unknown or ambiguous subjects get 400 naming the field; a grant of another project is 404', async () => {
      const { project, c } = await projectWithAdmin();
      const user = await createUser(t.db);
      const group = await createGroup(t.db);
      assert.equal(
        (await c.post(`/api/projects/${project.key}/permissions`, { permission: 'BROWSE_PROJECT', userId: user.id }))
          .statusCode,
        201,
      );
      const audits = await auditCount(t.db);

      const dup = await c.post(`/api/projects/${project.key}/permissions`, {
        permission: 'BROWSE_PROJECT',
        userId: user.id,
      });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().code, 'already_granted');
      const unknown = await c.post(`/api/projects/${project.key}/permissions`, {
        permission: 'BROWSE_PROJECT',
        userId: 2_000_000_000,
      });
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().field, 'userId');
      const both = await c.post(`/api/projects/${project.key}/permissions`, {
        permission: 'BROWSE_PROJECT',
        userId: user.id,
        groupId: group.id,
      });
      assert.equal(both.statusCode, 400);
      assert.equal(both.json().field, 'groupId');
      const none = await c.post(`/api/projects/${project.key}/permissions`, { permission: 'BROWSE_PROJECT' });
      assert.equal(none.statusCode, 400);
      const badPermission = await c.post(`/api/projects/${project.key}/permissions`, {
        permission: 'DELETE_EVERYTHING',
        userId: user.id,
      });
      assert.equal(badPermission.statusCode, 400);
      assert.equal(badPermission.json().field, 'permission');

      const viewers = await roleId(t.db, 'Viewers');
      assert.equal(
        (await c.post(`/api/projects/${project.key}/role-members`, { roleId: viewers, userId: user.id })).statusCode,
        201,
      );
      const dupMember = await c.post(`/api/projects/${project.key}/role-members`, { roleId: viewers, userId: user.id });
      assert.equal(dupMember.statusCode, 409);
      assert.equal(dupMember.json().code, 'already_member');
      const unknownRole = await c.post(`/api/projects/${project.key}/role-members`, {
        roleId: 2_000_000_000,
        userId: user.id,
      });
      assert.equal(unknownRole.statusCode, 400);
      assert.equal(unknownRole.json().field, 'roleId');

      // A grant id of another project is not reachable through this project's URL.
      const other = await createProject(t.db);
      await grant(t.db, other.id, 'BROWSE_PROJECT', { userId: user.id });
      const foreign = await t.db
        .selectFrom('project_permission_grants')
        .select('id')
        .where('project_id', '=', other.id)
        .executeTakeFirstOrThrow();
      assert.equal((await c.delete(`/api/projects/${project.key}/permissions/${foreign.id}`)).statusCode, 404);
      assert.ok(
        await t.db.selectFrom('project_permission_grants').select('id').where('id', '=', foreign.id).executeTakeFirst(),
      );
      assert.equal(await auditCount(t.db), audits + 1);
    });
  });
