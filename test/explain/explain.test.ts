// Guards EXPL-1 and EXPL-2: an explanation lists the layers consulted in SPEC order and the rule that decided (with the
// item a setting was inherited from), never reveals a resource hidden from its reader, and "Check access" is for
// administrators; "who has access" lists exactly the users who can view an item or browse a project, with why, paged.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createGroup, createUser, DIALECTS, grant, createTestApp, type TestApp } from '../helpers/harness.js';
import { createTeam } from '../helpers/teams.js';
import { allPages, createAppAdmin } from '../projects/fixtures.js';
import {
  as,
  editor,
  leaveUsersGroup,
  projectWorld,
  secure,
  systemAdmin,
  viewer,
  type Client,
} from '../security/fixtures.js';

const ORDER = ['identity', 'project', 'item', 'deny', 'app', 'team', 'business'];
interface Reason {
  layer: string;
  outcome: 'allow' | 'deny';
  code: string;
  message: string;
  inheritedFrom?: string;
}
interface Explanation {
  allowed: boolean;
  hidden: boolean;
  deciding: Reason;
  layers: Reason[];
  user: { id: number };
  resource: { kind: string; key: string | null };
}

/** The layers come in SPEC §0 order, every one before the last allows, and the deciding rule is the last one. */
function assertWellFormed(e: Explanation) {
  const ranks = e.layers.map((l) => ORDER.indexOf(l.layer));
  assert.ok(
    ranks.every((r, i) => r >= 0 && (i === 0 || r >= ranks[i - 1])),
    `layers out of order: ${e.layers.map((l) => l.layer).join(' → ')}`,
  );
  assert.equal(e.layers[0].layer, 'identity');
  assert.ok(e.layers.slice(0, -1).every((l) => l.outcome === 'allow'));
  assert.deepEqual(e.deciding, e.layers[e.layers.length - 1]);
  assert.equal(e.allowed, e.deciding.outcome === 'allow');
}

