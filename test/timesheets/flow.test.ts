// Guards the timesheet's states and who moves them (FLOW-1, FLOW-2, FLOW-7, FLOW-8, FLOW-11): submitting by slices
// locks their work logs against create, edit and delete — in the explanation's words — a rejected slice is editable
// again, the owner or someone acting for them submits, the owner asks for a recall, and every transition is kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimesheetGrid, TimesheetSlice } from '../../src/contracts.js';
import { createItem, createProject, createTestApp, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { addMember, createPriceList, createTeam } from '../helpers/teams.js';
import { gridUrl, logged, logWork, setState, sheetWorld, submit, WEEK } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`timesheets: states and transitions (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    const sliceRow = (id: number) =>
      t.db.selectFrom('timesheet_slices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('FLOW-1: submitted and approved slices lock their work logs — create, edit and delete 409 timesheet_locked naming the slice; rejected is editable again', async () => {
      const w = await sheetWorld(t);
      const wl = await logged(w.owner.c, w.item.key, '2025-11-04');
      const res = await submit(w.owner.c, WEEK);
      assert.equal(res.statusCode, 200, res.body);
      const [slice] = res.json().slices as TimesheetSlice[];
      assert.deepEqual(
        [slice.state, slice.start, slice.end, slice.team, slice.seconds],
        ['submitted', WEEK.start, WEEK.end, { id: w.team.id, name: w.team.name }, 3600],
      );
      const row = await sliceRow(slice.id!);
      assert.deepEqual([row.user_id, row.team_id, row.state], [w.owner.id, w.team.id, 'submitted']);
      for (const state of ['submitted', 'approved', 'recall_requested'] as const) {
        if (state !== 'submitted') await setState(t.db, slice.id!, state);
        const words = {
          submitted: 'submitted',
          approved: 'approved',
          recall_requested: 'approved, with a recall requested',
        };
        const attempts = [
          await logWork(w.owner.c, w.item.key, '2025-11-05'),
          await w.owner.c.patch(`/api/worklogs/${wl.id}`, { version: wl.version, durationSeconds: 60 }),
          await w.owner.c.delete(`/api/worklogs/${wl.id}?version=${wl.version}`),
          // Moving the work log out of the locked week touches the locked day too.
          await w.owner.c.patch(`/api/worklogs/${wl.id}`, { version: wl.version, startDate: '2025-11-12' }),
        ];
        for (const refused of attempts) {
          assert.equal(refused.statusCode, 409, `${state}: ${refused.body}`);
          assert.equal(refused.json().code, 'timesheet_locked');
          assert.equal(
            refused.json().detail,
            `the timesheet of team '${w.team.name}' for ${WEEK.start} – ${WEEK.end} is ${words[state]}`,
          );
        }
      }
      assert.equal(
        (await t.db.selectFrom('worklogs').select('id').where('author_id', '=', w.owner.id).execute()).length,
        1,
        'nothing was written',
      );
      await setState(t.db, slice.id!, 'rejected');
      const edited = await w.owner.c.patch(`/api/worklogs/${wl.id}`, { version: wl.version, durationSeconds: 1800 });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal((await logWork(w.owner.c, w.item.key, '2025-11-05')).statusCode, 201);
      const again = await submit(w.owner.c, WEEK);
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(
        again.json().slices.map((s: TimesheetSlice) => [s.id, s.state, s.seconds]),
        [[slice.id, 'submitted', 5400]],
      );
    });

    test('FLOW-1, FLOW-10: a submission makes one slice per team and period that holds work; other weeks stay open', async () => {
      const w = await sheetWorld(t);
      await logged(w.owner.c, w.item.key, '2025-11-04');
      await logged(w.owner.c, w.item.key, '2025-11-11');
      // Work without a team: a project whose team checks are off and where the owner is in no team.
      const res = await submit(w.owner.c, { start: '2025-11-03', end: '2025-11-12' });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res.json().slices.map((s: TimesheetSlice) => [s.start, s.state]),
        [[WEEK.start, 'submitted']],
        'the second week does not lie within the range',
      );
      assert.equal((await logWork(w.owner.c, w.item.key, '2025-11-13')).statusCode, 201);
      const nothing = await submit(w.owner.c, WEEK);
      assert.equal(nothing.statusCode, 409);
      assert.equal(nothing.json().code, 'nothing_to_submit');
      const empty = await submit(w.owner.c, { start: '2025-12-01', end: '2025-12-07' });
      assert.equal(empty.json().code, 'nothing_to_submit');
      const backwards = await submit(w.owner.c, { start: WEEK.end, end: WEEK.start });
      assert.equal(backwards.statusCode, 400);
      assert.equal(backwards.json().field, 'end');
      const tooLong = await submit(w.owner.c, { start: '1900-01-01', end: '9998-12-31' });
      assert.equal(tooLong.statusCode, 400);
      assert.equal(tooLong.json().field, 'end');
    });

    test('FLOW-2: the owner submits; MANAGE_MEMBER_WORKLOGS and team_admin submit on their behalf; others are refused', async () => {
      const w = await sheetWorld(t);
      const weeks = ['2025-11-03', '2025-11-10', '2025-11-17'];
      for (const day of weeks) await logged(w.owner.c, w.item.key, day);
      const week = (start: string) => ({
        start,
        end: `2025-11-${String(Number(start.slice(8)) + 6).padStart(2, '0')}`,
      });
      for (const [who, expected] of [
        [w.viewer, 403],
        [w.colleague, 403],
        [w.approver, 403],
        [w.outsider, 403],
      ] as const) {
        const res = await submit(who.c, week(weeks[0]), w.owner.id);
        assert.equal(res.statusCode, expected, res.body);
        assert.equal(res.json().code, 'not_own_worklog');
      }
      assert.equal(
        (await t.db.selectFrom('timesheet_slices').select('id').where('user_id', '=', w.owner.id).execute()).length,
        0,
        'a refused submission leaves no slice behind',
      );
      for (const [who, start] of [
        [w.owner, weeks[0]],
        [w.manager, weeks[1]],
        [w.teamAdmin, weeks[2]],
      ] as const) {
        const res = await submit(who.c, week(start), who === w.owner ? undefined : w.owner.id);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(
          res.json().slices.map((s: TimesheetSlice) => [s.start, s.state]),
          [[start, 'submitted']],
        );
        const audit = await t.db
          .selectFrom('audit_log')
          .select(['actor_id', 'entity_type'])
          .where('action', '=', 'timesheet.submit')
          .where('entity_id', '=', String(res.json().slices[0].id))
          .executeTakeFirstOrThrow();
        assert.deepEqual(audit, { actor_id: who.id, entity_type: 'timesheet_slice' });
      }
    });

    test("FLOW-2, FLOW-10, WL-5: acting for the owner in one team submits only that team's slice; their slice of a team the caller holds nothing in stays open and unnamed", async () => {
      const w = await sheetWorld(t);
      const other = await createProject(t.db);
      const otherTeam = await createTeam(t.db, other.id);
      await createPriceList(t.db, otherTeam.id, { hourlyRate: '70.00' });
      await grant(t.db, other.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: w.owner.id });
      await addMember(t.db, otherTeam.id, w.owner.id);
      const otherItem = await createItem(t.db, { projectId: other.id, title: 'Elsewhere' });
      await logged(w.owner.c, w.item.key, WEEK.start);
      await logged(w.owner.c, otherItem.key, WEEK.start);
      const res = await submit(w.manager.c, WEEK, w.owner.id);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res.json().slices.map((s: TimesheetSlice) => [s.team?.id ?? null, s.state]),
        [[w.team.id, 'submitted']],
      );
      assert.doesNotMatch(res.body, new RegExp(otherTeam.name));
      const states = await t.db
        .selectFrom('timesheet_slices')
        .select(['team_id', 'state'])
        .where('user_id', '=', w.owner.id)
        .orderBy('team_id')
        .execute();
      assert.deepEqual(
        states.filter((r) => r.team_id === otherTeam.id).map((r) => r.state),
        states.some((r) => r.team_id === otherTeam.id) ? ['open'] : [],
        "the other team's slice is not submitted",
      );
      const mine = await submit(w.owner.c, WEEK);
      assert.deepEqual(
        mine.json().slices.map((s: TimesheetSlice) => [s.team?.id ?? null, s.state]),
        [[otherTeam.id, 'submitted']],
        'the owner submits it themselves',
      );
    });

    test('FLOW-7, FLOW-8: the owner asks for a recall of an approved slice; every transition is kept with who, when, from, to and comment', async () => {
      const w = await sheetWorld(t);
      await logged(w.owner.c, w.item.key, '2025-11-04');
      const [slice] = (await submit(w.owner.c, WEEK)).json().slices as TimesheetSlice[];
      const early = await w.owner.c.post(`/api/timesheets/slices/${slice.id}/recall`, { comment: 'typo' });
      assert.equal(early.statusCode, 409, 'a submitted slice is not recalled');
      assert.equal(early.json().code, 'invalid_transition');
      await setState(t.db, slice.id!, 'approved');
      const grid = (await w.owner.c.get(gridUrl(WEEK.start))).json() as TimesheetGrid;
      assert.deepEqual(grid.slices[0].abilities, { submit: false, recall: true });
      for (const other of [w.manager, w.teamAdmin]) {
        const res = await other.c.post(`/api/timesheets/slices/${slice.id}/recall`, {});
        assert.equal(res.statusCode, 403, res.body);
      }
      const hidden = await w.outsider.c.post(`/api/timesheets/slices/${slice.id}/recall`, {});
      assert.equal(hidden.statusCode, 404, 'who may not know the slice finds none');
      const res = await w.owner.c.post(`/api/timesheets/slices/${slice.id}/recall`, {
        comment: 'wrong item on Tuesday',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        [res.json().state, res.json().lastComment, res.json().abilities],
        ['recall_requested', 'wrong item on Tuesday', { submit: false, recall: false }],
      );
      const history = await w.owner.c.get(`/api/timesheets/slices/${slice.id}/history`);
      assert.equal(history.statusCode, 200, history.body);
      const items = history.json().items as Array<Record<string, unknown>>;
      assert.deepEqual(
        items.map(({ at: _, ...rest }) => rest),
        [
          {
            from: 'open',
            to: 'submitted',
            actor: { id: w.owner.id, displayName: `User ${w.owner.login}` },
            comment: '',
          },
          {
            from: 'approved',
            to: 'recall_requested',
            actor: { id: w.owner.id, displayName: `User ${w.owner.login}` },
            comment: 'wrong item on Tuesday',
          },
        ],
      );
      assert.ok(items.every((i) => !Number.isNaN(Date.parse(String(i.at)))));
      const audits = await t.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id'])
        .where('entity_type', '=', 'timesheet_slice')
        .where('entity_id', '=', String(slice.id))
        .orderBy('id')
        .execute();
      assert.deepEqual(audits, [
        { action: 'timesheet.submit', actor_id: w.owner.id },
        { action: 'timesheet.recall', actor_id: w.owner.id },
      ]);
      // The history is the owner's, theirs who see the owner's timesheet, and the approver's; nobody else's.
      assert.equal((await w.viewer.c.get(`/api/timesheets/slices/${slice.id}/history`)).statusCode, 200);
      assert.equal((await w.approver.c.get(`/api/timesheets/slices/${slice.id}/history`)).statusCode, 200);
      assert.equal((await w.colleague.c.get(`/api/timesheets/slices/${slice.id}/history`)).statusCode, 404);
      assert.equal((await w.outsider.c.get(`/api/timesheets/slices/999999/history`)).statusCode, 404);
    });

    test('FLOW-11, EXPL-1: a refused change gives the code and message the explanation gives for the same item and day', async () => {
      const w = await sheetWorld(t);
      await logged(w.owner.c, w.item.key, '2025-11-04');
      await logged(w.owner.c, w.item.key, '2025-10-14');
      await submit(w.owner.c, WEEK);
      await t.db
        .insertInto('team_periods')
        .values({ team_id: w.team.id, period_start: '2025-10-01', period_end: '2025-10-31', state: 'closed' })
        .execute();
      for (const date of ['2025-11-06', '2025-10-15']) {
        const refused = await logWork(w.owner.c, w.item.key, date);
        assert.equal(refused.statusCode, 409);
        const explained = await w.owner.c.get(`/api/explain?action=worklog.create&item=${w.item.key}&date=${date}`);
        assert.equal(explained.statusCode, 200, explained.body);
        const { deciding, allowed } = explained.json();
        assert.equal(allowed, false);
        assert.deepEqual(
          [deciding.layer, deciding.code, deciding.message],
          ['business', refused.json().code, refused.json().detail],
        );
        const grid = (await w.owner.c.get(gridUrl(date))).json() as TimesheetGrid;
        const cell = grid.rows[0].cells.find((c) => c.date === date)!;
        assert.deepEqual(cell.lock, { code: deciding.code, message: deciding.message });
      }
    });
  });
