// Guards the pivot over the work-item tree (REP-3, ITEM-9): in mode "all items" a reader sees only the items they may
// view — a viewable item under a hidden one moves up to its nearest viewable ancestor (ITEM-2) — and every total counts
// only viewable descendants; mode "efforts and costs" is for the project's administrators, totals the whole subtree
// regardless of item security and names no item; anyone else finds no such mode (403).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { addMember } from '../helpers/teams.js';
import { chargingWorld } from '../charges/fixtures.js';
import { as, secure } from '../security/fixtures.js';

const RANGE = 'from=2026-03-01&to=2026-03-31';

for (const dialect of DIALECTS)
  describe(`pivot over the work-item tree (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** root (1 h) → open child (1 h), hidden child (2 h) → its viewable grandchild (30 min). */
    async function treeWorld() {
      const w = await chargingWorld(t.db, t.app);
      const lead = await w.member();
      await addMember(t.db, w.team.id, lead.id, ['VIEW_MEMBER_WORKLOGS']);
      const root = w.item;
      const open = await w.newItem(root.id, 'Open child');
      const hidden = await w.newItem(root.id, 'Secret child');
      const grandchild = await w.newItem(hidden.id, 'Visible grandchild');
      const admin = await as(t.app, w.admin.login);
      const allow = (userId: number) => ({
        kind: 'user' as const,
        subjectId: userId,
        view: 'allow' as const,
        edit: 'allow' as const,
      });
      await secure(admin, grandchild.key, [allow(w.author.id), allow(lead.id), allow(w.admin.id)]);
      await secure(admin, hidden.key, [allow(w.author.id), allow(w.admin.id)]);
      await w.log('2026-03-02', 3600);
      await w.log('2026-03-03', 3600, { itemId: open.id });
      await w.log('2026-03-04', 7200, { itemId: hidden.id });
      await w.log('2026-03-05', 1800, { itemId: grandchild.id });
      return { ...w, lead, lc: await as(t.app, lead.login), adminc: admin, root, open, hidden, grandchild };
    }

    test('REP-3, ITEM-9: mode "all items" shows viewable items only, a hidden item’s viewable child moved up, totals over viewable descendants', async () => {
      const w = await treeWorld();
      const res = await w.lc.get(`/api/reports/pivot?${RANGE}&root=${w.root.key}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.deepEqual(
        body.items.map(
          (i: { key: string; parentKey: string | null; depth: number; ownSeconds: number; seconds: number }) => [
            i.key,
            i.parentKey,
            i.depth,
            i.ownSeconds,
            i.seconds,
          ],
        ),
        [
          [w.root.key, null, 0, 3600, 9000],
          [w.open.key, w.root.key, 1, 3600, 3600],
          [w.grandchild.key, w.root.key, 1, 1800, 1800],
        ],
      );
      assert.equal(body.total.seconds, 9000);
      assert.equal(body.abilities.canRunEfforts, false, 'the mode is absent for a reader who may not run it');
      for (const hidden of [w.hidden.key, 'Secret child'])
        assert.ok(!res.body.includes(hidden), `${hidden} appears nowhere`);

      const project = await w.lc.get(`/api/reports/pivot?${RANGE}&project=${w.project.key}`);
      assert.equal(project.statusCode, 200, project.body);
      assert.equal(project.json().total.seconds, 9000);
      assert.equal(project.json().root.kind, 'project');
    });

    test('REP-3, ITEM-9: mode "efforts and costs" totals the whole subtree for a project administrator and names no item; others get 403', async () => {
      const w = await treeWorld();
      const adminRole = await w.adminc.get(`/api/reports/pivot?${RANGE}&root=${w.root.key}&mode=efforts`);
      // The administrator is no member of the author's team: mode "all" counts none of the author's work for them.
      assert.equal(adminRole.statusCode, 200, adminRole.body);
      assert.equal(adminRole.json().total.seconds, 3600 + 3600 + 7200 + 1800);
      assert.equal(adminRole.json().items, undefined);
      for (const hidden of [w.hidden.key, 'Secret child', w.grandchild.key])
        assert.ok(!adminRole.body.includes(hidden), `${hidden} is not named`);
      const all = await w.adminc.get(`/api/reports/pivot?${RANGE}&root=${w.root.key}`);
      assert.equal(all.json().total.seconds, 0);
      assert.equal(all.json().abilities.canRunEfforts, true);

      for (const q of [`root=${w.root.key}`, `project=${w.project.key}`]) {
        const refused = await w.lc.get(`/api/reports/pivot?${RANGE}&${q}&mode=efforts`);
        assert.equal(refused.statusCode, 403, refused.body);
        assert.ok(!refused.body.includes('9000') && !refused.body.includes(w.hidden.key));
      }
      assert.equal(
        (await w.lc.get(`/api/reports/pivot?${RANGE}&root=${w.hidden.key}`)).statusCode,
        404,
        'a hidden root',
      );
    });

    test('REP-4, REP-3, ITEM-9: the pivot’s CSV has the screen’s rows and nothing of the hidden item; "efforts" exports totals only', async () => {
      const w = await treeWorld();
      const csv = await w.lc.get(`/api/reports/pivot/export?${RANGE}&root=${w.root.key}&format=csv`);
      assert.equal(csv.statusCode, 200, csv.body);
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      assert.equal(lines[0], 'Item key,Item,Level,Parent key,Own hours,Hours,Entries');
      assert.deepEqual(
        lines.slice(1).map((l) => l.split(',')[0]),
        [w.root.key, w.open.key, w.grandchild.key, `${w.root.key} (total)`],
      );
      assert.ok(!csv.body.includes(w.hidden.key) && !csv.body.includes('Secret child'));
      const efforts = await w.adminc.get(
        `/api/reports/pivot/export?${RANGE}&root=${w.root.key}&mode=efforts&format=csv`,
      );
      assert.equal(efforts.statusCode, 200, efforts.body);
      const effortLines = efforts.body.trim().split('\n');
      assert.equal(effortLines.length, 2, 'the header and the total');
      assert.match(effortLines[1], /,4\.50,4$/);
      assert.equal(
        (await w.lc.get(`/api/reports/pivot/export?${RANGE}&root=${w.root.key}&mode=efforts&format=csv`)).statusCode,
        403,
      );
    });

    test('REP-3: bad input is a 400 naming the field', async () => {
      const w = await treeWorld();
      for (const [q, field] of [
        [RANGE, 'query.root'],
        [`${RANGE}&root=${w.root.key}&project=${w.project.key}`, 'query.root'],
        [`${RANGE}&root=nokey`, 'query.root'],
        [`${RANGE}&root=${w.root.key}&mode=some`, 'query.mode'],
      ]) {
        const res = await w.lc.get(`/api/reports/pivot?${q}`);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().field, field, q);
      }
    });
  });