for (const dialect of DIALECTS)
  describe(`explain and who has access (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await as(t.app, (await createAppAdmin(t.db)).login);
    });
    after(() => t.close());

    async function explain(c: Client, query: string) {
      const res = await c.get(`/api/explain?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      const e = res.json() as Explanation;
      assertWellFormed(e);
      return e;
    }

    /** A parent secured to the admin (editor) and `user` (viewer), with a child that inherits. */
    async function world() {
      const w = await projectWorld(t.db);
      const user = await w.member();
      const parent = await w.item(undefined, 'Parent');
      const child = await w.item(parent.id, 'Child');
      const ac = await as(t.app, w.admin.login);
      await secure(ac, parent.key, [editor('user', w.admin.id), viewer('user', user.id)]);
      return { ...w, user, parent, child, ac, uc: await as(t.app, user.login) };
    }

    test('EXPL-1: the explanation lists the layers in order and names the deciding rule and the item the setting was inherited from', async () => {
      const w = await world();
      const edit = await explain(w.uc, `action=item.edit&item=${w.child.key}`);
      assert.equal(edit.allowed, false);
      assert.equal(edit.hidden, false);
      assert.deepEqual(
        edit.layers.map((l) => [l.layer, l.outcome, l.code]),
        [
          ['identity', 'allow', 'active_user'],
          ['project', 'allow', 'permission_granted'],
          ['project', 'allow', 'permission_granted'],
          ['item', 'allow', 'view_allowed'],
          ['item', 'deny', 'no_edit_allow'],
        ],
      );
      assert.equal(edit.deciding.inheritedFrom, w.parent.key);
      assert.ok(
        edit.deciding.message.includes(w.parent.key) && edit.deciding.message.includes(w.child.key),
        edit.deciding.message,
      );
      assert.match(edit.layers[1].message, /BROWSE_PROJECT/);
      assert.ok(edit.layers[1].message.includes(`group '${w.members.name}'`), edit.layers[1].message);
      assert.deepEqual(edit.resource, { kind: 'item', key: w.child.key });
      assert.equal(edit.user.id, w.user.id);

      const own = await explain(w.uc, `action=item.view&item=${w.parent.key}`);
      assert.equal(own.allowed, true);
      assert.equal(own.deciding.code, 'view_allowed');
      assert.equal(own.deciding.inheritedFrom, undefined, 'an own setting is not inherited');
    });

    test('EXPL-1: a missing project permission, an unsecured item and a closed area are each named', async () => {
      const w = await world();
      const browser = await createUser(t.db);
      await leaveUsersGroup(t.db, browser.id);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: browser.id });
      const free = await w.item(undefined, 'Unsecured');
      const bc = await as(t.app, browser.login);
      const log = await explain(bc, `action=worklog.create&item=${free.key}`);
      assert.deepEqual([log.deciding.layer, log.deciding.code], ['project', 'missing_permission']);
      assert.match(log.deciding.message, /WORK_ON_ISSUES/);
      const view = await explain(bc, `action=item.view&item=${free.key}`);
      assert.equal(view.allowed, true);
      assert.deepEqual(
        view.layers.map((l) => l.code),
        ['active_user', 'permission_granted', 'unsecured'],
      );
      const area = await explain(bc, 'action=worklog.list');
      assert.deepEqual([area.allowed, area.deciding.layer, area.deciding.code], [false, 'app', 'area_closed']);
      assert.deepEqual(area.resource, { kind: 'global', key: null });
    });

    test('EXPL-1: about a resource hidden from oneself, the answer is 404 — the same as for one that does not exist', async () => {
      const w = await world();
      const outsider = await w.member();
      const oc = await as(t.app, outsider.login);
      const stranger = await as(t.app, (await createUser(t.db)).login);
      const pairs: Array<[Client, string, string]> = [
        [oc, `action=item.view&item=${w.parent.key}`, `action=item.view&item=${w.project.key}-999`],
        [oc, `action=worklog.view&item=${w.child.key}`, `action=worklog.view&item=${w.project.key}-998`],
        [stranger, `action=project.view&project=${w.project.key}`, 'action=project.view&project=NOSUCHPRJ'],
        [stranger, `action=item.view&item=${w.project.key}-1`, 'action=item.view&item=NOSUCHPRJ-1'],
      ];
      for (const [c, hidden, missing] of pairs) {
        const a = await c.get(`/api/explain?${hidden}`);
        const b = await c.get(`/api/explain?${missing}`);
        assert.equal(a.statusCode, 404, `${hidden}: ${a.body}`);
        assert.deepEqual(a.json(), b.json(), `${hidden} is told apart from a missing resource`);
      }
      const other = await oc.get(`/api/explain?action=item.view&item=${w.parent.key}&userId=${w.user.id}`);
      assert.equal(other.statusCode, 400, 'the self explanation takes no userId');
    });

    test('EXPL-1: "Check access" explains any user\'s decision on a resource the administrator can see — hidden from that user included — and answers 403 to others', async () => {
      const w = await world();
      const outsider = await w.member();
      // A system administrator who may browse the project: item security does not hide the secured child from them.
      const root = await systemAdmin(t.db);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: root.id });
      const rc = await as(t.app, root.login);
      const res = await rc.get(`/api/admin/check-access?action=item.view&item=${w.child.key}&userId=${outsider.id}`);
      assert.equal(res.statusCode, 200, res.body);
      const e = res.json() as Explanation;
      assertWellFormed(e);
      assert.deepEqual(
        [e.allowed, e.hidden, e.user.id, e.deciding.code, e.deciding.inheritedFrom],
        [false, true, outsider.id, 'no_view_allow', w.parent.key],
      );
      const byRoot = await rc.get(`/api/admin/check-access?action=item.edit&item=${w.child.key}&userId=${w.user.id}`);
      assert.equal(byRoot.statusCode, 200, byRoot.body);
      assert.equal(byRoot.json().deciding.code, 'no_edit_allow');

      for (const c of [w.uc, w.ac]) {
        const refused = await c.get(
          `/api/admin/check-access?action=item.view&item=${w.child.key}&userId=${outsider.id}`,
        );
        assert.equal(refused.statusCode, 403, refused.body);
        assert.equal(refused.json().code, 'area_closed');
      }
      assert.equal(
        (await rc.get(`/api/admin/check-access?action=item.view&item=${w.child.key}&userId=2000000`)).statusCode,
        404,
      );
      assert.equal(
        (await rc.get(`/api/admin/check-access?action=item.view&item=${w.project.key}-999&userId=${outsider.id}`))
          .statusCode,
        404,
      );
    });

    test('EXPL-1: administrators explain only resources they may see themselves — an item, project or team they cannot see answers the same 404 as a missing one', async () => {
      const w = await world();
      const rootNoBrowse = await as(t.app, (await systemAdmin(t.db)).login);
      // An app_admin who browses the project but matches no entry of the parent's setting: the child is hidden from them.
      const browsingAdmin = await createAppAdmin(t.db);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: browsingAdmin.id });
      const bc = await as(t.app, browsingAdmin.login);
      const unsecured = await w.item(undefined, 'Open');
      const projectTeam = await createTeam(t.db, w.project.id);
      const about = `&userId=${w.user.id}`;
      // [reader, hidden resource, a missing one of the same kind]
      const pairs: Array<[Client, string, string]> = [
        [admin, `action=item.view&item=${unsecured.key}`, `action=item.view&item=${w.project.key}-997`],
        [admin, `action=worklog.create&item=${unsecured.key}`, `action=worklog.create&item=${w.project.key}-997`],
        [admin, `action=project.view&project=${w.project.key}`, 'action=project.view&project=NOSUCHPRJ'],
        [admin, `action=team.view&team=${projectTeam.id}`, 'action=team.view&team=2000000'],
        [rootNoBrowse, `action=item.view&item=${w.child.key}`, `action=item.view&item=${w.project.key}-996`],
        [rootNoBrowse, `action=project.view&project=${w.project.key}`, 'action=project.view&project=NOSUCHPRJ'],
        [bc, `action=item.view&item=${w.child.key}`, `action=item.view&item=${w.project.key}-995`],
        [
          bc,
          `action=worklog.create&item=${w.child.key}&date=2026-03-02`,
          `action=worklog.create&item=${w.project.key}-995&date=2026-03-02`,
        ],
      ];
      for (const [c, hidden, missing] of pairs) {
        const a = await c.get(`/api/admin/check-access?${hidden}${about}`);
        const b = await c.get(`/api/admin/check-access?${missing}${about}`);
        assert.equal(a.statusCode, 404, `${hidden}: ${a.body}`);
        assert.deepEqual(a.json(), b.json(), `${hidden} is told apart from a missing resource`);
      }
      // What the reader can see, they may explain: the browsing app_admin on the unsecured item and the project.
      for (const query of [
        `action=item.view&item=${unsecured.key}`,
        `action=project.view&project=${w.project.key}`,
        `action=team.view&team=${projectTeam.id}`,
      ]) {
        const res = await bc.get(`/api/admin/check-access?${query}${about}`);
        assert.equal(res.statusCode, 200, `${query}: ${res.body}`);
      }
    });

    test('EXPL-1: an explanation agrees with the decision the API actually makes', async () => {
      const w = await world();
      const cases: Array<[string, () => Promise<number>]> = [
        [`action=item.view&item=${w.child.key}`, async () => (await w.uc.get(`/api/items/${w.child.key}`)).statusCode],
        [
          `action=item.edit&item=${w.child.key}`,
          async () => (await w.uc.patch(`/api/items/${w.child.key}`, { version: 1, title: 'x' })).statusCode,
        ],
        [
          `action=worklog.create&item=${w.child.key}`,
          async () =>
            (await w.uc.post('/api/worklogs', { itemKey: w.child.key, startDate: '2024-03-04', durationSeconds: 60 }))
              .statusCode,
        ],
        [
          `action=item.security&item=${w.child.key}`,
          async () => (await w.uc.get(`/api/items/${w.child.key}/security`)).statusCode,
        ],
      ];
      for (const [query, act] of cases) {
        const e = await explain(w.uc, query);
        const status = await act();
        assert.equal(e.allowed, status < 400, `${query}: explained ${e.allowed}, answered ${status}`);
      }
    });

    test('EXPL-2: who has access to an item lists exactly the users who can view it, with edit and log-work and why, paged', async () => {
      const w = await world();
      const editorUser = await w.member();
      const noWork = await createUser(t.db);
      await grant(t.db, w.project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES'], { userId: noWork.id });
      const gone = await w.member();
      await w.member(); // matches no entry: not listed
      const root = await systemAdmin(t.db);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: root.id });
      const viaGroup = await w.member();
      const readers = await createGroup(t.db, [viaGroup.id]);
      const saved = (await w.ac.get(`/api/items/${w.parent.key}/security`)).json();
      await secure(
        w.ac,
        w.parent.key,
        [
          editor('user', w.admin.id),
          viewer('user', w.user.id),
          editor('user', editorUser.id),
          editor('user', noWork.id),
          editor('user', gone.id),
          viewer('group', readers.id),
        ],
        { version: saved.version },
      );
      await t.db.updateTable('users').set({ active: false }).where('id', '=', gone.id).execute();

      const pages = await allPages<{
        user: { id: number; login: string };
        view: { allowed: boolean };
        edit: { allowed: boolean; why: string; layer: string };
        logWork: { allowed: boolean; why: string; layer: string };
      }>(w.ac, `/api/items/${w.child.key}/access`, 2);
      const rows = pages.flat();
      const expected = [w.admin, w.user, editorUser, noWork, root, viaGroup].sort((a, b) =>
        a.login.localeCompare(b.login),
      );
      assert.deepEqual(
        rows.map((r) => r.user.id),
        expected.map((u) => u.id),
        'exactly the viewers, in login order, each once',
      );
      const byId = new Map(rows.map((r) => [r.user.id, r]));
      const abilities = (id: number) => {
        const r = byId.get(id)!;
        return [r.view.allowed, r.edit.allowed, r.logWork.allowed];
      };
      assert.deepEqual(abilities(w.admin.id), [true, true, true]);
      assert.deepEqual(abilities(w.user.id), [true, false, false]);
      assert.deepEqual(abilities(editorUser.id), [true, true, true]);
      assert.deepEqual(abilities(noWork.id), [true, true, false]);
      assert.deepEqual(abilities(root.id), [true, false, false]);
      assert.deepEqual(abilities(viaGroup.id), [true, false, false]);
      assert.equal(byId.get(w.user.id)!.edit.layer, 'item');
      assert.ok(byId.get(w.user.id)!.edit.why.includes(w.parent.key), 'the why names the item the setting comes from');
      assert.equal(byId.get(noWork.id)!.logWork.layer, 'project');
      assert.match(byId.get(noWork.id)!.logWork.why, /WORK_ON_ISSUES/);
      assert.match(byId.get(root.id)!.edit.why, /EDIT_ISSUES/);
      assert.ok(byId.get(viaGroup.id)!.view.allowed);

      assert.equal((await w.uc.get(`/api/items/${w.child.key}/access`)).statusCode, 403);
      const outsider = await as(t.app, (await createUser(t.db)).login);
      assert.equal((await outsider.get(`/api/items/${w.child.key}/access`)).statusCode, 404);
    });

    test('EXPL-2: who has access to a project lists every user who can browse it, each permission and how it reaches them, paged', async () => {
      const w = await projectWorld(t.db);
      const member = await w.member();
      const direct = await createUser(t.db);
      await grant(t.db, w.project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: direct.id });
      const inactive = await w.member();
      await t.db.updateTable('users').set({ active: false }).where('id', '=', inactive.id).execute();
      await createUser(t.db); // no grant: not listed
      const ac = await as(t.app, w.admin.login);
      const pages = await allPages<{
        user: { id: number };
        permissions: Array<{ permission: string; allowed: boolean; why: string[] }>;
      }>(ac, `/api/projects/${w.project.key}/access`, 1);
      const rows = pages.flat();
      assert.deepEqual(
        rows.map((r) => r.user.id).sort((a, b) => a - b),
        [w.admin.id, member.id, direct.id].sort((a, b) => a - b),
      );
      const perms = (id: number) =>
        Object.fromEntries(rows.find((r) => r.user.id === id)!.permissions.map((p) => [p.permission, p]));
      assert.deepEqual(
        Object.values(perms(member.id)).map((p) => [p.permission, p.allowed]),
        [
          ['BROWSE_PROJECT', true],
          ['EDIT_ISSUES', true],
          ['WORK_ON_ISSUES', true],
          ['ADMINISTER_PROJECT', false],
        ],
      );
      assert.ok(perms(member.id).EDIT_ISSUES.why.some((why: string) => why.includes(`group '${w.members.name}'`)));
      assert.deepEqual(
        Object.values(perms(direct.id)).map((p) => p.allowed),
        [true, false, true, false],
      );
      assert.ok(perms(direct.id).WORK_ON_ISSUES.why.some((why: string) => /granted to the user/.test(why)));
      assert.ok(
        Object.values(perms(w.admin.id)).every((p) => p.allowed),
        'ADMINISTER_PROJECT implies the rest',
      );
      assert.match(perms(w.admin.id).BROWSE_PROJECT.why[0], /ADMINISTER_PROJECT/);

      assert.equal(
        (await (await as(t.app, member.login)).get(`/api/projects/${w.project.key}/access`)).statusCode,
        403,
      );
      assert.equal(
        (await (await as(t.app, (await createUser(t.db)).login)).get(`/api/projects/${w.project.key}/access`))
          .statusCode,
        404,
      );
    });
  });
