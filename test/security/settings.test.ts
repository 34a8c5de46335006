// Guards ITEM-1, ITEM-3, ITEM-4, ITEM-5 and ITEM-10: who a setting lets view and edit an item (deny beats allow, edit
// needs view), the lockout confirmation, who may change settings, batches checked per item and all-or-nothing, and
// that the very next request after a change obeys it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createGroup,
  createProject,
  createUser,
  DIALECTS,
  grant,
  roleId,
  createTestApp,
  type TestApp,
} from '../helpers/harness.js';
import {
  as,
  editor,
  entry,
  logWork,
  projectWorld,
  secure,
  securityState,
  systemAdmin,
  viewer,
  visible,
  type Entry,
} from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`item security: entries, deny over allow, lockout, who may change, batches (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const version = async (key: string) =>
      (await t.db.selectFrom('work_items').select('version').where('key', '=', key).executeTakeFirstOrThrow()).version;
    const patch = async (c: Awaited<ReturnType<typeof as>>, key: string) =>
      c.patch(`/api/items/${key}`, { version: await version(key), title: 'edited' });

    /** Ways an entry can name a member: the user, a group of theirs, a project role they hold in the project. */
    const subjects = {
      user: async (_projectId: number, userId: number) => ({
        kind: 'user' as const,
        subjectId: userId,
        name: (await t.db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirstOrThrow())
          .display_name,
      }),
      group: async (_projectId: number, userId: number) => {
        const group = await createGroup(t.db, [userId]);
        return { kind: 'group' as const, subjectId: group.id, name: group.name };
      },
      role: async (projectId: number, userId: number) => {
        const developers = await roleId(t.db, 'Developers');
        await t.db
          .insertInto('project_role_members')
          .values({ project_id: projectId, role_id: developers, user_id: userId })
          .execute();
        return { kind: 'role' as const, subjectId: developers, name: 'Developers' };
      },
    };

    for (const [kind, make] of Object.entries(subjects)) {
      test(`ITEM-1/ITEM-3: an entry for a ${kind} — view+edit allow lets its user edit, view allow alone only view, unset or deny nothing; other members are shut out`, async () => {
        const w = await projectWorld(t.db);
        const user = await w.member();
        const other = await w.member();
        const item = await w.item();
        const subject = await make(w.project.id, user.id);
        const ac = await as(t.app, w.admin.login);
        const uc = await as(t.app, user.login);
        const oc = await as(t.app, other.login);
        const keepAdmin = editor('user', w.admin.id);

        // Both allowed: view and edit.
        let saved = await secure(ac, item.key, [keepAdmin, entry(subject.kind, subject.subjectId, 'allow', 'allow')]);
        assert.equal(saved.mode, 'own');
        assert.deepEqual(
          saved.entries.map((e) => ({ kind: e.kind, subject: e.subject, view: e.view, edit: e.edit })),
          [
            { kind: 'user', subject: { id: w.admin.id, name: `User ${w.admin.login}` }, view: 'allow', edit: 'allow' },
            {
              kind: subject.kind,
              subject: { id: subject.subjectId, name: subject.name },
              view: 'allow',
              edit: 'allow',
            },
          ],
        );
        assert.equal((await uc.get(`/api/items/${item.key}`)).json().abilities.canEdit, true);
        assert.equal((await patch(uc, item.key)).statusCode, 200);
        assert.equal(
          await visible(oc, `/api/items/${item.key}`),
          false,
          'a member matching no allow is denied (ITEM-3)',
        );

        // View allowed, edit unset: view only.
        saved = await secure(ac, item.key, [keepAdmin, entry(subject.kind, subject.subjectId, 'allow', 'unset')], {
          version: saved.version!,
        });
        const read = await uc.get(`/api/items/${item.key}`);
        assert.equal(read.statusCode, 200, read.body);
        assert.equal(read.json().abilities.canEdit, false);
        const refused = await patch(uc, item.key);
        assert.equal(refused.statusCode, 403, refused.body);
        assert.equal(refused.json().code, 'no_edit_allow');

        // Unset and deny: the item is gone for them.
        saved = await secure(ac, item.key, [keepAdmin, entry(subject.kind, subject.subjectId, 'unset', 'unset')], {
          version: saved.version!,
        });
        assert.equal(await visible(uc, `/api/items/${item.key}`), false);
        await secure(ac, item.key, [keepAdmin, entry(subject.kind, subject.subjectId, 'deny', 'deny')], {
          version: saved.version!,
        });
        assert.equal(await visible(uc, `/api/items/${item.key}`), false);
        assert.equal((await patch(uc, item.key)).statusCode, 404);
      });
    }

    test('ITEM-3: deny beats allow for the same user — user deny + group allow, and group deny + user allow, are both denied', async () => {
      const w = await projectWorld(t.db);
      const a = await w.member();
      const b = await w.member();
      const group = await createGroup(t.db, [a.id, b.id]);
      const itemA = await w.item();
      const itemB = await w.item();
      const ac = await as(t.app, w.admin.login);
      await secure(ac, itemA.key, [
        editor('user', w.admin.id),
        editor('group', group.id),
        entry('user', a.id, 'deny', 'deny'),
      ]);
      const denyGroup = await createGroup(t.db, [b.id]);
      await secure(ac, itemB.key, [
        editor('user', w.admin.id),
        editor('user', b.id),
        entry('group', denyGroup.id, 'deny'),
      ]);

      const ca = await as(t.app, a.login);
      const cb = await as(t.app, b.login);
      assert.equal(await visible(ca, `/api/items/${itemA.key}`), false, 'user deny beats group allow');
      assert.equal(await visible(cb, `/api/items/${itemA.key}`), true, 'the rest of the group keeps its allow');
      assert.equal(await visible(cb, `/api/items/${itemB.key}`), false, 'group deny beats user allow');
      // The list agrees with the single check.
      const listed = (await ca.get(`/api/projects/${w.project.key}/items`))
        .json()
        .items.map((i: { key: string }) => i.key);
      assert.deepEqual(listed, [], 'neither item is listed for the user matching only denials or nothing');
    });

    test('ITEM-3: edit needs view — edit allowed without a view allow gives neither; edit denied by a group keeps view only', async () => {
      const w = await projectWorld(t.db);
      const user = await w.member();
      const item = await w.item();
      const ac = await as(t.app, w.admin.login);
      const uc = await as(t.app, user.login);
      const saved = await secure(ac, item.key, [editor('user', w.admin.id), entry('user', user.id, 'unset', 'allow')]);
      assert.equal(await visible(uc, `/api/items/${item.key}`), false);
      assert.equal((await patch(uc, item.key)).statusCode, 404);
      const log = await uc.post('/api/worklogs', { itemKey: item.key, startDate: '2024-03-04', durationSeconds: 60 });
      assert.equal(log.statusCode, 404, log.body);

      const noEditGroup = await createGroup(t.db, [user.id]);
      await secure(
        ac,
        item.key,
        [editor('user', w.admin.id), editor('user', user.id), entry('group', noEditGroup.id, 'unset', 'deny')],
        { version: saved.version! },
      );
      const read = await uc.get(`/api/items/${item.key}`);
      assert.equal(read.statusCode, 200, read.body);
      assert.equal(read.json().abilities.canEdit, false);
      const refused = await patch(uc, item.key);
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().code, 'edit_denied');
    });

    test('ITEM-3: item security never grants what project permissions do not — an allow for a user without BROWSE_PROJECT opens nothing', async () => {
      const w = await projectWorld(t.db);
      const stranger = await createUser(t.db);
      const item = await w.item();
      await secure(await as(t.app, w.admin.login), item.key, [editor('user', w.admin.id), editor('user', stranger.id)]);
      assert.equal(await visible(await as(t.app, stranger.login), `/api/items/${item.key}`), false);
    });

    for (const [label, entries] of [
      ['no entries at all', () => []],
      ['only denials', (ids: number[]) => [entry('user', ids[0], 'deny', 'deny')]],
      [
        'edit allowed but no view allowed',
        (ids: number[]) => [entry('user', ids[0], 'unset', 'allow'), entry('user', ids[1], 'unset', 'unset')],
      ],
    ] as Array<[string, (ids: number[]) => Entry[]]>) {
      test(`ITEM-4: a setting with ${label} is refused with 422 lockout_warning unless confirmLockout is sent; nothing is written`, async () => {
        const w = await projectWorld(t.db);
        const user = await w.member();
        const item = await w.item();
        const ac = await as(t.app, w.admin.login);
        const before = await securityState(t.db);
        const res = await ac.put(`/api/items/${item.key}/security`, { entries: entries([w.admin.id, user.id]) });
        assert.equal(res.statusCode, 422, res.body);
        assert.equal(res.json().code, 'lockout_warning');
        assert.deepEqual(await securityState(t.db), before);
        assert.equal(await visible(await as(t.app, user.login), `/api/items/${item.key}`), true);
      });
    }

    test('ITEM-4: a confirmed setting without any allow leaves the item (and its children) to system administrators only', async () => {
      const w = await projectWorld(t.db);
      const user = await w.member();
      const item = await w.item();
      const child = await w.item(item.id);
      const root = await systemAdmin(t.db);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: root.id });
      const ac = await as(t.app, w.admin.login);
      // The save answers 200 with the saved setting, although it just shut out the administrator who made it.
      const saved = await secure(ac, item.key, [entry('user', user.id, 'deny', 'deny')], { confirmLockout: true });
      assert.equal(saved.mode, 'own');
      assert.deepEqual(
        saved.warnings.map((x) => x.code),
        ['lockout'],
      );

      for (const login of [w.admin.login, user.login]) {
        const c = await as(t.app, login);
        for (const key of [item.key, child.key])
          assert.equal(await visible(c, `/api/items/${key}`), false, `${login} still reaches ${key}`);
      }
      // The project administrator locked themselves out of the setting too: only a system administrator can undo it.
      assert.equal((await ac.get(`/api/items/${item.key}/security`)).statusCode, 404);
      const rc = await as(t.app, root.login);
      assert.equal(await visible(rc, `/api/items/${child.key}`), true);
      const read = await rc.get(`/api/items/${item.key}/security`);
      assert.equal(read.statusCode, 200, read.body);
      assert.deepEqual(
        read.json().warnings.map((x: { code: string }) => x.code),
        ['lockout'],
      );
      assert.equal((await rc.delete(`/api/items/${item.key}/security`)).statusCode, 200);
      assert.equal(await visible(ac, `/api/items/${item.key}`), true);
    });

    test('ITEM-5: members without ADMINISTER_PROJECT get 403 on every security endpoint, outsiders 404; nothing is written', async () => {
      const w = await projectWorld(t.db);
      const user = await w.member();
      const outsider = await createUser(t.db);
      const item = await w.item();
      await secure(await as(t.app, w.admin.login), item.key, [
        editor('user', w.admin.id),
        editor('user', user.id),
        editor('user', outsider.id),
      ]);
      const before = await securityState(t.db);
      const body = { entries: [editor('user', user.id)] };
      for (const [login, status] of [
        [user.login, 403],
        [outsider.login, 404],
      ] as const) {
        const c = await as(t.app, login);
        const answers = [
          await c.get(`/api/items/${item.key}/security`),
          await c.put(`/api/items/${item.key}/security`, { ...body, version: 1 }),
          await c.post(`/api/items/${item.key}/security/preview`, body),
          await c.delete(`/api/items/${item.key}/security`),
          await c.post('/api/security/batch', { items: [{ itemKey: item.key, version: 1, ...body }] }),
        ];
        for (const res of answers) assert.equal(res.statusCode, status, `${login}: ${res.body}`);
        if (status === 403) assert.ok(answers.every((r) => r.json().code === 'missing_permission'));
      }
      assert.deepEqual(await securityState(t.db), before);
      assert.equal(
        (await (await as(t.app, user.login)).get(`/api/items/${item.key}`)).json().abilities.canChangeSecurity,
        false,
      );
      assert.equal(
        (await (await as(t.app, w.admin.login)).get(`/api/items/${item.key}`)).json().abilities.canChangeSecurity,
        true,
      );
    });

    test('ITEM-5: a project administrator through the Administrators project role held via a group changes security', async () => {
      const project = await createProject(t.db);
      const admin = await createUser(t.db);
      const admins = await createGroup(t.db, [admin.id]);
      const role = await roleId(t.db, 'Administrators');
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { roleId: role });
      await t.db
        .insertInto('project_role_members')
        .values({ project_id: project.id, role_id: role, group_id: admins.id })
        .execute();
      const { key } = await (
        await as(t.app, admin.login)
      )
        .post(`/api/projects/${project.key}/items`, { title: 'Secret' })
        .then((r) => r.json());
      const saved = await secure(await as(t.app, admin.login), key, [editor('group', admins.id)]);
      assert.equal(saved.mode, 'own');
    });

    test('ITEM-5: system administrators are never restricted by item security, even by an entry denying them by name', async () => {
      const w = await projectWorld(t.db);
      const root = await systemAdmin(t.db);
      await grant(t.db, w.project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: root.id });
      const item = await w.item();
      const child = await w.item(item.id);
      await secure(await as(t.app, w.admin.login), item.key, [
        editor('user', w.admin.id),
        entry('user', root.id, 'deny', 'deny'),
      ]);
      const rc = await as(t.app, root.login);
      const read = await rc.get(`/api/items/${child.key}`);
      assert.equal(read.statusCode, 200, read.body);
      assert.equal(read.json().abilities.canEdit, true);
      assert.equal((await patch(rc, item.key)).statusCode, 200);
      const log = await rc.post('/api/worklogs', { itemKey: child.key, startDate: '2024-03-04', durationSeconds: 60 });
      assert.equal(log.statusCode, 201, log.body);
      assert.equal((await rc.get(`/api/projects/${w.project.key}/items`)).json().items.length, 1);
    });

    test("ITEM-10: a batch sets each item's own setting when the caller administers them all", async () => {
      const w = await projectWorld(t.db);
      const user = await w.member();
      const [a, b] = [await w.item(), await w.item()];
      const ac = await as(t.app, w.admin.login);
      const res = await ac.post('/api/security/batch', {
        items: [
          { itemKey: a.key, entries: [editor('user', w.admin.id), viewer('user', user.id)] },
          { itemKey: b.key, entries: [editor('user', w.admin.id)] },
        ],
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res.json().items.map((i: { itemKey: string; mode: string }) => [i.itemKey, i.mode]),
        [
          [a.key, 'own'],
          [b.key, 'own'],
        ],
      );
      const uc = await as(t.app, user.login);
      assert.equal(await visible(uc, `/api/items/${a.key}`), true);
      assert.equal(await visible(uc, `/api/items/${b.key}`), false);
    });

    test('ITEM-10: a batch with one item the caller may not administer is refused whole and writes nothing', async () => {
      const mine = await projectWorld(t.db);
      const theirs = await projectWorld(t.db);
      const mineItem = await mine.item();
      const theirsItem = await theirs.item();
      const hiddenItem = await (await projectWorld(t.db)).item();
      await t.db.insertInto('group_members').values({ group_id: theirs.members.id, user_id: mine.admin.id }).execute();
      const ac = await as(t.app, mine.admin.login);
      const entries = [editor('user', mine.admin.id)];
      const before = await securityState(t.db);
      const forbidden = await ac.post('/api/security/batch', {
        items: [
          { itemKey: mineItem.key, entries },
          { itemKey: theirsItem.key, entries },
        ],
      });
      assert.equal(forbidden.statusCode, 403, forbidden.body);
      assert.equal(forbidden.json().code, 'missing_permission');
      const hidden = await ac.post('/api/security/batch', {
        items: [
          { itemKey: mineItem.key, entries },
          { itemKey: hiddenItem.key, entries },
        ],
      });
      assert.equal(hidden.statusCode, 404, hidden.body);
      assert.deepEqual(await securityState(t.db), before);
    });

    test('ITEM-10/ITEM-4: a batch whose second item would lock everyone out fails with 422 naming it, and the first is not saved', async () => {
      const w = await projectWorld(t.db);
      const [a, b] = [await w.item(), await w.item()];
      const ac = await as(t.app, w.admin.login);
      const before = await securityState(t.db);
      const res = await ac.post('/api/security/batch', {
        items: [
          { itemKey: a.key, entries: [editor('user', w.admin.id)] },
          { itemKey: b.key, entries: [] },
        ],
      });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().code, 'lockout_warning');
      assert.equal(res.json().field, 'items.1.entries');
      assert.deepEqual(await securityState(t.db), before);
    });

    test('ITEM-10/ITEM-4: a batch with a confirmed lockout is saved and answered, though it shuts out the administrator who sent it', async () => {
      const w = await projectWorld(t.db);
      const [a, b] = [await w.item(), await w.item()];
      const ac = await as(t.app, w.admin.login);
      const res = await ac.post('/api/security/batch', {
        items: [
          { itemKey: a.key, entries: [editor('user', w.admin.id)] },
          { itemKey: b.key, entries: [], confirmLockout: true },
        ],
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res
          .json()
          .items.map((i: { itemKey: string; warnings: Array<{ code: string }> }) => [
            i.itemKey,
            i.warnings.map((x) => x.code),
          ]),
        [
          [a.key, []],
          [b.key, ['lockout']],
        ],
      );
      assert.equal(await visible(ac, `/api/items/${b.key}`), false);
    });

    test('ITEM-3: the very next request after a change obeys it — no stale grant after revoking an entry or a group membership', async () => {
      const w = await projectWorld(t.db);
      const user = await w.member();
      const team = await createGroup(t.db, [user.id]);
      const item = await w.item();
      await logWork(t.db, item, user.id);
      const ac = await as(t.app, w.admin.login);
      const uc = await as(t.app, user.login);
      const saved = await secure(ac, item.key, [editor('user', w.admin.id), editor('group', team.id)]);
      assert.equal(await visible(uc, `/api/items/${item.key}`), true);

      await t.db.deleteFrom('group_members').where('group_id', '=', team.id).where('user_id', '=', user.id).execute();
      assert.equal(
        await visible(uc, `/api/items/${item.key}`),
        false,
        'membership revoked: the same session no longer sees the item',
      );
      assert.equal((await uc.get('/api/me/worklogs')).json().totalSeconds, 0);

      await t.db.insertInto('group_members').values({ group_id: team.id, user_id: user.id }).execute();
      assert.equal(await visible(uc, `/api/items/${item.key}`), true);
      await secure(
        ac,
        item.key,
        [editor('user', w.admin.id), editor('group', team.id), entry('user', user.id, 'deny')],
        { version: saved.version! },
      );
      assert.equal(await visible(uc, `/api/items/${item.key}`), false, 'entry revoked: the next request is refused');
      assert.equal((await uc.get(`/api/projects/${w.project.key}/items`)).json().items.length, 0);
    });
  });
