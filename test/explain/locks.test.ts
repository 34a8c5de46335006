// Guards FLOW-11 and EXPL-1 for the timesheet locks: every refused change names the gate — a closed period of team T, a
// submitted or approved slice, a charge under invoice N, an own slice, a slice in the wrong state — and "Why can't I…?"
// (GET /api/explain) and "Check access" answer, for the same user, action, resource and date, the refusal's own code and
// message: a work log's edit and delete addressed by worklogId, a slice action by sliceId. Admins explain only what they
// may see themselves (404 otherwise).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createUser, DIALECTS, signedIn, type TestApp } from '../helpers/harness.js';
import { approvalWorld, decide, logged, submitted, WEEK, type Client } from '../approvals/fixtures.js';

interface Explanation {
  allowed: boolean;
  hidden: boolean;
  date: string | null;
  resource: { kind: string; key: string | null };
  deciding: { code: string; message: string };
}

for (const dialect of DIALECTS)
  describe(`explained locks (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function explained(c: Client, url: string): Promise<Explanation> {
      const res = await c.get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    }

    /**
     * The refused write and the explanations of the same decision — the user's own and an app_admin's "Check access" —
     * agree: the status (409 for a lock, 403 for the caller's standing), the code and the message (FLOW-11).
     */
    async function sameAnswer(
      write: { statusCode: number; json(): { code: string; detail: string }; body: string },
      own: Explanation,
      checked: Explanation,
      expected: { status: number; code: string; names: string },
    ) {
      assert.equal(write.statusCode, expected.status, write.body);
      const { code, detail } = write.json();
      assert.equal(code, expected.code, write.body);
      assert.ok(detail.includes(expected.names), `"${detail}" names ${expected.names}`);
      for (const e of [own, checked])
        assert.deepEqual([e.allowed, e.hidden, e.deciding.code, e.deciding.message], [false, false, code, detail]);
    }

    const explain = (query: string) => `/api/explain?${query}`;
    const check = (query: string, userId: number) => `/api/admin/check-access?${query}&userId=${userId}`;

    test('FLOW-11, EXPL-1, FLOW-1, FLOW-8, FLOW-9: the refusals of a submitted slice, a self-approval, a wrong state and a charged work log are their explanations', async () => {
      const w = await approvalWorld(t);
      const day = WEEK.start;
      const a = await logged(w.owner.c, w.itemA.key, day);
      const sliceA = (await submitted(w.owner.c)).get(w.teamA.id)!;
      const admin = w.appAdmin.c;

      // FLOW-1: a submitted slice locks its work logs — changing, deleting and adding to them.
      const edit = `action=worklog.edit&worklogId=${a.id}`;
      await sameAnswer(
        await w.owner.c.patch(`/api/worklogs/${a.id}`, { version: a.version, durationSeconds: 60 }),
        await explained(w.owner.c, explain(edit)),
        await explained(admin, check(edit, w.owner.id)),
        { status: 409, code: 'timesheet_locked', names: 'submitted' },
      );
      assert.equal(
        (await explained(w.owner.c, explain(edit))).date,
        day,
        "an edit is explained for the work log's date",
      );
      const remove = `action=worklog.delete&worklogId=${a.id}`;
      await sameAnswer(
        await w.owner.c.delete(`/api/worklogs/${a.id}?version=${a.version}`),
        await explained(w.owner.c, explain(remove)),
        await explained(admin, check(remove, w.owner.id)),
        { status: 409, code: 'timesheet_locked', names: 'submitted' },
      );
      const create = `action=worklog.create&item=${w.itemA.key}&date=${day}`;
      await sameAnswer(
        await w.owner.c.post('/api/worklogs', { itemKey: w.itemA.key, startDate: day, durationSeconds: 60 }),
        await explained(w.owner.c, explain(create)),
        await explained(admin, check(create, w.owner.id)),
        { status: 409, code: 'timesheet_locked', names: 'submitted' },
      );

      // FLOW-8: nobody approves their own slice — not even an approver of its team.
      await logged(w.colleague.c, w.itemA.key, day);
      const own = (await submitted(w.colleague.c)).get(w.teamA.id)!;
      const approveOwn = `action=timesheet.approve&sliceId=${own}`;
      await sameAnswer(
        await decide(w.colleague.c, own, 'approve'),
        await explained(w.colleague.c, explain(approveOwn)),
        await explained(admin, check(approveOwn, w.colleague.id)),
        { status: 403, code: 'own_timesheet', names: 'own timesheet' },
      );

      // FLOW-1: a slice action from a state it does not apply from.
      assert.equal((await decide(w.approverA.c, sliceA, 'approve')).statusCode, 200);
      const approveAgain = `action=timesheet.approve&sliceId=${sliceA}`;
      await sameAnswer(
        await decide(w.approverA.c, sliceA, 'approve'),
        await explained(w.approverA.c, explain(approveAgain)),
        await explained(admin, check(approveAgain, w.approverA.id)),
        { status: 409, code: 'invalid_transition', names: 'approved' },
      );

      // FLOW-9: a charged work log stays locked once its slice is open again (recalled and granted), until revoked.
      const invoice = `INV-${t.dialect}-${a.id}`;
      const charged = await admin.post('/api/charges', {
        invoiceNumber: invoice,
        invoiceDate: '2026-11-30',
        amount: '100.00',
        currency: 'EUR',
        worklogIds: [a.id],
      });
      assert.equal(charged.statusCode, 201, charged.body);
      assert.equal((await w.owner.c.post(`/api/timesheets/slices/${sliceA}/recall`, {})).statusCode, 200);
      assert.equal((await decide(w.approverA.c, sliceA, 'grant-recall')).statusCode, 200);
      await sameAnswer(
        await w.owner.c.patch(`/api/worklogs/${a.id}`, { version: a.version, durationSeconds: 60 }),
        await explained(w.owner.c, explain(edit)),
        await explained(admin, check(edit, w.owner.id)),
        { status: 409, code: 'worklog_charged', names: invoice },
      );
      await sameAnswer(
        await w.owner.c.delete(`/api/worklogs/${a.id}?version=${a.version}`),
        await explained(w.owner.c, explain(remove)),
        await explained(admin, check(remove, w.owner.id)),
        { status: 409, code: 'worklog_charged', names: invoice },
      );
    });

    test('FLOW-11, EXPL-1, FLOW-3: work dated in a closed period of its team is refused with the team and the period named, as explained — for its author and an app_admin acting for them alike', async () => {
      const w = await approvalWorld(t);
      const day = WEEK.start;
      const b = await logged(w.owner.c, w.itemB.key, day);
      const month = `${day.slice(0, 7)}-01`;
      const closed = await w.appAdmin.c.post(`/api/teams/${w.teamB.id}/periods/${month}/close`, {});
      assert.equal(closed.statusCode, 200, closed.body);
      const names = `team '${w.teamB.name}'`;
      const expected = { status: 409, code: 'period_closed', names };
      const edit = `action=worklog.edit&worklogId=${b.id}`;
      const remove = `action=worklog.delete&worklogId=${b.id}`;
      const create = `action=worklog.create&item=${w.itemB.key}&date=${day}`;
      await sameAnswer(
        await w.owner.c.post('/api/worklogs', { itemKey: w.itemB.key, startDate: day, durationSeconds: 60 }),
        await explained(w.owner.c, explain(create)),
        await explained(w.appAdmin.c, check(create, w.owner.id)),
        expected,
      );
      await sameAnswer(
        await w.owner.c.patch(`/api/worklogs/${b.id}`, { version: b.version, durationSeconds: 60 }),
        await explained(w.owner.c, explain(edit)),
        await explained(w.appAdmin.c, check(edit, w.owner.id)),
        expected,
      );
      // Moving the work log out of the closed period is a change in it too: the explanation for the new date says so.
      const moved = await w.owner.c.patch(`/api/worklogs/${b.id}`, {
        version: b.version,
        startDate: '2026-12-01',
      });
      const movedOwn = await explained(w.owner.c, explain(`${edit}&date=2026-12-01`));
      assert.equal(movedOwn.date, '2026-12-01');
      await sameAnswer(
        moved,
        movedOwn,
        await explained(w.appAdmin.c, check(`${edit}&date=2026-12-01`, w.owner.id)),
        expected,
      );
      // app_admin acting for the author is refused alike (nobody changes a closed period): the refusal is the author's.
      const forOwner = await w.appAdmin.c.delete(`/api/worklogs/${b.id}?version=${b.version}`);
      const asAdmin = await explained(w.appAdmin.c, explain(remove));
      assert.equal(forOwner.statusCode, 409, forOwner.body);
      assert.deepEqual(
        [asAdmin.deciding.code, asAdmin.deciding.message],
        [forOwner.json().code, forOwner.json().detail],
        "the app_admin's own explanation of deleting the work log is the refusal",
      );
      assert.ok(forOwner.json().detail.includes(names));
    });

    test('EXPL-1: an admin explains a work log or a slice only when they may see it themselves — 404 otherwise, as for a missing one; a missing id is a 404, a missing parameter a 400 naming it', async () => {
      const w = await approvalWorld(t);
      const a = await logged(w.owner.c, w.itemA.key, WEEK.start);
      const sliceA = (await submitted(w.owner.c)).get(w.teamA.id)!;
      // A system administrator (Administration area) who browses neither project and holds no app role.
      const root = await createUser(t.db, { systemAdmin: true });
      const rc = await signedIn(t.app, root.login);
      for (const url of [
        check(`action=worklog.edit&worklogId=${a.id}`, w.owner.id),
        check(`action=worklog.delete&worklogId=${a.id}`, w.owner.id),
        check(`action=timesheet.approve&sliceId=${sliceA}`, w.approverA.id),
        check(`action=timesheet.approve&sliceId=999999`, w.approverA.id),
        check(`action=worklog.delete&worklogId=999999`, w.owner.id),
      ]) {
        const res = await rc.get(url);
        assert.equal(res.statusCode, 404, `${url}: ${res.body}`);
      }
      // The approver of the other team may not know the slice: their own explanation is a 404 too, like the action.
      const approveA = `action=timesheet.approve&sliceId=${sliceA}`;
      assert.equal((await w.approverB.c.get(explain(approveA))).statusCode, 404);
      assert.equal((await decide(w.approverB.c, sliceA, 'approve')).statusCode, 404);
      // Whoever may see it is told: the approver of its team, allowed.
      const allowed = await explained(w.approverA.c, explain(approveA));
      assert.deepEqual([allowed.allowed, allowed.resource], [true, { kind: 'slice', key: String(sliceA) }]);
      for (const [query, field] of [
        ['action=worklog.edit', 'worklogId'],
        ['action=timesheet.approve', 'sliceId'],
      ]) {
        const res = await w.owner.c.get(explain(query));
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().field, field);
      }
    });
  });
