// Guards EXPL-4: every change to projects, grants, role members, items, comments and work logs writes an audit row
// (actor, time, before, after) in the same transaction as the change, and only app_admin and system administrators
// search the log, filtered and paged in the database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import {
  createItem,
  createProject,
  createUser,
  DIALECTS,
  grant,
  roleId,
  signedIn,
  createTestApp,
  unique,
  type TestApp,
} from '../helpers/harness.js';
import { grantAppRole } from '../helpers/teams.js';
import { allPages, assertDisjointAndComplete, createAppAdmin } from '../projects/fixtures.js';

interface AuditOut {
  id: number;
  at: string;
  actor: { id: number; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  projectId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

for (const dialect of DIALECTS)
  describe(`audit log (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** The rows about one entity, read by an app_admin who may browse its project (EXPL-4: nobody else reads them). */
    async function auditOf(entityType: string, entityId: number | string, projectId: number): Promise<AuditOut[]> {
      const admin = await createAppAdmin(t.db);
      await grant(t.db, projectId, 'BROWSE_PROJECT', { userId: admin.id });
      const res = await (
        await signedIn(t.app, admin.login)
      ).get(`/api/audit?entityType=${entityType}&entityId=${entityId}&limit=200`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as AuditOut[]).reverse();
    }

    function assertEntry(
      entry: AuditOut | undefined,
      expected: { action: string; actorId: number; projectId?: number; before: boolean; after: boolean },
    ) {
      assert.ok(entry, `no audit row for ${expected.action}`);
      assert.equal(entry.action, expected.action);
      assert.equal(entry.actor?.id, expected.actorId, expected.action);
      assert.ok(!Number.isNaN(Date.parse(entry.at)), `${expected.action}: time ${entry.at}`);
      if (expected.projectId !== undefined) assert.equal(entry.projectId, expected.projectId, expected.action);
      // before/after are JSON objects (not JSON-encoded strings), present exactly when the state existed.
      assert.equal(
        entry.before !== null && typeof entry.before === 'object',
        expected.before,
        `${expected.action}: before ${JSON.stringify(entry.before)}`,
      );
      assert.equal(
        entry.after !== null && typeof entry.after === 'object',
        expected.after,
        `${expected.action}: after ${JSON.stringify(entry.after)}`,
      );
    }

    test('EXPL-4: creating and editing a project, its grants and its role members each write an audit row with actor, time, before and after', async () => {
      const admin = await createAppAdmin(t.db);
      const c = await signedIn(t.app, admin.login);
      const key = `A${unique('').replace(/\D/g, '').slice(-6)}`;
      const project = (await c.post('/api/projects', { key, name: 'Audited' })).json();
      const [created] = await auditOf('project', project.id, project.id);
      assertEntry(created, {
        action: 'project.create',
        actorId: admin.id,
        projectId: project.id,
        before: false,
        after: true,
      });
      assert.equal(created.after!.key, key);
      assert.equal(created.actor!.displayName, `User ${admin.login}`);

      assert.equal(
        (
          await c.patch(`/api/projects/${key}`, {
            version: 1,
            name: 'Audited twice',
            settings: { periodLength: 'month' },
          })
        ).statusCode,
        200,
      );
      const [, updated] = await auditOf('project', project.id, project.id);
      assertEntry(updated, {
        action: 'project.update',
        actorId: admin.id,
        projectId: project.id,
        before: true,
        after: true,
      });
      assert.deepEqual(
        [updated.before!.name, updated.before!.period_length, updated.before!.version],
        ['Audited', 'week', 1],
      );
      assert.deepEqual(
        [updated.after!.name, updated.after!.period_length, updated.after!.version],
        ['Audited twice', 'month', 2],
      );

      const user = await createUser(t.db);
      const grants = (
        await c.post(`/api/projects/${key}/permissions`, { permission: 'EDIT_ISSUES', userId: user.id })
      ).json().items;
      const grantId = grants.find(
        (g: { subject: { id: number; kind: string } }) => g.subject.kind === 'user' && g.subject.id === user.id,
      ).id;
      assert.equal((await c.delete(`/api/projects/${key}/permissions/${grantId}`)).statusCode, 204);
      const [granted, revoked] = await auditOf('project_permission', grantId, project.id);
      assertEntry(granted, {
        action: 'project.grant',
        actorId: admin.id,
        projectId: project.id,
        before: false,
        after: true,
      });
      assertEntry(revoked, {
        action: 'project.revoke',
        actorId: admin.id,
        projectId: project.id,
        before: true,
        after: false,
      });

      const viewers = await roleId(t.db, 'Viewers');
      const members = (await c.post(`/api/projects/${key}/role-members`, { roleId: viewers, userId: user.id })).json()
        .items;
      const memberId = members.find(
        (m: { subject: { id: number; kind: string } }) => m.subject.kind === 'user' && m.subject.id === user.id,
      ).id;
      assert.equal((await c.delete(`/api/projects/${key}/role-members/${memberId}`)).statusCode, 204);
      const [added, removed] = await auditOf('project_role_member', memberId, project.id);
      assertEntry(added, {
        action: 'project.role.add',
        actorId: admin.id,
        projectId: project.id,
        before: false,
        after: true,
      });
      assertEntry(removed, {
        action: 'project.role.remove',
        actorId: admin.id,
        projectId: project.id,
        before: true,
        after: false,
      });
    });

    test('EXPL-4: creating and editing items, commenting, and logging, editing and deleting work each write an audit row', async () => {
      const user = await createUser(t.db);
      const project = await createProject(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: user.id });
      const c = await signedIn(t.app, user.login);

      const item = (await c.post(`/api/projects/${project.key}/items`, { title: 'Audited item' })).json();
      assert.equal((await c.patch(`/api/items/${item.key}`, { version: 1, status: 'done' })).statusCode, 200);
      const [itemCreated, itemUpdated] = await auditOf('work_item', item.id, project.id);
      assertEntry(itemCreated, {
        action: 'item.create',
        actorId: user.id,
        projectId: project.id,
        before: false,
        after: true,
      });
      assertEntry(itemUpdated, {
        action: 'item.update',
        actorId: user.id,
        projectId: project.id,
        before: true,
        after: true,
      });
      assert.deepEqual([itemUpdated.before!.status, itemUpdated.after!.status], ['open', 'done']);

      const comment = (await c.post(`/api/items/${item.key}/comments`, { body: 'noted' })).json();
      const [commented] = await auditOf('item_comment', comment.id, project.id);
      assertEntry(commented, {
        action: 'comment.create',
        actorId: user.id,
        projectId: project.id,
        before: false,
        after: true,
      });

      const log = (
        await c.post('/api/worklogs', {
          itemKey: item.key,
          startDate: '2024-08-01',
          durationSeconds: 600,
          description: 'v1',
        })
      ).json();
      assert.equal((await c.patch(`/api/worklogs/${log.id}`, { version: 1, durationSeconds: 900 })).statusCode, 200);
      assert.equal((await c.delete(`/api/worklogs/${log.id}?version=2`)).statusCode, 204);
      const [logged, edited, deleted] = await auditOf('worklog', log.id, project.id);
      assertEntry(logged, {
        action: 'worklog.create',
        actorId: user.id,
        projectId: project.id,
        before: false,
        after: true,
      });
      assertEntry(edited, {
        action: 'worklog.update',
        actorId: user.id,
        projectId: project.id,
        before: true,
        after: true,
      });
      assertEntry(deleted, {
        action: 'worklog.delete',
        actorId: user.id,
        projectId: project.id,
        before: true,
        after: false,
      });
      assert.deepEqual(
        [logged.after!.duration_seconds, logged.after!.author_id, logged.after!.start_date],
        [600, user.id, '2024-08-01'],
      );
      assert.deepEqual([edited.before!.duration_seconds, edited.after!.duration_seconds], [600, 900]);
      assert.equal(deleted.before!.version, 2);
    });

    test('EXPL-4: the audit row is written in the same transaction — when it cannot be written, the change is not made either', async () => {
      // A trigger refuses audit rows about projects named POISON…; every change there must then roll back whole.
      await sql
        .raw(
          `
      create function refuse_poisoned_audit() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from projects p where p.id = new.project_id and p.name like 'POISON%')
           or coalesce(new.after::text, '') like '%POISON%' then
          raise exception 'audit row refused by test trigger';
        end if;
        return new;
      end $$`,
        )
        .execute(t.db);
      await sql
        .raw(
          'create trigger refuse_poisoned_audit before insert on audit_log for each row execute function refuse_poisoned_audit()',
        )
        .execute(t.db);

      const user = await createUser(t.db);
      const project = await createProject(t.db, { name: 'POISON project' });
      const item = await createItem(t.db, { projectId: project.id });
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: user.id });
      const stored = await t.db
        .insertInto('worklogs')
        .values({
          item_id: item.id,
          project_id: project.id,
          author_id: user.id,
          start_date: '2024-09-01',
          duration_seconds: 60,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const other = await createUser(t.db);
      const c = await signedIn(t.app, user.login);
      const appAdmin = await createAppAdmin(t.db);

      const snapshot = async () => ({
        project: await t.db.selectFrom('projects').selectAll().where('id', '=', project.id).executeTakeFirstOrThrow(),
        items: await t.db
          .selectFrom('work_items')
          .selectAll()
          .where('project_id', '=', project.id)
          .orderBy('id')
          .execute(),
        comments: await t.db.selectFrom('item_comments').selectAll().where('item_id', '=', item.id).execute(),
        worklogs: await t.db
          .selectFrom('worklogs')
          .selectAll()
          .where('project_id', '=', project.id)
          .orderBy('id')
          .execute(),
        grants: await t.db
          .selectFrom('project_permission_grants')
          .selectAll()
          .where('project_id', '=', project.id)
          .orderBy('id')
          .execute(),
        members: await t.db
          .selectFrom('project_role_members')
          .selectAll()
          .where('project_id', '=', project.id)
          .orderBy('id')
          .execute(),
        audit: await t.db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
      });
      const before = await snapshot();
      const viewers = await roleId(t.db, 'Viewers');
      const changes = {
        'project.update': await c.patch(`/api/projects/${project.key}`, {
          version: 1,
          settings: { periodLength: 'month' },
        }),
        'item.create': await c.post(`/api/projects/${project.key}/items`, { title: 'never' }),
        'item.update': await c.patch(`/api/items/${item.key}`, { version: 1, title: 'never' }),
        'comment.create': await c.post(`/api/items/${item.key}/comments`, { body: 'never' }),
        'worklog.create': await c.post('/api/worklogs', {
          itemKey: item.key,
          startDate: '2024-09-02',
          durationSeconds: 60,
        }),
        'worklog.update': await c.patch(`/api/worklogs/${stored.id}`, { version: 1, durationSeconds: 120 }),
        'worklog.delete': await c.delete(`/api/worklogs/${stored.id}?version=1`),
        'project.grant': await c.post(`/api/projects/${project.key}/permissions`, {
          permission: 'BROWSE_PROJECT',
          userId: other.id,
        }),
        'project.role.add': await c.post(`/api/projects/${project.key}/role-members`, {
          roleId: viewers,
          userId: other.id,
        }),
        'project.create': await (
          await signedIn(t.app, appAdmin.login)
        ).post('/api/projects', { key: `Q${project.key.slice(1)}`, name: 'POISON new' }),
      };
      for (const [what, res] of Object.entries(changes)) {
        // The refusal comes from the trigger (a server-side failure), not from validation or authorization.
        assert.equal(
          res.statusCode,
          500,
          `${what} was not stopped by the audit failure: ${res.statusCode} ${res.body}`,
        );
        assert.equal(res.json().code, 'internal_error', what);
        assert.ok(!res.body.includes('trigger'), `${what} leaks the database error: ${res.body}`);
      }
      assert.deepEqual(await snapshot(), before);
      assert.equal(
        await t.db
          .selectFrom('projects')
          .select('id')
          .where('key', '=', `Q${project.key.slice(1)}`)
          .executeTakeFirst(),
        undefined,
      );
    });

    test('EXPL-4: the audit log is open to app_admin (through the group administrators or directly) and system administrators; others get 403', async () => {
      const throughGroup = await createAppAdmin(t.db);
      const direct = await createUser(t.db);
      await grantAppRole(t.db, direct.id, 'app_admin');
      const sysadmin = await createUser(t.db, { systemAdmin: true });
      for (const login of [throughGroup.login, direct.login, sysadmin.login]) {
        const res = await (await signedIn(t.app, login)).get('/api/audit?limit=1');
        assert.equal(res.statusCode, 200, `${login}: ${res.body}`);
      }

      const ordinary = await createUser(t.db);
      const projectAdmin = await createUser(t.db);
      await grant(t.db, (await createProject(t.db)).id, 'ADMINISTER_PROJECT', { userId: projectAdmin.id });
      const billing = await createUser(t.db);
      await grantAppRole(t.db, billing.id, 'billing_admin');
      for (const login of [ordinary.login, projectAdmin.login, billing.login]) {
        const res = await (await signedIn(t.app, login)).get('/api/audit');
        assert.equal(res.statusCode, 403, `${login}: ${res.body}`);
        assert.equal(res.json().code, 'area_closed');
      }
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/audit' })).statusCode, 401);
    });

    test('EXPL-4: the search filters by entity type and id, actor, action and project', async () => {
      const a = await createUser(t.db);
      const b = await createUser(t.db);
      const project = await createProject(t.db);
      const item = await createItem(t.db, { projectId: project.id });
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: a.id });
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: b.id });
      const ac = await signedIn(t.app, a.login);
      const bc = await signedIn(t.app, b.login);
      const logA = (
        await ac.post('/api/worklogs', { itemKey: item.key, startDate: '2024-10-01', durationSeconds: 60 })
      ).json();
      const logB = (
        await bc.post('/api/worklogs', { itemKey: item.key, startDate: '2024-10-01', durationSeconds: 60 })
      ).json();
      await ac.patch(`/api/items/${item.key}`, { version: 1, title: 'by a' });
      await bc.post(`/api/items/${item.key}/comments`, { body: 'by b' });
      const reader = await createAppAdmin(t.db);
      await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: reader.id });
      const admin = await signedIn(t.app, reader.login);
      const search = async (query: string) => {
        const res = await admin.get(`/api/audit?limit=200&${query}`);
        assert.equal(res.statusCode, 200, res.body);
        return (res.json().items as AuditOut[]).map((e) => `${e.action}:${e.entityId}:${e.actor?.id}`);
      };

      assert.deepEqual(await search(`projectId=${project.id}`), [
        `comment.create:${(await t.db.selectFrom('item_comments').select('id').where('item_id', '=', item.id).executeTakeFirstOrThrow()).id}:${b.id}`,
        `item.update:${item.id}:${a.id}`,
        `worklog.create:${logB.id}:${b.id}`,
        `worklog.create:${logA.id}:${a.id}`,
      ]);
      assert.deepEqual(await search(`projectId=${project.id}&actorId=${a.id}`), [
        `item.update:${item.id}:${a.id}`,
        `worklog.create:${logA.id}:${a.id}`,
      ]);
      assert.deepEqual(await search(`actorId=${b.id}&action=worklog.create`), [`worklog.create:${logB.id}:${b.id}`]);
      assert.deepEqual(await search(`entityType=worklog&entityId=${logA.id}`), [`worklog.create:${logA.id}:${a.id}`]);
      assert.deepEqual(await search(`entityType=work_item&entityId=${item.id}`), [`item.update:${item.id}:${a.id}`]);
      assert.deepEqual(await search(`action=no.such.action`), []);
    });

    test('EXPL-4/API-3: from/to select whole calendar days and pages are newest first, disjoint and complete', async () => {
      const action = unique('test.dated.');
      const days = ['2001-03-03', '2001-03-04', '2001-03-04', '2001-03-05', '2001-03-06', '2001-03-04'];
      const ids: Array<{ id: number; day: string }> = [];
      for (const day of days) {
        // Noon UTC is the same calendar day in every time zone within ±12 h of UTC, whatever the server's zone.
        const row = await t.db
          .insertInto('audit_log')
          .values({ at: `${day}T12:00:00Z`, actor_id: null, action, entity_type: 'test', entity_id: '1' })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push({ id: Number(row.id), day });
      }
      const admin = await signedIn(t.app, (await createAppAdmin(t.db)).login);
      const expect = (keep: (day: string) => boolean) =>
        ids
          .filter((r) => keep(r.day))
          .map((r) => r.id)
          .sort((x, y) => y - x);

      const ranges: Array<[string, (d: string) => boolean]> = [
        ['', () => true],
        ['&from=2001-03-04&to=2001-03-04', (d) => d === '2001-03-04'],
        ['&from=2001-03-05', (d) => d >= '2001-03-05'],
        ['&to=2001-03-04', (d) => d <= '2001-03-04'],
        ['&from=2001-03-07', () => false],
      ];
      for (const [range, keep] of ranges) {
        for (const limit of [1, 2, 10]) {
          const pages = await allPages<AuditOut>(admin, `/api/audit?action=${action}${range}`, limit);
          assertDisjointAndComplete(pages, expect(keep));
          assert.ok(pages.flat().every((e) => e.actor === null));
        }
      }
    });

    test('EXPL-4/API-5: bad filters get 400 naming the field', async () => {
      const admin = await signedIn(t.app, (await createAppAdmin(t.db)).login);
      for (const [query, field] of [
        ['from=yesterday', 'from'],
        ['actorId=abc', 'actorId'],
        ['limit=0', 'limit'],
        ['cursor=not-a-cursor', 'cursor'],
        ['color=red', 'color'],
      ] as const) {
        const res = await admin.get(`/api/audit?${query}`);
        assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
        assert.match(res.json().field ?? '', new RegExp(`${field}$`), `${query}: ${res.body}`);
      }
    });
  });
