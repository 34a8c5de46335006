// Guards FLOW-1 under concurrency: a slice transition racing the owner's work-log writes never leaves a write in a
// submitted or approved slice. A transition takes the work-log table in SHARE mode (src/lib/locks.ts); a work-log insert
// holds ROW EXCLUSIVE before it reads and lands only on the locks its decision read, and an edit takes the table first
// in its transaction. So a write sent while a submission or an approval holds the table waits, then finds the slice
// locked and is refused; a write decided before a submission and inserted after it is refused too. On PostgreSQL the
// waiting is the database's; PGlite is one connection, so there the second request waits for the first transaction.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { TimesheetSlice } from '../../src/contracts.js';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { logged, logWork, sheetWorld, submit, type SheetWorld } from './fixtures.js';
import { DECIDED, EXCLUSIVE, HoldAfter, SHARED } from '../helpers/interleave.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The Monday-to-Sunday week `n` weeks after 2025-01-06. */
function weekOf(n: number) {
  const day = (offset: number) => {
    const d = new Date(Date.UTC(2025, 0, 6 + 7 * n + offset));
    return d.toISOString().slice(0, 10);
  };
  return { start: day(0), end: day(6), day };
}

for (const dialect of DIALECTS)
  describe(`timesheets: transitions racing work-log writes (${dialect})`, () => {
    let t: TestApp;
    let w: SheetWorld;
    const interleave = new HoldAfter(dialect);
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true }, interleave);
      w = await sheetWorld(t);
    });
    after(() => t.close());

    /**
     * The owner's work-log writes committed while a slice holding their day was submitted or approved: the audit rows
     * in the order the locks let them commit (a transition's and a write's are serialised by the sheet lock), walked
     * with each slice's state.
     */
    async function writtenWhileLocked() {
      const { rows } = await sql<{ id: number; action: string; slice: number | null; day: string | null }>`
        select a.id, a.action, case when a.entity_type = 'timesheet_slice' then a.entity_id::int end as slice,
               coalesce(a.after->>'start_date', a.before->>'start_date') as day
        from audit_log a
        where (a.entity_type = 'timesheet_slice' and a.entity_id::int in (select id from timesheet_slices where user_id = ${w.owner.id}))
           or (a.entity_type = 'worklog' and a.entity_id::int in (select id from worklogs where author_id = ${w.owner.id}))
        order by a.id`.execute(t.db);
      const slices = await t.db.selectFrom('timesheet_slices').selectAll().where('user_id', '=', w.owner.id).execute();
      const locked = new Map<number, boolean>();
      const violations: string[] = [];
      for (const row of rows) {
        if (row.slice !== null) {
          locked.set(row.slice, ['timesheet.submit', 'timesheet.approve'].includes(row.action));
          continue;
        }
        const day = row.day!.slice(0, 10);
        const holding = slices.find((s) => s.period_start <= day && day <= s.period_end && locked.get(s.id));
        if (holding) violations.push(`${row.action} #${row.id} on ${day} while slice ${holding.id} was locked`);
      }
      return violations;
    }

    test('FLOW-1: a work log sent while a submission holds the sheet waits, and is then refused with timesheet_locked', async () => {
      const week = weekOf(0);
      await logged(w.owner.c, w.item.key, week.day(0));
      interleave.arm(EXCLUSIVE, SHARED);
      const submitting = submit(w.owner.c, week);
      await interleave.heldSent;
      const [submitted, late] = await Promise.all([submitting, logWork(w.owner.c, w.item.key, week.day(1))]);
      assert.ok(interleave.fired, 'the work log reached the database while the submission held the lock');
      assert.equal(submitted.statusCode, 200, submitted.body);
      assert.equal(late.statusCode, 409, late.body);
      assert.equal(late.json().code, 'timesheet_locked');
      assert.deepEqual(await writtenWhileLocked(), []);
    });

    test('FLOW-1: a submission sent while a work-log edit holds the table waits; the edited work log is in the slice it submits', async () => {
      const week = weekOf(1);
      const log = await logged(w.owner.c, w.item.key, week.day(2), 1800);
      interleave.arm(SHARED, EXCLUSIVE);
      const editing = w.owner.c.patch(`/api/worklogs/${log.id}`, { version: log.version, durationSeconds: 3600 });
      await interleave.heldSent;
      const [edited, submitted] = await Promise.all([editing, submit(w.owner.c, week)]);
      assert.ok(interleave.fired, 'the submission reached the database while the edit held the table');
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(submitted.statusCode, 200, submitted.body);
      assert.deepEqual(
        submitted.json().slices.map((s: TimesheetSlice) => [s.state, s.seconds]),
        [['submitted', 3600]],
      );
      assert.deepEqual(await writtenWhileLocked(), []);
    });

    test('FLOW-1: a work log decided before a submission and inserted after it is refused with timesheet_locked', async () => {
      const week = weekOf(9);
      await logged(w.owner.c, w.item.key, week.day(0));
      interleave.arm(DECIDED, EXCLUSIVE);
      const logging = logWork(w.owner.c, w.item.key, week.day(3));
      await interleave.heldSent;
      const [written, submitted] = await Promise.all([logging, submit(w.owner.c, week)]);
      assert.ok(interleave.fired, 'the submission reached the database between the decision and the insert');
      assert.equal(submitted.statusCode, 200, submitted.body);
      const seconds = submitted.json().slices.map((s: TimesheetSlice) => s.seconds);
      // PGlite's one connection may serve the insert before the submission's transaction: then the work log is in it.
      if (t.dialect === 'pglite' && written.statusCode === 201) assert.deepEqual(seconds, [7200]);
      else {
        assert.equal(written.statusCode, 409, written.body);
        assert.equal(written.json().code, 'timesheet_locked');
        assert.deepEqual(seconds, [3600]);
      }
      assert.deepEqual(await writtenWhileLocked(), []);
    });

    test('FLOW-1, approve vs edit: an edit sent while an approval holds the sheet is refused; the approved snapshot is the work logs as stored', async () => {
      const week = weekOf(2);
      const log = await logged(w.owner.c, w.item.key, week.day(0), 1800);
      const [slice] = (await submit(w.owner.c, week)).json().slices as TimesheetSlice[];
      // On PostgreSQL the edit reads the slice's state (its decision's locks) while the approval holds the table.
      interleave.arm(EXCLUSIVE, DECIDED);
      const approving = w.approver.c.post(`/api/approvals/${slice.id}/approve`, {});
      await interleave.heldSent;
      const [approved, edit] = await Promise.all([
        approving,
        w.owner.c.patch(`/api/worklogs/${log.id}`, { version: log.version, durationSeconds: 7200 }),
      ]);
      assert.ok(interleave.fired, 'the edit reached the database while the approval held the lock');
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(edit.statusCode, 409, edit.body);
      assert.equal(edit.json().code, 'timesheet_locked');
      const row = await t.db
        .selectFrom('timesheet_slices')
        .select(['state', 'approved_snapshot'])
        .where('id', '=', slice.id!)
        .executeTakeFirstOrThrow();
      assert.equal(row.state, 'approved');
      const stored = await t.db
        .selectFrom('worklogs')
        .select(['id', 'duration_seconds'])
        .where('id', '=', log.id)
        .execute();
      const snapshot = (
        typeof row.approved_snapshot === 'string' ? JSON.parse(row.approved_snapshot) : row.approved_snapshot
      ) as Array<{
        id: number;
        seconds: number;
      }>;
      assert.deepEqual(
        snapshot.map((s) => [s.id, s.seconds]),
        stored.map((s) => [s.id, s.duration_seconds]),
      );
    });

    test('FLOW-1: submissions and rejections racing unforced work-log writes never leave a write in a locked slice (6 rounds)', async () => {
      const outcomes: string[] = [];
      for (let round = 0; round < 6; round++) {
        const week = weekOf(3 + round);
        const first = await logged(w.owner.c, w.item.key, week.day(0));
        let transition: Promise<{ statusCode: number; body: string }>;
        if (round % 2 === 0) transition = sleep(round * 10).then(() => submit(w.owner.c, week));
        else {
          const [slice] = (await submit(w.owner.c, week)).json().slices as TimesheetSlice[];
          transition = sleep(round * 10).then(() =>
            w.approver.c.post(`/api/approvals/${slice.id}/reject`, { comment: 'split the meeting' }),
          );
        }
        const [moved, ...written] = await Promise.all([
          transition,
          logWork(w.owner.c, w.item2.key, week.day(1)),
          w.owner.c.patch(`/api/worklogs/${first.id}`, { version: first.version, durationSeconds: 900 }),
          logWork(w.manager.c, w.item.key, week.day(2), { userId: w.owner.id }),
        ]);
        assert.equal(moved.statusCode, 200, moved.body);
        for (const res of written) {
          assert.ok([200, 201, 409].includes(res.statusCode), `round ${round}: ${res.statusCode} ${res.body}`);
          if (res.statusCode === 409) assert.equal(res.json().code, 'timesheet_locked');
        }
        outcomes.push(written.map((r) => r.statusCode).join('/'));
      }
      assert.deepEqual(await writtenWhileLocked(), [], outcomes.join('; '));
    });
  });
