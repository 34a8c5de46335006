// Guards PRJ-3 with EXPL-3 on a project's permission scheme: a grant or role-member change can be previewed (whose
// project permissions change, nothing written), and a change that leaves the project without an administrator is
// warned about in the preview and refused without an explicit confirmation (409 project_lockout, nothing written),
// re-checked inside the write transaction; confirmed, it is made and audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createGroup,
  createProject,
  createTestApp,
  createUser,
  DIALECTS,
  grant,
  roleId,
  signedIn,
  type TestApp,
} from '../helpers/harness.js';
import { auditCount, auditRowsFor } from './fixtures.js';

type Change = { user: { login: string }; target: string; before: string[]; after: string[] };

for (const dialect of DIALECTS)
  describe(`permission scheme previews and the lockout check (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** A project whose one administrator holds ADMINISTER_PROJECT through a grant of their own. */
    async function projectWithAdmin() {
      const admin = await createUser(t.db);
      const project = await createProject(t.db);
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: admin.id });
      const adminGrant = await t.db
        .selectFrom('project_permission_grants')
        .select('id')
        .where('project_id', '=', project.id)
        .where('user_id', '=', admin.id)
        .executeTakeFirstOrThrow();
      return { admin, project, adminGrantId: adminGrant.id, c: await signedIn(t.app, admin.login) };
    }

    /** Everything a change could write: the project's links and the audit log. */
    async function written(projectId: number) {
      const [grants, members] = await Promise.all([
        t.db.selectFrom('project_permission_grants').selectAll().where('project_id', '=', projectId).execute(),
        t.db.selectFrom('project_role_members').selectAll().where('project_id', '=', projectId).execute(),
      ]);
      return { grants, members, audits: await auditCount(t.db) };
    }

    const summary = (changes: Change[]) =>
      changes.map((c) => `${c.user.login} ${c.target}: ${c.before.join(',')} -> ${c.after.join(',')}`).sort();

    test('EXPL-3 PRJ-3: the preview of a grant to a group lists each member whose permissions change and writes nothing', async () => {
      const { project, c } = await projectWithAdmin();
      const [ann, bob] = [await createUser(t.db), await createUser(t.db)];
      const group = await createGroup(t.db, [ann.id, bob.id]);
      await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: bob.id });
      const state = await written(project.id);

      const res = await c.post(`/api/projects/${project.key}/permissions/preview`, {
        grant: { permission: 'WORK_ON_ISSUES', groupId: group.id },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        summary(res.json().changes),
        [
          `${ann.login} project ${project.key}:  -> WORK_ON_ISSUES`,
          `${bob.login} project ${project.key}: BROWSE_PROJECT -> BROWSE_PROJECT,WORK_ON_ISSUES`,
        ].sort(),
      );
      assert.deepEqual(res.json().warnings, []);
      assert.deepEqual(await written(project.id), state);
    });

    test('EXPL-3 PRJ-3: the preview of a new role member lists what the role carries, and of a removal what goes; nothing is written', async () => {
      const { project, c } = await projectWithAdmin();
      const developers = await roleId(t.db, 'Developers');
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES'], { roleId: developers });
      const dev = await createUser(t.db);
      const state = await written(project.id);

      const add = await c.post(`/api/projects/${project.key}/role-members/preview`, {
        add: { roleId: developers, userId: dev.id },
      });
      assert.equal(add.statusCode, 200, add.body);
      assert.deepEqual(summary(add.json().changes), [
        `${dev.login} project ${project.key}:  -> BROWSE_PROJECT,EDIT_ISSUES`,
      ]);
      assert.deepEqual(await written(project.id), state);

      const member = await t.db
        .insertInto('project_role_members')
        .values({ project_id: project.id, role_id: developers, user_id: dev.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const removal = await c.post(`/api/projects/${project.key}/role-members/preview`, { removeId: member.id });
      assert.equal(removal.statusCode, 200, removal.body);
      assert.deepEqual(summary(removal.json().changes), [
        `${dev.login} project ${project.key}: BROWSE_PROJECT,EDIT_ISSUES -> `,
      ]);
      assert.deepEqual(removal.json().warnings, []);
      assert.equal((await written(project.id)).members.length, state.members.length + 1);
    });

    test('PRJ-3 EXPL-3: revoking the last administrator is warned about, refused without confirmation (409 project_lockout, nothing written), made and audited with it', async () => {
      const { admin, project, adminGrantId, c } = await projectWithAdmin();
      const state = await written(project.id);

      const preview = await c.post(`/api/projects/${project.key}/permissions/preview`, { revokeId: adminGrantId });
      assert.equal(preview.statusCode, 200, preview.body);
      assert.deepEqual(
        preview.json().warnings.map((w: { code: string }) => w.code),
        ['project_lockout'],
      );
      assert.match(preview.json().warnings[0].message, /nobody administers/);
      assert.deepEqual(summary(preview.json().changes), [
        `${admin.login} project ${project.key}: ADMINISTER_PROJECT,BROWSE_PROJECT,EDIT_ISSUES,WORK_ON_ISSUES -> `,
      ]);
      assert.deepEqual(await written(project.id), state);

      const refused = await c.delete(`/api/projects/${project.key}/permissions/${adminGrantId}`);
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().code, 'project_lockout');
      assert.equal(refused.json().field, undefined);
      assert.deepEqual(await written(project.id), state);

      const confirmed = await c.delete(`/api/projects/${project.key}/permissions/${adminGrantId}?confirmLockout=true`);
      assert.equal(confirmed.statusCode, 204, confirmed.body);
      assert.equal((await written(project.id)).grants.length, 0);
      const audit = await auditRowsFor(t.db, 'project_permission', adminGrantId);
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_id, a.project_id, a.after]),
        [['project.revoke', admin.id, project.id, { lockoutConfirmed: true }]],
      );
    });

    test('PRJ-3 EXPL-3: removing the last administrator from the Administrators role is refused without confirmation and made with it', async () => {
      const admin = await createUser(t.db);
      const project = await createProject(t.db);
      const administrators = await roleId(t.db, 'Administrators');
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { roleId: administrators });
      const member = await t.db
        .insertInto('project_role_members')
        .values({ project_id: project.id, role_id: administrators, user_id: admin.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const c = await signedIn(t.app, admin.login);
      const state = await written(project.id);

      const preview = await c.post(`/api/projects/${project.key}/role-members/preview`, { removeId: member.id });
      assert.deepEqual(
        preview.json().warnings.map((w: { code: string }) => w.code),
        ['project_lockout'],
      );
      const refused = await c.delete(`/api/projects/${project.key}/role-members/${member.id}?confirmLockout=false`);
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().code, 'project_lockout');
      assert.deepEqual(await written(project.id), state);

      const confirmed = await c.delete(`/api/projects/${project.key}/role-members/${member.id}?confirmLockout=true`);
      assert.equal(confirmed.statusCode, 204, confirmed.body);
      assert.equal((await written(project.id)).members.length, 0);
      const audit = await auditRowsFor(t.db, 'project_role_member', member.id);
      assert.deepEqual(
        audit.map((a) => [a.action, a.after]),
        [['project.role.remove', { lockoutConfirmed: true }]],
      );
    });

    test('PRJ-3: another active administrator (held through a group) means no lockout; system administrators and inactive users do not count', async () => {
      const { project, adminGrantId, c } = await projectWithAdmin();
      const sysadmin = await createUser(t.db, { systemAdmin: true });
      const inactive = await createUser(t.db, { active: false });
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: sysadmin.id });
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: inactive.id });
      const lockoutOf = async () =>
        (await c.post(`/api/projects/${project.key}/permissions/preview`, { revokeId: adminGrantId }))
          .json()
          .warnings.map((w: { code: string }) => w.code);
      assert.deepEqual(await lockoutOf(), ['project_lockout']);

      const other = await createUser(t.db);
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { groupId: (await createGroup(t.db, [other.id])).id });
      assert.deepEqual(await lockoutOf(), []);
      const revoked = await c.delete(`/api/projects/${project.key}/permissions/${adminGrantId}`);
      assert.equal(revoked.statusCode, 204, revoked.body);
    });

    test('API-5 EXPL-3: a preview names exactly one change (400 naming the field); an unknown id is 404; a duplicate grant 409; nothing is written', async () => {
      const { admin, project, adminGrantId, c } = await projectWithAdmin();
      const state = await written(project.id);
      const url = `/api/projects/${project.key}/permissions/preview`;
      const neither = await c.post(url, {});
      assert.equal(neither.statusCode, 400, neither.body);
      assert.equal(neither.json().field, 'grant');
      const both = await c.post(url, {
        revokeId: adminGrantId,
        grant: { permission: 'EDIT_ISSUES', userId: admin.id },
      });
      assert.equal(both.statusCode, 400, both.body);
      assert.equal(both.json().field, 'revokeId');
      assert.equal((await c.post(url, { revokeId: 999999 })).statusCode, 404);
      const duplicate = await c.post(url, { grant: { permission: 'ADMINISTER_PROJECT', userId: admin.id } });
      assert.equal(duplicate.statusCode, 409, duplicate.body);
      assert.equal(duplicate.json().code, 'already_granted');
      assert.deepEqual(await written(project.id), state);
    });

    test('EXPL-3: only project administrators preview (403 with BROWSE_PROJECT, 404 without); nothing is written', async () => {
      const { project, adminGrantId } = await projectWithAdmin();
      const browser = await createUser(t.db);
      await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: browser.id });
      const outsider = await createUser(t.db);
      const state = await written(project.id);
      for (const [login, status] of [
        [browser.login, 403],
        [outsider.login, 404],
      ] as const) {
        const c = await signedIn(t.app, login);
        const res = await c.post(`/api/projects/${project.key}/permissions/preview`, { revokeId: adminGrantId });
        assert.equal(res.statusCode, status, res.body);
        const del = await c.delete(`/api/projects/${project.key}/permissions/${adminGrantId}?confirmLockout=true`);
        assert.equal(del.statusCode, status, del.body);
      }
      assert.deepEqual(await written(project.id), state);
    });
  });
