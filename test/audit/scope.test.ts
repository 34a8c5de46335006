// Guards EXPL-4's reader rule: an audit row about a project or a work item (its work logs, comments, security, teams,
// roles, price lists) shows only to readers who may browse that project and view that item — system administrators
// bypass item security, not BROWSE_PROJECT — while rows about installation-wide configuration show to every audit
// reader; a hidden row leaves no trace in the page, its size or its cursor; money stays masked (PRICE-7).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator } from 'kysely';
import { migrations, migrateToLatest, openDb } from '../../src/db/index.js';
import { recordAudit } from '../../src/modules/audit/repo.js';
import { createProject, createUser, DIALECTS, grant, createTestApp, unique, type TestApp } from '../helpers/harness.js';
import { createTeam } from '../helpers/teams.js';
import { allPages, createAppAdmin } from '../projects/fixtures.js';
import { as, editor, secure, systemAdmin, type Client } from '../security/fixtures.js';

interface AuditOut {
  id: number;
  action: string;
  entityType: string;
  entityId: string;
  projectId: number | null;
  itemId: number | null;
  before: unknown;
  after: unknown;
}
interface Page {
  items: AuditOut[];
  nextCursor: string | null;
}

for (const dialect of DIALECTS)
  describe(`audit rows and who may read them (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /**
     * A worker changes things in project P (which the restricted readers cannot browse) and in project Q (which they
     * can), where item S is secured to the worker alone; words only the hidden rows carry are kept to look for.
     */
    async function world() {
      const tag = unique('');
      const worker = await createUser(t.db);
      const [p, q] = [await createProject(t.db), await createProject(t.db)];
      for (const project of [p, q]) await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: worker.id });
      const wc = await as(t.app, worker.login);
      const secret = {
        pTitle: `Hidden-P-${tag}`,
        pLog: `p-log-${tag}`,
        pComment: `p-comment-${tag}`,
        sTitle: `Secret-S-${tag}`,
        sLog: `s-log-${tag}`,
        sComment: `s-comment-${tag}`,
      };
      const ok = async (res: { statusCode: number; body: string }, status = 201) => {
        assert.equal(res.statusCode, status, res.body);
        return JSON.parse(res.body || 'null');
      };

      // Project P: an item, its edit, a comment, work logged and edited, and a team with a price list (rows written without a project: the database works it out).
      const pItem = await ok(await wc.post(`/api/projects/${p.key}/items`, { title: 'P item' }));
      await ok(await wc.patch(`/api/items/${pItem.key}`, { version: 1, title: secret.pTitle }), 200);
      await ok(await wc.post(`/api/items/${pItem.key}/comments`, { body: secret.pComment }));
      const pLog = await ok(
        await wc.post('/api/worklogs', {
          itemKey: pItem.key,
          startDate: '2026-11-02',
          durationSeconds: 600,
          description: secret.pLog,
        }),
      );
      const pTeam = await createTeam(t.db, p.id);
      await recordAudit(t.db, {
        actorId: worker.id,
        action: 'team.update',
        entityType: 'team',
        entityId: pTeam.id,
        after: { name: secret.pTitle },
      });
      await recordAudit(t.db, {
        actorId: worker.id,
        action: 'team.role.update',
        entityType: 'team_role',
        entityId: pTeam.memberRoleId,
        after: { name: secret.pTitle },
      });

      // Project Q: an open item V and the secured item S with the same kinds of rows.
      const open = await ok(await wc.post(`/api/projects/${q.key}/items`, { title: 'Open item' }));
      await ok(await wc.post(`/api/items/${open.key}/comments`, { body: 'visible comment' }));
      const openLog = await ok(
        await wc.post('/api/worklogs', {
          itemKey: open.key,
          startDate: '2026-11-03',
          durationSeconds: 900,
          description: 'visible log',
        }),
      );
      const s = await ok(await wc.post(`/api/projects/${q.key}/items`, { title: 'S item' }));
      await secure(wc, s.key, [editor('user', worker.id)]);
      await ok(await wc.patch(`/api/items/${s.key}`, { version: 1, title: secret.sTitle }), 200);
      await ok(await wc.post(`/api/items/${s.key}/comments`, { body: secret.sComment }));
      const sLog = await ok(
        await wc.post('/api/worklogs', {
          itemKey: s.key,
          startDate: '2026-11-04',
          durationSeconds: 1200,
          description: secret.sLog,
        }),
      );
      // A trashed item keeps its rows, shown as its project says.
      const gone = await ok(await wc.post(`/api/projects/${q.key}/items`, { title: 'Trashed item' }));
      await ok(await wc.delete(`/api/items/${gone.key}?version=1`), 204);
      // Installation-wide rows.
      await recordAudit(t.db, {
        actorId: worker.id,
        action: 'settings.update',
        entityType: 'app_settings',
        entityId: 'app',
        after: { tag },
      });
      await recordAudit(t.db, {
        actorId: worker.id,
        action: 'group.create',
        entityType: 'group',
        entityId: 1,
        after: { tag },
      });
      return { worker, p, q, pItem, pLog, pTeam, open, openLog, s, sLog, gone, secret };
    }
    type World = Awaited<ReturnType<typeof world>>;

    /** The worker's audit rows, newest first, as the database has them (with their project and item). */
    async function rowsOf(w: World) {
      return t.db
        .selectFrom('audit_log')
        .select(['id', 'project_id', 'item_id', 'action', 'entity_type'])
        .where('actor_id', '=', w.worker.id)
        .orderBy('id', 'desc')
        .execute();
    }

    const readAll = async (c: Client, query: string, limit: number) =>
      (await allPages<AuditOut>(c, `/api/audit?${query}`, limit)).flat();
    const assertNoSecret = (body: string, secrets: string[], who: string) => {
      for (const s of secrets) assert.ok(!body.includes(s), `${who} reads ${s}: ${body.slice(0, 400)}`);
    };

    test("EXPL-4: the database records each row's project and work item — also for rows written without them", async () => {
      const w = await world();
      const rows = await rowsOf(w);
      const about = (action: string, entityType: string) =>
        rows.filter((r) => r.action === action && r.entity_type === entityType).map((r) => [r.project_id, r.item_id]);
      assert.deepEqual(about('item.update', 'work_item'), [
        [w.q.id, w.s.id],
        [w.p.id, w.pItem.id],
      ]);
      assert.deepEqual(about('comment.create', 'item_comment'), [
        [w.q.id, w.s.id],
        [w.q.id, w.open.id],
        [w.p.id, w.pItem.id],
      ]);
      assert.deepEqual(about('worklog.create', 'worklog'), [
        [w.q.id, w.s.id],
        [w.q.id, w.open.id],
        [w.p.id, w.pItem.id],
      ]);
      assert.deepEqual(about('item.trash', 'work_item'), [[w.q.id, w.gone.id]]);
      assert.deepEqual(about('team.update', 'team'), [[w.p.id, null]]);
      assert.deepEqual(about('team.role.update', 'team_role'), [[w.p.id, null]]);
      assert.deepEqual(about('settings.update', 'app_settings'), [[null, null]]);
      assert.deepEqual(about('group.create', 'group'), [[null, null]]);
    });

    test('EXPL-4, PRJ-4: an app_admin without BROWSE_PROJECT on P gets no row about P — not its items, work logs, comments or teams — nor any sign of them', async () => {
      const w = await world();
      const admin = await createAppAdmin(t.db);
      await grant(t.db, w.q.id, 'BROWSE_PROJECT', { userId: admin.id });
      // Item security on S allows only the worker: this admin does not see S either.
      const ac = await as(t.app, admin.login);
      const seen = await readAll(ac, `actorId=${w.worker.id}`, 3);
      const visible = (await rowsOf(w)).filter((r) => r.project_id !== w.p.id && r.item_id !== w.s.id).map((r) => r.id);
      assert.deepEqual(
        seen.map((r) => r.id),
        visible,
        "exactly the rows about Q's visible items and the installation, newest first, each once",
      );
      assert.ok(
        seen.some((r) => r.action === 'item.trash' && r.itemId === w.gone.id),
        'rows about a trashed item of a browsable project stay',
      );
      assert.ok(
        seen.some((r) => r.entityType === 'app_settings') && seen.some((r) => r.entityType === 'group'),
        'installation-wide rows show',
      );
      assertNoSecret(JSON.stringify(seen), Object.values(w.secret), 'the restricted app_admin');

      // Asking about the hidden project, its item or work log answers exactly what asking about nothing answers.
      const same = async (hidden: string, missing: string) => {
        const a = await ac.get(`/api/audit?${hidden}`);
        const b = await ac.get(`/api/audit?${missing}`);
        assert.equal(a.statusCode, 200, a.body);
        assert.deepEqual(a.json(), b.json(), `${hidden} is told apart from ${missing}`);
        assert.deepEqual(a.json() as Page, { items: [], nextCursor: null });
      };
      await same(`projectId=${w.p.id}`, 'projectId=2000000');
      await same(`entityType=work_item&entityId=${w.pItem.id}`, 'entityType=work_item&entityId=2000000');
      await same(`entityType=worklog&entityId=${w.pLog.id}`, 'entityType=worklog&entityId=2000000');
      await same(`entityType=team&entityId=${w.pTeam.id}`, 'entityType=team&entityId=2000000');
      await same(`entityType=work_item&entityId=${w.s.id}`, 'entityType=work_item&entityId=2000001');
      await same(`entityType=worklog&entityId=${w.sLog.id}`, 'entityType=worklog&entityId=2000001');

      // The page is cut after filtering: the hidden rows (P's are the oldest) leave no cursor behind the last visible row.
      const page = (await ac.get(`/api/audit?actorId=${w.worker.id}&limit=${visible.length}`)).json() as Page;
      assert.deepEqual([page.items.map((r) => r.id), page.nextCursor], [visible, null]);
      const pPage = (await ac.get(`/api/audit?actorId=${w.worker.id}&projectId=${w.q.id}&limit=1`)).json() as Page;
      assert.equal(pPage.items.length, 1);
    });

    test('EXPL-4, ITEM-9: a reader who browses the project but cannot view a secured item gets none of its rows; a system administrator who browses it does (item security is bypassed), but nothing of a project they cannot browse', async () => {
      const w = await world();
      const admin = await createAppAdmin(t.db);
      await grant(t.db, w.q.id, 'BROWSE_PROJECT', { userId: admin.id });
      await grant(t.db, w.p.id, 'BROWSE_PROJECT', { userId: admin.id });
      const ac = await as(t.app, admin.login);
      const seen = await readAll(ac, `actorId=${w.worker.id}`, 50);
      const rows = await rowsOf(w);
      assert.deepEqual(
        seen.map((r) => r.id),
        rows.filter((r) => r.item_id !== w.s.id).map((r) => r.id),
        'everything but the rows about S',
      );
      assertNoSecret(
        JSON.stringify(seen),
        [w.secret.sTitle, w.secret.sLog, w.secret.sComment],
        "a browsing app_admin outside S's setting",
      );

      const root = await systemAdmin(t.db);
      await grant(t.db, w.q.id, 'BROWSE_PROJECT', { userId: root.id });
      const rc = await as(t.app, root.login);
      const byRoot = await readAll(rc, `actorId=${w.worker.id}`, 4);
      assert.deepEqual(
        byRoot.map((r) => r.id),
        rows.filter((r) => r.project_id !== w.p.id).map((r) => r.id),
        "Q's rows with S's, no row about P",
      );
      const body = JSON.stringify(byRoot);
      assert.ok(
        body.includes(w.secret.sTitle) && body.includes(w.secret.sLog),
        'item security does not hide S from a system administrator',
      );
      assertNoSecret(
        body,
        [w.secret.pTitle, w.secret.pLog, w.secret.pComment],
        'a system administrator without BROWSE_PROJECT on P',
      );
      // PRICE-7: a system administrator without a money role reads no rate.
      const logRow = byRoot.find((r) => r.action === 'worklog.create' && r.entityId === String(w.openLog.id))!;
      assert.ok(logRow && !('rate' in (logRow.after as object)), `money in ${JSON.stringify(logRow?.after)}`);
    });
  });

test('EXPL-4: migration 0010 backfills the project and item of audit rows written before it', async () => {
  const handle = await openDb({});
  try {
    const names = Object.keys(migrations).sort();
    const previous = names[names.indexOf('0010_audit_scope') - 1];
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo(previous);
    assert.equal(error, undefined);
    const user = await createUser(handle.db);
    const project = await createProject(handle.db);
    const item = await handle.db
      .insertInto('work_items')
      .values({ project_id: project.id, num: 1, key: `${project.key}-1`, title: 'x', created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const team = await createTeam(handle.db, project.id);
    const old = (entity_type: string, entity_id: string, after: object | null) =>
      handle.db
        .insertInto('audit_log')
        .values({
          actor_id: user.id,
          action: 'old',
          entity_type,
          entity_id,
          after: after === null ? null : JSON.stringify(after),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const rows = {
      item: await old('work_item', String(item.id), null),
      deletedLog: await old('worklog', '999999', { item_id: item.id, project_id: project.id }),
      team: await old('team', String(team.id), null),
      user: await old('user', String(user.id), null),
      odd: await old('work_item', 'not-a-number', null),
    };
    await migrateToLatest(handle.db);
    const scope = async (id: number) => {
      const r = await handle.db
        .selectFrom('audit_log')
        .select(['project_id', 'item_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return [r.project_id, r.item_id];
    };
    assert.deepEqual(await scope(rows.item.id), [project.id, item.id]);
    assert.deepEqual(await scope(rows.deletedLog.id), [project.id, item.id]);
    assert.deepEqual(await scope(rows.team.id), [project.id, null]);
    assert.deepEqual(await scope(rows.user.id), [null, null]);
    assert.deepEqual(await scope(rows.odd.id), [null, null]);
  } finally {
    await handle.close();
  }
});
