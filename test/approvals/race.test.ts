// Guards FLOW-1 and FLOW-10 under concurrency: an edit of a slice's work log racing the slice's approval never lands in
// the approved slice, and the approval snapshots the hours as they are at its commit. A work-log edit decides once before
// its transaction and again inside it, after taking the owner's sheet lock shared (src/lib/locks.ts); an approval takes
// that lock exclusively first. The worst case is forced: the approval holds the lock while the edit is under way, and the
// edit waits, then reads the slice approved and is refused with timesheet_locked. On PostgreSQL the edit passed its first
// check while the slice was still rejected (the owner submitted meanwhile), so it is its transaction's shared lock that
// waits — the database's waiting. PGlite is one connection, which a held statement keeps: there the edit is sent while the
// approval's transaction holds it, and its first statement waits for the transaction to end — the same outcome, in sequence.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, RawNode } from 'kysely';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { approvalWorld, decide, logged, submitted, type ApprovalWorld } from './fixtures.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A transition's exclusive lock on the owner's sheet (lockOwnerSheet) and a write's shared one (lockWorkDays). */
const EXCLUSIVE = /lock table worklogs in share/;
const SHARED = /insert into worklogs|lock table worklogs in row exclusive/;

/**
 * Holds statements to force an interleaving: `holdResult(pattern)` keeps the result of the next statement matching the
 * pattern from its caller until `release()` (its transaction, if any, keeps its locks meanwhile); `sent(pattern)` resolves
 * when a statement matching the pattern is sent, or after 5 s (false).
 */
class Interleave implements KyselyPlugin {
  #holds: Array<{ pattern: RegExp; reached: () => void; released: Promise<void>; query?: QueryId }> = [];
  #waits: Array<{ pattern: RegExp | null; seen: () => void }> = [];

  holdResult(pattern: RegExp) {
    let reached = () => {};
    let release = () => {};
    const hold = {
      pattern,
      reached: () => reached(),
      released: new Promise<void>((resolve) => (release = resolve)),
    };
    this.#holds.push(hold);
    const whenReached = new Promise<void>((resolve) => (reached = resolve));
    return { reached: Promise.race([whenReached, sleep(5_000)]), release };
  }

