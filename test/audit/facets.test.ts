// Guards the audit log viewer's API (EXPL-4, PRICE-7, API-3, API-5): the facets name every audited action and entity
// type in plain words; the search pages by cursor in SQL — hidden rows never shorten a page or show in a cursor —,
// filters by project key and whole days, names the project and item of a row for links, and lists the money fields
// it hid from a reader without a money role, never their values.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_ACTIONS } from '../../src/modules/audit/repo.js';
import { ACTION_LABELS } from '../../src/modules/audit/labels.js';
import {
  createGroup,
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
import { createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';
import { allPages, assertDisjointAndComplete, createAppAdmin } from '../projects/fixtures.js';

interface Row {
  id: number;
  action: string;
  entityType: string;
  entityId: string;
  project: { key: string; name: string } | null;
  item: { key: string; title: string; inTrash: boolean } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  hiddenFields: string[];
}

for (const dialect of DIALECTS)
  describe(`audit log viewer API (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('EXPL-4: the facets list every audited action with its entity type and a label, and every entity type once; only audit readers get them', async () => {
      const admin = await signedIn(t.app, (await createAppAdmin(t.db)).login);
      const res = await admin.get('/api/audit/facets');
      assert.equal(res.statusCode, 200, res.body);
      const facets = res.json() as {
        actions: Array<{ action: string; entityType: string; label: string }>;
        entityTypes: Array<{ entityType: string; label: string }>;
        reader: { seesMoney: boolean; teamsArea: boolean };
      };
      assert.deepEqual(
        facets.actions.map((a) => [a.action, a.entityType]),
        Object.entries(AUDIT_ACTIONS),
      );
      const unlabelled = Object.keys(AUDIT_ACTIONS).filter((a) => !(a in ACTION_LABELS));
      assert.deepEqual(unlabelled, [], 'every audited action needs a label in src/modules/audit/labels.ts');
      assert.equal(facets.actions.find((a) => a.action === 'item.update')?.label, 'Changed a work item');
      const types = facets.entityTypes.map((e) => e.entityType);
      assert.deepEqual(types, [...new Set(Object.values(AUDIT_ACTIONS))]);
      assert.equal(facets.entityTypes.find((e) => e.entityType === 'work_item')?.label, 'Work item');
      assert.deepEqual(facets.reader, { seesMoney: true, teamsArea: true });

      const sysAdmin = await signedIn(t.app, (await createUser(t.db, { systemAdmin: true })).login);
      const own = (await sysAdmin.get('/api/audit/facets')).json();
      // Every user holds timesheet_viewer and scheduler_viewer through the group users (APP-1), which open Teams.
      assert.deepEqual(own.reader, { seesMoney: false, teamsArea: true });
      assert.deepEqual(own.actions, facets.actions);

      const plain = await signedIn(t.app, (await createUser(t.db)).login);
      assert.equal((await plain.get('/api/audit/facets')).statusCode, 403);
      assert.equal((await plain.get('/api/audit')).statusCode, 403);
    });

    test('EXPL-4/API-3: pages are cut in SQL after the hidden rows are left out — full pages, disjoint and complete, no trace of a hidden row in a cursor', async () => {
      const worker = await createUser(t.db);
      const [seen, hidden] = [await createProject(t.db), await createProject(t.db)];
      for (const p of [seen, hidden]) await grant(t.db, p.id, ['BROWSE_PROJECT', 'EDIT_ISSUES'], { userId: worker.id });
      const wc = await signedIn(t.app, worker.login);
      // Changes alternate between the two projects, so hidden rows sit between every two visible ones.
      for (let n = 0; n < 7; n++) {
        for (const p of [seen, hidden]) {
          const res = await wc.post(`/api/projects/${p.key}/items`, { title: `Item ${n} of ${p.key}` });
          assert.equal(res.statusCode, 201, res.body);
        }
      }
      const reader = await createAppAdmin(t.db);
      await grant(t.db, seen.id, 'BROWSE_PROJECT', { userId: reader.id });
      const rc = await signedIn(t.app, reader.login);
      const expected = (
        await t.db
          .selectFrom('audit_log')
          .select('id')
          .where('actor_id', '=', worker.id)
          .where('project_id', '=', seen.id)
          .orderBy('id', 'desc')
          .execute()
      ).map((r) => Number(r.id));
      assert.equal(expected.length, 7);
      for (const limit of [1, 2, 3, 7, 50]) {
        const pages = await allPages<Row>(rc, `/api/audit?actorId=${worker.id}`, limit);
        assertDisjointAndComplete(pages, expected);
        pages.slice(0, -1).forEach((p) => assert.equal(p.length, limit, 'a page before the last is full'));
        assert.ok(pages.flat().every((r) => r.project?.key === seen.key));
      }
      // The cursor carries the last shown row's id and nothing else.
      const first = (await rc.get(`/api/audit?actorId=${worker.id}&limit=2`)).json();
      assert.deepEqual(JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString()), [expected[1]]);
      // The hidden project by key is as empty as a project that does not exist.
      for (const key of [hidden.key, 'NOSUCH9']) {
        const res = await rc.get(`/api/audit?projectKey=${key}`);
        assert.deepEqual([res.statusCode, res.json()], [200, { items: [], nextCursor: null }]);
      }
      const byKey = (await rc.get(`/api/audit?projectKey=${seen.key}&limit=200`)).json().items as Row[];
      assert.deepEqual(
        byKey.filter((r) => r.action === 'item.create').map((r) => r.id),
        expected,
      );
    });

    test('EXPL-4: a row names its project and work item for links, and whether the item is in the trash', async () => {
      const admin = await createAppAdmin(t.db);
      const project = await createProject(t.db, { name: 'Linked' });
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'ADMINISTER_PROJECT'], { userId: admin.id });
      const ac = await signedIn(t.app, admin.login);
      const item = (await ac.post(`/api/projects/${project.key}/items`, { title: 'Linked item' })).json();
      assert.equal((await ac.patch(`/api/items/${item.key}`, { version: 1, status: 'done' })).statusCode, 200);
      const rows = (await ac.get(`/api/audit?entityType=work_item&entityId=${item.id}`)).json().items as Row[];
      assert.deepEqual(
        rows.map((r) => [r.action, r.project, r.item]),
        [
          [
            'item.update',
            { key: project.key, name: 'Linked' },
            { key: item.key, title: 'Linked item', inTrash: false },
          ],
          [
            'item.create',
            { key: project.key, name: 'Linked' },
            { key: item.key, title: 'Linked item', inTrash: false },
          ],
        ],
      );
      const settings = (await ac.get('/api/audit?entityType=app_settings&limit=1')).json().items as Row[];
      settings.forEach((r) => assert.deepEqual([r.project, r.item], [null, null]));
    });

    test('EXPL-4, PRICE-7: a reader without a money role gets the money fields named as hidden, never their values; a money reader gets the values', async () => {
      const worker = await createUser(t.db);
      const project = await createProject(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: worker.id });
      const item = await createItem(t.db, { projectId: project.id });
      const team = await createTeam(t.db, project.id, { members: [{ userId: worker.id }] });
      await createPriceList(t.db, team.id, { hourlyRate: '91.35' });
      const log = await (
        await signedIn(t.app, worker.login)
      ).post('/api/worklogs', { itemKey: item.key, startDate: '2024-08-01', durationSeconds: 600 });
      assert.equal(log.statusCode, 201, log.body);
      const url = `/api/audit?entityType=worklog&entityId=${log.json().id}`;
      const readerOf = async (options: { systemAdmin?: boolean; role?: 'billing_viewer' } = {}) => {
        const user = options.systemAdmin ? await createUser(t.db, { systemAdmin: true }) : await createAppAdmin(t.db);
        if (options.role) await grantAppRole(t.db, user.id, options.role);
        await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: user.id });
        return signedIn(t.app, user.login);
      };

      const [withMoney] = (await (await readerOf()).get(url)).json().items as Row[];
      assert.equal(withMoney.action, 'worklog.create');
      assert.deepEqual(withMoney.hiddenFields, []);
      assert.equal(withMoney.after?.rate, '91.35');

      const res = await (await readerOf({ systemAdmin: true })).get(url);
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(!res.body.includes('91.35'), res.body);
      const [masked] = res.json().items as Row[];
      assert.deepEqual(masked.hiddenFields, ['rate']);
      assert.equal(masked.after?.duration_seconds, 600);
      assert.ok(!('rate' in (masked.after ?? {})));

      // billing_viewer holds money (PRICE-7): a system administrator with it sees the rate.
      const [shown] = (await (await readerOf({ systemAdmin: true, role: 'billing_viewer' })).get(url)).json()
        .items as Row[];
      assert.deepEqual([shown.hiddenFields, shown.after?.rate], [[], '91.35']);
    });

    test('EXPL-4, TEAM-8: an audit reader denied ISSUE_TIME_TABS gets no row about teams or price lists, and no team links', async () => {
      const admin = await createAppAdmin(t.db);
      const ac = await signedIn(t.app, admin.login);
      const name = unique('Secret team ');
      const team = (await ac.post('/api/teams', { name })).json();
      const denied = await createAppAdmin(t.db);
      const group = await createGroup(t.db, [denied.id]);
      await t.db.insertInto('deny_grants').values({ permission: 'ISSUE_TIME_TABS', group_id: group.id }).execute();
      const dc = await signedIn(t.app, denied.login);
      const res = await dc.get('/api/audit?limit=200');
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(!res.body.includes(name), 'the team name shows nowhere');
      assert.deepEqual((await dc.get(`/api/audit?entityType=team&entityId=${team.id}`)).json().items, []);
      assert.equal((await dc.get('/api/audit/facets')).json().reader.teamsArea, false);
      assert.equal((await ac.get(`/api/audit?entityType=team&entityId=${team.id}`)).json().items.length, 1);
    });

    test('EXPL-4/API-5: an entity id without its type, and a range ending before it starts, get 400 naming the field; nothing else about the filters is refused', async () => {
      const admin = await signedIn(t.app, (await createAppAdmin(t.db)).login);
      for (const [query, field] of [
        ['entityId=12', 'entityId'],
        ['from=2024-05-02&to=2024-05-01', 'to'],
        ['projectKey=lower', 'projectKey'],
      ] as const) {
        const res = await admin.get(`/api/audit?${query}`);
        assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
        assert.match(res.json().field ?? '', new RegExp(`${field}$`), `${query}: ${res.body}`);
      }
      const sameDay = await admin.get('/api/audit?from=2024-05-01&to=2024-05-01&entityType=project&entityId=1');
      assert.equal(sameDay.statusCode, 200, sameDay.body);
    });

    test('EXPL-4: whole days are the installation’s calendar days (its time zone), not the server’s', async () => {
      const action = unique('test.zone.');
      const { time_zone: zone } = await t.db.selectFrom('app_settings').select('time_zone').executeTakeFirstOrThrow();
      await t.db.updateTable('app_settings').set({ time_zone: 'Pacific/Auckland' }).execute();
      try {
        // 2024-05-01 23:30 UTC is already 2 May in Auckland (UTC+12).
        await t.db
          .insertInto('audit_log')
          .values({ at: '2024-05-01T23:30:00Z', actor_id: null, action, entity_type: 'test', entity_id: '1' })
          .execute();
        const admin = await signedIn(t.app, (await createAppAdmin(t.db)).login);
        const count = async (range: string) =>
          (await admin.get(`/api/audit?action=${action}&${range}`)).json().items.length;
        assert.equal(await count('from=2024-05-02&to=2024-05-02'), 1);
        assert.equal(await count('from=2024-05-01&to=2024-05-01'), 0);
      } finally {
        await t.db.updateTable('app_settings').set({ time_zone: zone }).execute();
      }
    });
  });
