// Guards approval by slices (FLOW-10, ITEM-9): an approver of team A sees nothing of the same user's slice of team B — not
// by id, not in the queue, not in counts; items the approver may not view show as hours without identity; what changed
// since the last approval (recall, edit, resubmit) is marked cell by cell, removed work listed; the timesheet is approved
// when every slice is. And the queue's filters and pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimesheetGrid } from '../../src/contracts.js';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { recomputeGoverning } from '../../src/modules/security/repo.js';
import {
  approvalWorld,
  decide,
  detailOf,
  logged,
  queueOf,
  submitted,
  twoSlices,
  WEEK,
  type Client,
} from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`approvals: slices per team (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** Gives the item a setting of its own that lets only the user view and edit it (ITEM-1). */
    async function secureFor(itemId: number, projectId: number, userId: number) {
      await t.db.insertInto('item_security').values({ item_id: itemId, project_id: projectId }).execute();
      await t.db
        .insertInto('item_security_entries')
        .values({ item_id: itemId, subject_kind: 'user', subject_id: userId, view: 'allow', edit: 'allow' })
        .execute();
      await recomputeGoverning(t.db, itemId);
    }

    const sliceStates = async (c: Client) => {
      const res = await c.get(`/api/timesheets?date=${WEEK.start}`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as TimesheetGrid).slices.map((s) => s.state).sort();
    };

    test("FLOW-10: the approver of team A sees nothing of the user's slice of team B — 404 by id, not in the queue, not in the counts", async () => {
      const w = await approvalWorld(t);
      const { sliceA, sliceB } = await twoSlices(w);
      const queueA = await queueOf(w.approverA.c, '?state=all');
      assert.deepEqual([queueA.items.map((s) => s.id), queueA.total], [[sliceA], 1]);
      assert.deepEqual(await queueOf(w.approverA.c, `?teamId=${w.teamB.id}`), {
        items: [],
        nextCursor: null,
        total: 0,
      });
      for (const res of [
        await w.approverA.c.get(`/api/approvals/${sliceB}`),
        await decide(w.approverA.c, sliceB, 'approve'),
        await decide(w.approverA.c, sliceB, 'reject', { comment: 'no' }),
      ]) {
        assert.equal(res.statusCode, 404, res.body);
        assert.ok(!res.body.includes(w.teamB.name), res.body);
      }
      const batch = await w.approverA.c.post('/api/approvals/batch', { ids: [sliceB], decision: 'approve' });
      assert.deepEqual(batch.json().results, [
        { id: sliceB, ok: false, code: 'not_found', message: 'no such timesheet' },
      ]);
      const inboxA = (await w.approverA.c.get('/api/inbox')).json();
      assert.equal(inboxA.waiting, 1);
      assert.deepEqual(
        inboxA.items.map((i: { kind: string; slice: { id: number } }) => [i.kind, i.slice.id]),
        [['waiting', sliceA]],
      );
      assert.ok(!JSON.stringify(inboxA).includes(w.teamB.name));
      const detail = await detailOf(w.approverA.c, sliceA);
      assert.deepEqual(
        detail.rows.map((r) => r.item?.key),
        [w.itemA.key],
        "team B's work is no part of team A's slice",
      );
    });

    test('FLOW-10, ITEM-9: items the approver may not view show as one restricted row — hours only, no key or title', async () => {
      const w = await approvalWorld(t);
      await secureFor(w.itemA2.id, w.projectA.id, w.owner.id);
      await logged(w.owner.c, w.itemA.key, WEEK.start, 3600);
      await logged(w.owner.c, w.itemA2.key, WEEK.start, 1800);
      await logged(w.owner.c, w.itemA2.key, '2026-11-04', 900);
      const sliceA = (await submitted(w.owner.c)).get(w.teamA.id)!;
      const res = await w.approverA.c.get(`/api/approvals/${sliceA}`);
      assert.equal(res.statusCode, 200, res.body);
      const detail = res.json() as Awaited<ReturnType<typeof detailOf>>;
      assert.equal(detail.days.length, 7);
      assert.deepEqual(
        detail.rows.map((r) => [r.item, r.restricted, r.cells.map((c) => c.seconds)]),
        [
          [{ key: w.itemA.key, title: 'Alpha work' }, false, [3600, 0, 0, 0, 0, 0, 0]],
          [null, true, [1800, 0, 900, 0, 0, 0, 0]],
        ],
      );
      assert.deepEqual(detail.totals, { days: [5400, 0, 900, 0, 0, 0, 0], total: 6300 });
      assert.equal(detail.slice.seconds, 6300, 'the queue counts restricted hours too');
      assert.ok(!res.body.includes(w.itemA2.key) && !res.body.includes('Alpha review'), res.body);
      // app_admin decides any slice, but item security is not theirs to bypass: the setting names only the owner.
      const admins = await detailOf(w.appAdmin.c, sliceA);
      assert.deepEqual(
        admins.rows.map((r) => [r.item?.key ?? null, r.restricted]),
        [
          [w.itemA.key, false],
          [null, true],
        ],
      );
    });

    test('FLOW-10: after recall, edit and resubmit the approver sees what changed since the last approval — changed, added and removed cells', async () => {
      const w = await approvalWorld(t);
      await secureFor(w.itemA2.id, w.projectA.id, w.owner.id);
      const monday = await logged(w.owner.c, w.itemA.key, '2026-11-02', 3600);
      const wednesday = await logged(w.owner.c, w.itemA.key, '2026-11-04', 1800);
      await logged(w.owner.c, w.itemA2.key, '2026-11-02', 600);
      const sliceA = (await submitted(w.owner.c)).get(w.teamA.id)!;
      const first = await detailOf(w.approverA.c, sliceA);
      assert.ok(
        first.rows.every((r) => r.cells.every((c) => c.change === null)),
        'never approved: nothing is marked',
      );
      assert.deepEqual(first.removedSinceApproval, []);
      assert.equal((await decide(w.approverA.c, sliceA, 'approve')).statusCode, 200);
      assert.equal((await w.owner.c.post(`/api/timesheets/slices/${sliceA}/recall`, {})).statusCode, 200);
      assert.equal((await decide(w.approverA.c, sliceA, 'grant-recall')).statusCode, 200);
      const edited = await w.owner.c.patch(`/api/worklogs/${monday.id}`, {
        version: monday.version,
        durationSeconds: 7200,
      });
      assert.equal(edited.statusCode, 200, edited.body);
      await logged(w.owner.c, w.itemA.key, '2026-11-03', 900);
      const removed = await w.owner.c.delete(`/api/worklogs/${wednesday.id}?version=${wednesday.version}`);
      assert.equal(removed.statusCode, 204, removed.body);
      assert.equal((await submitted(w.owner.c)).get(w.teamA.id), sliceA);
      const detail = await detailOf(w.approverA.c, sliceA);
      assert.deepEqual(
        detail.rows.map((r) => [r.item?.key ?? 'restricted', r.cells.slice(0, 3).map((c) => [c.seconds, c.change])]),
        [
          [
            w.itemA.key,
            [
              [7200, 'changed'],
              [900, 'added'],
              [0, null],
            ],
          ],
          [
            'restricted',
            [
              [600, null],
              [0, null],
              [0, null],
            ],
          ],
        ],
      );
      assert.deepEqual(detail.removedSinceApproval, [
        { date: '2026-11-04', seconds: 1800, item: { key: w.itemA.key, title: 'Alpha work' } },
      ]);
    });

    test('FLOW-10: the timesheet is approved when every slice is — each approver approves their own team slice', async () => {
      const w = await approvalWorld(t);
      const { sliceA, sliceB } = await twoSlices(w);
      assert.deepEqual(await sliceStates(w.owner.c), ['submitted', 'submitted']);
      assert.equal((await decide(w.approverA.c, sliceA, 'approve')).statusCode, 200);
      assert.deepEqual(
        await sliceStates(w.owner.c),
        ['approved', 'submitted'],
        'one slice approved is not the timesheet',
      );
      assert.equal((await decide(w.approverB.c, sliceB, 'approve')).statusCode, 200);
      assert.deepEqual(await sliceStates(w.owner.c), ['approved', 'approved']);
    });

    test('FLOW-10: the queue filters by team, state and period and pages with a cursor, the total over every page', async () => {
      const w = await approvalWorld(t);
      const weeks = ['2026-10-19', '2026-10-26', '2026-11-02'].map((start) => ({
        start,
        end: new Date(Date.parse(`${start}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10),
      }));
      const ids: number[] = [];
      for (const week of weeks) ids.push((await twoSlices(w, week)).sliceA);
      const first = await queueOf(w.approverA.c, '?limit=2');
      assert.deepEqual([first.items.map((s) => s.id), first.total], [[ids[2], ids[1]], 3]);
      const second = await queueOf(w.approverA.c, `?limit=2&cursor=${first.nextCursor}`);
      assert.deepEqual([second.items.map((s) => s.id), second.nextCursor, second.total], [[ids[0]], null, 3]);
      assert.equal((await decide(w.approverA.c, ids[1], 'approve')).statusCode, 200);
      assert.deepEqual(
        (await queueOf(w.approverA.c, '?state=approved')).items.map((s) => s.id),
        [ids[1]],
      );
      assert.deepEqual(
        (await queueOf(w.approverA.c)).items.map((s) => s.id),
        [ids[2], ids[0]],
        'submitted by default',
      );
      const period = await queueOf(w.approverA.c, '?state=all&from=2026-10-27&to=2026-11-01');
      assert.deepEqual(
        period.items.map((s) => s.id),
        [ids[1]],
      );
      assert.deepEqual((await queueOf(w.approverA.c, `?state=all&teamId=${w.teamA.id}`)).total, 3);
      for (const [query, field] of [
        ['?cursor=nonsense', 'query.cursor'],
        ['?from=2026-11-02&to=2026-11-01', 'query.to'],
        ['?state=open', 'query.state'],
      ]) {
        const res = await w.approverA.c.get(`/api/approvals${query}`);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().field, field, res.body);
      }
    });

    test('Inbox: the owner sees decisions by others on their slices within 60 days, newest first; never their own steps', async () => {
      const w = await approvalWorld(t);
      const { sliceA, sliceB } = await twoSlices(w);
      assert.deepEqual((await w.owner.c.get('/api/inbox')).json(), { waiting: 0, items: [] });
      await decide(w.approverA.c, sliceA, 'reject', { comment: 'Which ticket?' });
      await decide(w.approverB.c, sliceB, 'approve');
      const inbox = (await w.owner.c.get('/api/inbox')).json();
      assert.deepEqual(
        inbox.items.map((i: { kind: string; slice: { id: number; team: { id: number } } }) => [
          i.kind,
          i.slice.id,
          i.slice.team.id,
        ]),
        [
          ['approved', sliceB, w.teamB.id],
          ['rejected', sliceA, w.teamA.id],
        ],
      );
      await t.db
        .updateTable('flow_history')
        .set({ at: new Date(Date.now() - 61 * 86_400_000) })
        .where('entity_type', '=', 'timesheet_slice')
        .where('entity_id', '=', sliceA)
        .execute();
      assert.deepEqual(
        (await w.owner.c.get('/api/inbox')).json().items.map((i: { kind: string }) => i.kind),
        ['approved'],
      );
      assert.equal((await w.approverA.c.get('/api/inbox')).json().waiting, 0, 'a rejected slice waits for nobody');
    });
  });
