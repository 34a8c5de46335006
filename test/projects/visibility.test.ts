// Guards PRJ-4: without BROWSE_PROJECT a user sees nothing of a project anywhere — not in lists or search, 404 (never 403)
// on the project and everything in it, their own old work logs there vanish from "my work logs", and no error body
// names the project or its items.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createItem,
  createProject,
  createUser,
  DIALECTS,
  grant,
  signedIn,
  createTestApp,
  unique,
  type TestApp,
} from '../helpers/harness.js';
import { auditCount } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`a project without BROWSE_PROJECT is invisible (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /**
     * A secret project whose name and item title are distinctive, with a child item, a comment and a work log by
     * `former`, who then loses every permission there. `former` keeps a visible project with one work log of their own.
     */
    async function secretWorld() {
      const secretName = unique('Zephyrproj');
      const secretTitle = unique('Classifiedtitle');
      const former = await createUser(t.db);
      const project = await createProject(t.db, { name: secretName });
      const item = await createItem(t.db, { projectId: project.id, title: secretTitle });
      const child = await createItem(t.db, { projectId: project.id, parentId: item.id, title: `${secretTitle} child` });
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: former.id });
      const c = await signedIn(t.app, former.login);
      const comment = await c.post(`/api/items/${item.key}/comments`, { body: 'secret comment' });
      assert.equal(comment.statusCode, 201, comment.body);
      const hiddenLog = await c.post('/api/worklogs', {
        itemKey: item.key,
        startDate: '2024-03-04',
        durationSeconds: 3600,
        description: 'secret work',
      });
      assert.equal(hiddenLog.statusCode, 201, hiddenLog.body);

      const visible = await createProject(t.db);
      const visibleItem = await createItem(t.db, { projectId: visible.id });
      await grant(t.db, visible.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: former.id });
      const visibleLog = await c.post('/api/worklogs', {
        itemKey: visibleItem.key,
        startDate: '2024-03-05',
        durationSeconds: 900,
      });
      assert.equal(visibleLog.statusCode, 201, visibleLog.body);

      await t.db
        .deleteFrom('project_permission_grants')
        .where('project_id', '=', project.id)
        .where('user_id', '=', former.id)
        .execute();
      return {
        project,
        item,
        child,
        former,
        c,
        secretName,
        secretTitle,
        hiddenLog: hiddenLog.json(),
        visible,
        visibleItem,
        visibleLog: visibleLog.json(),
      };
    }

    function assertHidden(
      res: { statusCode: number; body: string },
      w: { project: { key: string }; secretName: string; secretTitle: string },
      what: string,
    ) {
      assert.equal(res.statusCode, 404, `${what}: ${res.body}`);
      assert.equal(JSON.parse(res.body).code, 'not_found', what);
      for (const secret of [w.project.key, w.secretName, w.secretTitle])
        assert.ok(!res.body.includes(secret), `${what} leaks '${secret}': ${res.body}`);
    }

    test('PRJ-4: the project is absent from /api/projects and from search by key or name', async () => {
      const w = await secretWorld();
      const outsider = await createUser(t.db);
      for (const c of [w.c, await signedIn(t.app, outsider.login)]) {
        for (const url of [
          '/api/projects?limit=200',
          `/api/projects?q=${w.project.key}`,
          `/api/projects?q=${w.secretName}`,
          `/api/projects?q=${w.secretName.slice(0, 6).toLowerCase()}`,
        ]) {
          const res = await c.get(url);
          assert.equal(res.statusCode, 200, res.body);
          assert.ok(
            !res.body.includes(w.project.key) && !res.body.includes(w.secretName),
            `${url} shows the hidden project: ${res.body}`,
          );
        }
      }
      const visibleSearch = await w.c.get(`/api/projects?q=${w.visible.key}`);
      assert.deepEqual(
        visibleSearch.json().items.map((p: { key: string }) => p.key),
        [w.visible.key],
      );
    });

    test('PRJ-4: the project, its item list, items, comments and work logs answer 404 (not 403), without naming the project or item', async () => {
      const w = await secretWorld();
      const outsider = await createUser(t.db);
      for (const [who, c] of [
        ['former member', w.c],
        ['outsider', await signedIn(t.app, outsider.login)],
      ] as const) {
        const reads = {
          project: `/api/projects/${w.project.key}`,
          'item list': `/api/projects/${w.project.key}/items`,
          'child list': `/api/projects/${w.project.key}/items?parent=${w.item.key}`,
          item: `/api/items/${w.item.key}`,
          'child item': `/api/items/${w.child.key}`,
          comments: `/api/items/${w.item.key}/comments`,
          worklogs: `/api/items/${w.item.key}/worklogs`,
          grants: `/api/projects/${w.project.key}/permissions`,
          'role members': `/api/projects/${w.project.key}/role-members`,
        };
        for (const [what, url] of Object.entries(reads)) assertHidden(await c.get(url), w, `${who} GET ${what}`);
      }
    });

    test('PRJ-4: writes into the hidden project answer 404 and write nothing — items, comments, work logs, and PATCH/DELETE of own old work logs', async () => {
      const w = await secretWorld();
      const audits = await auditCount(t.db);
      const itemBefore = await t.db
        .selectFrom('work_items')
        .selectAll()
        .where('id', '=', w.item.id)
        .executeTakeFirstOrThrow();
      const logBefore = await t.db
        .selectFrom('worklogs')
        .selectAll()
        .where('id', '=', w.hiddenLog.id)
        .executeTakeFirstOrThrow();
      const writes = {
        'PATCH project': await w.c.patch(`/api/projects/${w.project.key}`, { version: 1, name: 'x' }),
        'POST item': await w.c.post(`/api/projects/${w.project.key}/items`, { title: 'x' }),
        'POST child item': await w.c.post(`/api/projects/${w.project.key}/items`, {
          title: 'x',
          parentKey: w.item.key,
        }),
        'PATCH item': await w.c.patch(`/api/items/${w.item.key}`, { version: 1, title: 'x' }),
        'POST comment': await w.c.post(`/api/items/${w.item.key}/comments`, { body: 'x' }),
        'POST worklog': await w.c.post('/api/worklogs', {
          itemKey: w.item.key,
          startDate: '2024-03-06',
          durationSeconds: 60,
        }),
        'PATCH worklog': await w.c.patch(`/api/worklogs/${w.hiddenLog.id}`, { version: 1, durationSeconds: 60 }),
        'DELETE worklog': await w.c.delete(`/api/worklogs/${w.hiddenLog.id}?version=1`),
        'POST grant': await w.c.post(`/api/projects/${w.project.key}/permissions`, {
          permission: 'BROWSE_PROJECT',
          userId: w.former.id,
        }),
      };
      for (const [what, res] of Object.entries(writes)) assertHidden(res, w, what);
      assert.deepEqual(
        await t.db.selectFrom('work_items').selectAll().where('id', '=', w.item.id).executeTakeFirstOrThrow(),
        itemBefore,
      );
      assert.deepEqual(
        await t.db.selectFrom('worklogs').selectAll().where('id', '=', w.hiddenLog.id).executeTakeFirstOrThrow(),
        logBefore,
      );
      assert.equal(
        (await t.db.selectFrom('work_items').select('id').where('project_id', '=', w.project.id).execute()).length,
        2,
      );
      assert.equal(
        (await t.db.selectFrom('item_comments').select('id').where('item_id', '=', w.item.id).execute()).length,
        1,
      );
      assert.equal(await auditCount(t.db), audits);
    });

    test('PRJ-4: a hidden project answers exactly like one that does not exist', async () => {
      const w = await secretWorld();
      const pairs: Array<[string, string]> = [
        [`/api/projects/${w.project.key}`, '/api/projects/ZZNOSUCH9'],
        [`/api/items/${w.item.key}`, '/api/items/ZZNOSUCH9-1'],
        [`/api/items/${w.item.key}/worklogs`, '/api/items/ZZNOSUCH9-1/worklogs'],
        [
          `/api/projects/${w.visible.key}/items?parent=${w.item.key}`,
          `/api/projects/${w.visible.key}/items?parent=ZZNOSUCH9-1`,
        ],
      ];
      for (const [hidden, missing] of pairs) {
        const a = await w.c.get(hidden);
        const b = await w.c.get(missing);
        assert.equal(a.statusCode, b.statusCode, `${hidden} vs ${missing}`);
        assert.deepEqual(a.json(), b.json(), `${hidden} vs ${missing}`);
      }
      const onHidden = await w.c.patch(`/api/worklogs/${w.hiddenLog.id}`, { version: 1, durationSeconds: 60 });
      const onMissing = await w.c.patch('/api/worklogs/2000000000', { version: 1, durationSeconds: 60 });
      assert.deepEqual([onHidden.statusCode, onHidden.json()], [onMissing.statusCode, onMissing.json()]);
      const parentHidden = await w.c.post(`/api/projects/${w.visible.key}/items`, {
        title: 'x',
        parentKey: w.item.key,
      });
      const parentMissing = await w.c.post(`/api/projects/${w.visible.key}/items`, {
        title: 'x',
        parentKey: 'ZZNOSUCH9-1',
      });
      assert.deepEqual(
        [parentHidden.statusCode, parentHidden.json()],
        [parentMissing.statusCode, parentMissing.json()],
      );
    });

    test('PRJ-4: own old work logs on the hidden project vanish from /api/me/worklogs, from the items and from totalSeconds', async () => {
      const w = await secretWorld();
      for (const url of [
        '/api/me/worklogs',
        '/api/me/worklogs?from=2024-03-01&to=2024-03-31',
        '/api/me/worklogs?limit=1',
      ]) {
        const res = await w.c.get(url);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(
          res.json().items.map((l: { id: number }) => l.id),
          [w.visibleLog.id],
          url,
        );
        assert.equal(res.json().totalSeconds, 900, url);
        assert.ok(!res.body.includes(w.project.key) && !res.body.includes(w.secretTitle), `${url} leaks: ${res.body}`);
      }
      // The work log itself is kept (ID-1: data stays); access restored, it is back.
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: w.former.id });
      const back = await w.c.get('/api/me/worklogs');
      assert.deepEqual(
        back
          .json()
          .items.map((l: { id: number }) => l.id)
          .sort(),
        [w.hiddenLog.id, w.visibleLog.id].sort(),
      );
      assert.equal(back.json().totalSeconds, 4500);
    });

    test('PRJ-4: leaving the group that carried the permission hides the project and its items again', async () => {
      const user = await createUser(t.db);
      const project = await createProject(t.db);
      const item = await createItem(t.db, { projectId: project.id });
      const group = await t.db
        .insertInto('groups')
        .values({ name: unique('team') })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('group_members').values({ group_id: group.id, user_id: user.id }).execute();
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { groupId: group.id });
      const c = await signedIn(t.app, user.login);
      assert.equal((await c.get(`/api/items/${item.key}`)).statusCode, 200);
      await t.db.deleteFrom('group_members').where('group_id', '=', group.id).where('user_id', '=', user.id).execute();
      assert.equal((await c.get(`/api/items/${item.key}`)).statusCode, 404);
      assert.equal((await c.get(`/api/projects?q=${project.key}`)).json().items.length, 0);
    });
  });
