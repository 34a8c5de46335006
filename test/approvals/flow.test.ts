// Guards who decides a slice and how (FLOW-2, FLOW-7, FLOW-8, APP-2, API-4): approvers hold APPROVE_TIMESHEETS in the
// slice's team and the Timesheet Approval area, app_admin decides any; a rejection carries a comment; only app_admin
// reopens; nobody decides their own slice, not even by its id; the owner's recall request is granted or refused; every
// transition is a history row and an audit row; a stale version changes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { addMember } from '../helpers/teams.js';
import { approvalWorld, decide, detailOf, logged, queueOf, submitted, twoSlices, WEEK } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`approvals: deciding slices (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const sliceRow = (id: number) =>
      t.db.selectFrom('timesheet_slices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const historyOf = (id: number) =>
      t.db
        .selectFrom('flow_history')
        .select(['from_state', 'to_state', 'actor_id', 'comment'])
        .where('entity_type', '=', 'timesheet_slice')
        .where('entity_id', '=', id)
        .orderBy('id')
        .execute();
    const auditOf = (id: number) =>
      t.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'before', 'after'])
        .where('entity_type', '=', 'timesheet_slice')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute();

    test('FLOW-2, FLOW-7: the approver of the team approves a submitted slice — state, version, snapshot, a history row and an audit row', async () => {
      const w = await approvalWorld(t);
      const { sliceA } = await twoSlices(w);
      const queued = await queueOf(w.approverA.c);
      assert.deepEqual(
        queued.items.map((s) => [s.id, s.owner.id, s.team, s.start, s.end, s.state, s.seconds]),
        [[sliceA, w.owner.id, { id: w.teamA.id, name: w.teamA.name }, WEEK.start, WEEK.end, 'submitted', 3600]],
      );
      assert.equal(queued.total, 1);
      assert.deepEqual(queued.items[0].abilities, {
        approve: true,
        reject: true,
        grantRecall: false,
        refuseRecall: false,
        reopen: false,
      });
      const res = await decide(w.approverA.c, sliceA, 'approve', { version: queued.items[0].version });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual([res.json().state, res.json().version], ['approved', queued.items[0].version + 1]);
      assert.equal(res.json().abilities.approve, false);
      const row = await sliceRow(sliceA);
      assert.equal(row.state, 'approved');
      const snapshot = (
        typeof row.approved_snapshot === 'string' ? JSON.parse(row.approved_snapshot) : row.approved_snapshot
      ) as Array<{ itemId: number; date: string; seconds: number }>;
      assert.deepEqual(
        snapshot.map((e) => [e.itemId, e.date, e.seconds]),
        [[w.itemA.id, WEEK.start, 3600]],
      );
      assert.deepEqual(
        (await historyOf(sliceA)).map((h) => [h.from_state, h.to_state, h.actor_id]),
        [
          ['open', 'submitted', w.owner.id],
          ['submitted', 'approved', w.approverA.id],
        ],
      );
      const audits = await auditOf(sliceA);
      assert.deepEqual(
        audits.map((a) => [a.action, a.actor_id]),
        [
          ['timesheet.submit', w.owner.id],
          ['timesheet.approve', w.approverA.id],
        ],
      );
      assert.equal((audits[1].after as { state: string }).state, 'approved');
      const detail = await detailOf(w.approverA.c, sliceA);
      assert.deepEqual(
        detail.history.map((h) => [h.from, h.to, h.actor?.id]),
        [
          ['open', 'submitted', w.owner.id],
          ['submitted', 'approved', w.approverA.id],
        ],
      );
    });

    test('FLOW-2, APP-2: APPROVE_TIMESHEETS without the timesheet_approver role — 403 area_closed on every approval route; the role without the team permission — not in the queue, 404 by id', async () => {
      const w = await approvalWorld(t);
      const { sliceA } = await twoSlices(w);
      for (const res of [
        await w.lead.c.get('/api/approvals'),
        await w.lead.c.get(`/api/approvals/${sliceA}`),
        await decide(w.lead.c, sliceA, 'approve'),
        await w.lead.c.post('/api/approvals/batch', { ids: [sliceA], decision: 'approve' }),
        await w.owner.c.get('/api/approvals'),
      ]) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'area_closed');
      }
      assert.deepEqual((await queueOf(w.stranger.c)).items, []);
      for (const res of [
        await w.stranger.c.get(`/api/approvals/${sliceA}`),
        await decide(w.stranger.c, sliceA, 'approve'),
      ])
        assert.equal(res.statusCode, 404, res.body);
      assert.equal((await sliceRow(sliceA)).state, 'submitted');
    });

    test('FLOW-2: app_admin approves any slice, one without a team too', async () => {
      const w = await approvalWorld(t);
      const { sliceA, sliceB } = await twoSlices(w);
      const teamless = await t.db
        .insertInto('timesheet_slices')
        .values({
          user_id: w.owner.id,
          team_id: null,
          period_start: WEEK.start,
          period_end: WEEK.end,
          state: 'submitted',
          approved_snapshot: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ids = (await queueOf(w.appAdmin.c, '?limit=200')).items.map((s) => s.id);
      for (const id of [sliceA, sliceB, teamless.id]) {
        assert.ok(ids.includes(id), `slice ${id} is in app_admin's queue`);
        const res = await decide(w.appAdmin.c, id, 'approve');
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().state, 'approved');
      }
    });

    test('FLOW-2: a rejection needs a comment — 400 naming comment, nothing changed; with one, the owner sees it and resubmits', async () => {
      const w = await approvalWorld(t);
      const { sliceA } = await twoSlices(w);
      for (const body of [{}, { comment: '' }, { comment: '   ' }]) {
        const res = await decide(w.approverA.c, sliceA, 'reject', body);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().field, 'comment', res.body);
      }
      const batch = await w.approverA.c.post('/api/approvals/batch', { ids: [sliceA], decision: 'reject' });
      assert.equal(batch.statusCode, 400, batch.body);
      assert.equal(batch.json().field, 'comment');
      assert.equal((await sliceRow(sliceA)).state, 'submitted');
      assert.equal((await historyOf(sliceA)).length, 1);
      const res = await decide(w.approverA.c, sliceA, 'reject', { comment: 'Split the meeting hours, please.' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().state, 'rejected');
      const inbox = (await w.owner.c.get('/api/inbox')).json();
      assert.deepEqual(
        inbox.items.map((i: { kind: string; comment: string; slice: { id: number }; actor: { id: number } }) => [
          i.kind,
          i.slice.id,
          i.comment,
          i.actor.id,
        ]),
        [['rejected', sliceA, 'Split the meeting hours, please.', w.approverA.id]],
      );
      await logged(w.owner.c, w.itemA.key, '2026-11-03', 1800);
      const again = await submitted(w.owner.c);
      assert.equal(again.get(w.teamA.id), sliceA, 'the rejected slice is submitted again');
      assert.equal((await queueOf(w.approverA.c)).items[0].seconds, 5400);
    });

    test('FLOW-2: only app_admin reopens a submitted or approved slice', async () => {
      const w = await approvalWorld(t);
      const { sliceA } = await twoSlices(w);
      const refused = await decide(w.approverA.c, sliceA, 'reopen');
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().code, 'missing_authority');
      assert.equal((await decide(w.approverA.c, sliceA, 'approve')).statusCode, 200);
      const res = await decide(w.appAdmin.c, sliceA, 'reopen', { comment: 'Wrong week approved.' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().state, 'open');
      const again = await decide(w.appAdmin.c, sliceA, 'reopen');
      assert.equal(again.statusCode, 409, again.body);
      assert.equal(again.json().code, 'invalid_transition');
      const inbox = (await w.owner.c.get('/api/inbox')).json();
      assert.deepEqual(
        inbox.items.map((i: { kind: string; comment: string }) => [i.kind, i.comment]),
        [
          ['reopened', 'Wrong week approved.'],
          ['approved', ''],
        ],
      );
    });

    test('FLOW-8: nobody decides their own slice — not in their queue, 403 own_timesheet by its id; an approver of another team gets 404', async () => {
      const w = await approvalWorld(t);
      await logged(w.colleague.c, w.itemA.key, WEEK.start);
      const own = (await submitted(w.colleague.c)).get(w.teamA.id)!;
      assert.deepEqual((await queueOf(w.colleague.c)).items, []);
      for (const res of [
        await w.colleague.c.get(`/api/approvals/${own}`),
        await decide(w.colleague.c, own, 'approve'),
        await decide(w.colleague.c, own, 'reject', { comment: 'no' }),
      ]) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'own_timesheet');
      }
      const batch = (await w.colleague.c.post('/api/approvals/batch', { ids: [own], decision: 'approve' })).json();
      assert.deepEqual(batch.results, [
        { id: own, ok: false, code: 'own_timesheet', message: 'nobody approves their own timesheet (FLOW-8)' },
      ]);
      const guessed = await decide(w.approverB.c, own, 'approve');
      assert.equal(guessed.statusCode, 404, guessed.body);
      assert.equal((await sliceRow(own)).state, 'submitted');
      // app_admin too: their own slice is never theirs to decide.
      await addMember(t.db, w.teamA.id, w.appAdmin.id, ['WORK_ON_ISSUES', 'APPROVE_TIMESHEETS']);
      await logged(w.appAdmin.c, w.itemA.key, WEEK.start);
      const admins = (await submitted(w.appAdmin.c)).get(w.teamA.id)!;
      assert.ok(!(await queueOf(w.appAdmin.c, '?limit=200')).items.some((s) => s.id === admins));
      assert.equal((await decide(w.appAdmin.c, admins, 'approve')).json().code, 'own_timesheet');
      assert.equal((await decide(w.approverA.c, own, 'approve')).statusCode, 200, 'another approver decides it');
    });

    test('FLOW-8: the owner asks for a recall; the approver grants it (the slice opens) or refuses it (it stays approved)', async () => {
      const w = await approvalWorld(t);
      const { sliceA, sliceB } = await twoSlices(w);
      for (const [id, c] of [
        [sliceA, w.approverA.c],
        [sliceB, w.approverB.c],
      ] as const) {
        assert.equal((await decide(c, id, 'approve')).statusCode, 200);
        const recall = await w.owner.c.post(`/api/timesheets/slices/${id}/recall`, { comment: 'I forgot a day.' });
        assert.equal(recall.statusCode, 200, recall.body);
      }
      const waiting = await queueOf(w.approverA.c, '?state=recall_requested');
      assert.deepEqual(
        waiting.items.map((s) => [s.id, s.abilities.grantRecall, s.abilities.refuseRecall, s.abilities.approve]),
        [[sliceA, true, true, false]],
      );
      assert.equal((await w.approverA.c.get('/api/inbox')).json().waiting, 1);
      // The queue opens on what waits for a decision: the recall request is in it beside submitted slices.
      const byDefault = await queueOf(w.approverA.c);
      assert.deepEqual(
        byDefault.items.map((s) => [s.id, s.state]),
        [[sliceA, 'recall_requested']],
      );
      assert.equal((await queueOf(w.approverA.c, '?state=submitted')).items.length, 0);
      const granted = await decide(w.approverA.c, sliceA, 'grant-recall');
      assert.equal(granted.statusCode, 200, granted.body);
      assert.equal(granted.json().state, 'open');
      const refused = await decide(w.approverB.c, sliceB, 'refuse-recall', { comment: 'Already invoiced.' });
      assert.equal(refused.json().state, 'approved');
      const twice = await decide(w.approverB.c, sliceB, 'refuse-recall');
      assert.equal(twice.statusCode, 409, twice.body);
      assert.equal(twice.json().code, 'invalid_transition');
      assert.deepEqual(
        (await historyOf(sliceB)).map((h) => [h.from_state, h.to_state, h.comment]),
        [
          ['open', 'submitted', ''],
          ['submitted', 'approved', ''],
          ['approved', 'recall_requested', 'I forgot a day.'],
          ['recall_requested', 'approved', 'Already invoiced.'],
        ],
      );
      const kinds = (await w.owner.c.get('/api/inbox')).json().items.map((i: { kind: string }) => i.kind);
      assert.deepEqual([...kinds].sort(), ['approved', 'approved', 'recall_granted', 'recall_refused']);
      assert.deepEqual(
        (await auditOf(sliceA)).map((a) => a.action),
        ['timesheet.submit', 'timesheet.approve', 'timesheet.recall', 'timesheet.grantRecall'],
      );
    });

    test('API-4: a decision with a stale version is 409 version_conflict and changes nothing', async () => {
      const w = await approvalWorld(t);
      const { sliceA } = await twoSlices(w);
      const { version } = await sliceRow(sliceA);
      const res = await decide(w.approverA.c, sliceA, 'approve', { version: version + 1 });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'version_conflict');
      assert.equal((await sliceRow(sliceA)).state, 'submitted');
      assert.equal((await historyOf(sliceA)).length, 1);
    });

    test('FLOW-2: a batch approve decides each slice on its own — one refused, the others approved', async () => {
      const w = await approvalWorld(t);
      const { sliceA } = await twoSlices(w);
      await logged(w.colleague.c, w.itemA.key, WEEK.start);
      const colleagues = (await submitted(w.colleague.c)).get(w.teamA.id)!;
      const { sliceA: nextA } = await twoSlices(w, { start: '2026-11-09', end: '2026-11-15' });
      const res = await w.approverA.c.post('/api/approvals/batch', {
        ids: [sliceA, colleagues, nextA, 2_000_000_000],
        decision: 'approve',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().results, [
        { id: sliceA, ok: true },
        { id: colleagues, ok: true },
        { id: nextA, ok: true },
        { id: 2_000_000_000, ok: false, code: 'not_found', message: 'no such timesheet' },
      ]);
      const again = await w.approverA.c.post('/api/approvals/batch', { ids: [sliceA], decision: 'approve' });
      assert.equal(again.json().results[0].code, 'invalid_transition');
      const byColleague = await w.colleague.c.post('/api/approvals/batch', {
        ids: [colleagues, sliceA],
        decision: 'reject',
        comment: 'no',
      });
      assert.deepEqual(
        byColleague.json().results.map((r: { ok: boolean; code?: string }) => [r.ok, r.code]),
        [
          [false, 'own_timesheet'],
          [false, 'invalid_transition'],
        ],
      );
      for (const id of [sliceA, colleagues, nextA]) assert.equal((await sliceRow(id)).state, 'approved');
    });
  });