  /** `pattern` null: any statement. */
  sent(pattern: RegExp | null): Promise<boolean> {
    const seen = new Promise<boolean>((resolve) => this.#waits.push({ pattern, seen: () => resolve(true) }));
    return Promise.race([seen, sleep(5_000).then(() => false)]);
  }

  transformQuery({ node, queryId }: PluginTransformQueryArgs) {
    const text = node.kind === 'RawNode' ? (node as RawNode).sqlFragments.join(' ') : '';
    for (const wait of this.#waits.filter((w) => w.pattern === null || w.pattern.test(text))) {
      this.#waits.splice(this.#waits.indexOf(wait), 1);
      wait.seen();
    }
    const hold = this.#holds.find((h) => h.query === undefined && h.pattern.test(text));
    if (hold) {
      hold.query = queryId;
      hold.reached();
    }
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs) {
    const hold = this.#holds.find((h) => h.query === queryId);
    if (hold) {
      this.#holds.splice(this.#holds.indexOf(hold), 1);
      await Promise.race([hold.released, sleep(5_000)]);
    }
    return result;
  }
}

/** The locks a work-log decision reads (loadLocks): the edit's first check, before its transaction. */
const EDIT_CHECK = /md5\(l\.locks::text\)/;

for (const dialect of DIALECTS)
  describe(`approvals: an approval racing an edit of the slice's work logs (${dialect})`, () => {
    let t: TestApp;
    let w: ApprovalWorld;
    const interleave = new Interleave();
    before(async () => {
      t = await createTestApp(dialect, {}, interleave);
      w = await approvalWorld(t);
    });
    after(() => t.close());

    /** The owner logs an hour in the week and submits it: the work log and the team A slice. */
    async function submittedWeek(start: string) {
      const worklog = await logged(w.owner.c, w.itemA.key, start);
      const end = new Date(Date.parse(`${start}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      const sliceId = (await submitted(w.owner.c, { start, end })).get(w.teamA.id)!;
      return { worklog, sliceId };
    }

    const secondsOf = async (worklogId: number) =>
      (
        await t.db
          .selectFrom('worklogs')
          .select('duration_seconds')
          .where('id', '=', worklogId)
          .executeTakeFirstOrThrow()
      ).duration_seconds;
    const snapshotOf = async (sliceId: number) => {
      const row = await t.db
        .selectFrom('timesheet_slices')
        .select(['state', 'approved_snapshot'])
        .where('id', '=', sliceId)
        .executeTakeFirstOrThrow();
      const value =
        typeof row.approved_snapshot === 'string' ? JSON.parse(row.approved_snapshot) : row.approved_snapshot;
      return { state: row.state, seconds: (value as Array<{ seconds: number }>).map((e) => e.seconds) };
    };

    test('FLOW-1, FLOW-10: an edit under way while an approval holds the owner sheet lock waits, then is refused with timesheet_locked', async () => {
      const { worklog, sliceId } = await submittedWeek('2026-10-05');
      const postgres = t.dialect === 'postgres';
      const edit = async () =>
        w.owner.c.patch(`/api/worklogs/${worklog.id}`, { version: worklog.version, durationSeconds: 7200 });
      let editing: ReturnType<typeof edit>;
      let approving: ReturnType<typeof decide>;
      let editWaits: Promise<boolean>;
      let releaseApproval: () => void;
      if (postgres) {
        // The edit passes its first check on the rejected slice and is held there; the owner submits meanwhile.
        assert.equal((await decide(w.approverA.c, sliceId, 'reject', { comment: 'Add the review.' })).statusCode, 200);
        const firstCheck = interleave.holdResult(EDIT_CHECK);
        editing = edit();
        await firstCheck.reached;
        await submitted(w.owner.c, { start: '2026-10-05', end: '2026-10-11' });
        const approval = interleave.holdResult(EXCLUSIVE);
        approving = decide(w.approverA.c, sliceId, 'approve');
        await approval.reached;
        editWaits = interleave.sent(SHARED);
        firstCheck.release();
        releaseApproval = approval.release;
      } else {
        const approval = interleave.holdResult(EXCLUSIVE);
        approving = decide(w.approverA.c, sliceId, 'approve');
        await approval.reached;
        editWaits = interleave.sent(null);
        editing = edit();
        releaseApproval = approval.release;
      }
      assert.ok(await editWaits, 'the edit asked for what the approval holds while it held it');
      await sleep(100);
      releaseApproval();
      const [edited, approved] = await Promise.all([editing, approving]);
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(edited.statusCode, 409, edited.body);
      assert.equal(edited.json().code, 'timesheet_locked');
      assert.match(edited.json().detail, /for 2026-10-05 – 2026-10-11 is approved$/);
      assert.equal(await secondsOf(worklog.id), 3600, 'the work log is as approved');
      assert.deepEqual(await snapshotOf(sliceId), { state: 'approved', seconds: [3600] });
    });

    test('FLOW-1, FLOW-10: an edit of a submitted slice is refused at once, whether or not an approval holds the lock; approvals racing edits never snapshot other hours (4 rounds)', async () => {
      for (let round = 0; round < 4; round++) {
        const start = `2026-09-${String(7 + 7 * round).padStart(2, '0')}`;
        const { worklog, sliceId } = await submittedWeek(start);
        const [approved, edited] = await Promise.all([
          sleep(round * 10).then(() => decide(w.approverA.c, sliceId, 'approve')),
          w.owner.c.patch(`/api/worklogs/${worklog.id}`, { version: worklog.version, durationSeconds: 7200 }),
        ]);
        assert.equal(approved.statusCode, 200, approved.body);
        assert.equal(edited.statusCode, 409, edited.body);
        assert.equal(edited.json().code, 'timesheet_locked');
        assert.deepEqual(await snapshotOf(sliceId), { state: 'approved', seconds: [3600] });
      }
    });

    test('FLOW-2, FLOW-7: a batch approve waiting on a reject of one of its slices decides that slice again inside its transaction — refused, the rest approved, one history row each', async () => {
      const first = await submittedWeek('2026-08-03');
      const second = await submittedWeek('2026-08-10');
      const rejection = interleave.holdResult(EXCLUSIVE);
      const rejecting = decide(w.approverA.c, first.sliceId, 'reject', { comment: 'Split the review.' });
      await rejection.reached;
      const batchWaits = interleave.sent(null);
      const batching = w.approverA.c.post('/api/approvals/batch', {
        ids: [first.sliceId, second.sliceId],
        decision: 'approve',
      });
      assert.ok(await batchWaits, 'the batch was under way while the rejection held the lock');
      await sleep(100);
      rejection.release();
      const [rejected, batch] = await Promise.all([rejecting, batching]);
      assert.equal(rejected.statusCode, 200, rejected.body);
      assert.equal(batch.statusCode, 200, batch.body);
      assert.deepEqual(
        batch.json().results.map((r: { id: number; ok: boolean; code?: string }) => [r.id, r.ok, r.code]),
        [
          [first.sliceId, false, 'invalid_transition'],
          [second.sliceId, true, undefined],
        ],
      );
      const firstRow = await t.db
        .selectFrom('timesheet_slices')
        .select(['state', 'approved_snapshot'])
        .where('id', '=', first.sliceId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(firstRow, { state: 'rejected', approved_snapshot: null });
      assert.deepEqual(await snapshotOf(second.sliceId), { state: 'approved', seconds: [3600] });
      const history = await t.db
        .selectFrom('flow_history')
        .select(['entity_id', 'to_state'])
        .where('entity_type', '=', 'timesheet_slice')
        .where('entity_id', 'in', [first.sliceId, second.sliceId])
        .where('to_state', 'in', ['approved', 'rejected'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        history.map((h) => [h.entity_id, h.to_state]),
        [
          [first.sliceId, 'rejected'],
          [second.sliceId, 'approved'],
        ],
      );
    });
  });
