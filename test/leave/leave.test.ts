// Guards FLOW-4 (leave) and APP-2's Leave Approval area: a request is counted in working days of the owner's calendar
// (weekends off, half days 0.5) and checked against their allowance and other leave; it is routed to the
// vacation_approvers of the owner's teams — or to every one when none of those teams has one — who approve, reject with
// a comment or revoke back to pending, never their own; the owner cancels before approval. Approved leave takes the
// day's capacity in the grid. The leave type is seen by the owner, the routed approvers and app_admin only: a colleague
// reads "absent", and a test greps every response the colleague gets for the type's name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAppAdmin, createTestApp, createUser, DIALECTS, unique, type TestApp } from '../helpers/harness.js';
import { addMember, createTeam, grantAppRole } from '../helpers/teams.js';
import { as, type Client } from '../security/fixtures.js';

const MONDAY = '2030-06-03';
const FRIDAY = '2030-06-07';

for (const dialect of DIALECTS)
  describe(`leave (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** A team with an owner, a vacation_approver and a lead who sees members' work; another team's approver. */
    async function office() {
      const owner = await createUser(t.db);
      const approver = await createUser(t.db);
      const lead = await createUser(t.db);
      const outsider = await createUser(t.db);
      await grantAppRole(t.db, approver.id, 'vacation_approver');
      await grantAppRole(t.db, outsider.id, 'vacation_approver');
      const team = await createTeam(t.db, null, { members: [{ userId: owner.id }, { userId: approver.id }] });
      await addMember(t.db, team.id, lead.id, ['VIEW_MEMBER_WORKLOGS']);
      await createTeam(t.db, null, { members: [{ userId: outsider.id }] });
      const type = async (name: string) =>
        (await t.db.selectFrom('leave_types').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
      return {
        owner: await as(t.app, owner.login),
        ownerId: owner.id,
        approver: await as(t.app, approver.login),
        lead: await as(t.app, lead.login),
        outsider: await as(t.app, outsider.login),
        vacation: await type('Vacation'),
        sick: await type('Sick'),
      };
    }

    test('FLOW-4: a request counts working days (a week with a half day: 4.5), shows in the balance, and is approved by the routed approver; the day then has no capacity', async () => {
      const o = await office();
      const made = await o.owner.post('/api/me/leave', {
        typeId: o.vacation,
        startDate: MONDAY,
        endDate: '2030-06-09',
        endHalf: false,
        startHalf: true,
        comment: 'Summer',
      });
      assert.equal(made.statusCode, 201, made.body);
      const leave = made.json();
      assert.deepEqual(
        [leave.days, leave.state, leave.type.name, leave.abilities],
        [4.5, 'pending', 'Vacation', { cancel: true, approve: false, reject: false, revoke: false }],
      );
      const mine = (await o.owner.get('/api/me/leave?year=2030')).json();
      const balance = mine.balances.find((b: { type: { name: string } }) => b.type.name === 'Vacation');
      assert.deepEqual(
        [balance.allowanceDays, balance.takenDays, balance.pendingDays, balance.remainingDays],
        [25, 0, 4.5, 20.5],
      );

      const queue = (await o.approver.get('/api/leave')).json();
      assert.deepEqual(
        queue.items.map((l: { id: number }) => l.id),
        [leave.id],
      );
      assert.deepEqual(queue.items[0].abilities, { cancel: false, approve: true, reject: true, revoke: false });
      const approved = await o.approver.post(`/api/leave/${leave.id}/approve`, { version: leave.version });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json().state, 'approved');

      const grid = (await o.owner.get(`/api/timesheets?date=${MONDAY}`)).json();
      const days = grid.days.map((d: { capacitySeconds: number; leave: unknown }) => [d.capacitySeconds, d.leave]);
      assert.deepEqual(days.slice(0, 3), [
        [4 * 3600, { name: 'Vacation', half: true }],
        [0, { name: 'Vacation', half: false }],
        [0, { name: 'Vacation', half: false }],
      ]);
      assert.deepEqual(days[5], [0, null], 'a weekend day is no leave');
      const after = (await o.owner.get('/api/me/leave?year=2030')).json();
      const taken = after.balances.find((b: { type: { name: string } }) => b.type.name === 'Vacation');
      assert.deepEqual([taken.takenDays, taken.pendingDays], [4.5, 0]);
    });

    test('FLOW-4: the leave type is masked — the lead reads "absent" on the member’s grid, gets 404 for the request, and no response names the type', async () => {
      const o = await office();
      const made = (await o.owner.post('/api/me/leave', { typeId: o.sick, startDate: MONDAY, endDate: MONDAY })).json();
      await o.approver.post(`/api/leave/${made.id}/approve`, { version: made.version });
      const bodies: string[] = [];
      const read = async (c: Client, url: string) => {
        const res = await c.get(url);
        bodies.push(res.body);
        return res;
      };
      const grid = (await read(o.lead, `/api/timesheets?date=${MONDAY}&userId=${o.ownerId}`)).json();
      assert.equal(grid.days[0].capacitySeconds, 0);
      assert.deepEqual(grid.days[0].leave, { name: 'absent', half: false });
      assert.equal((await read(o.lead, `/api/leave/${made.id}`)).statusCode, 404);
      assert.equal((await read(o.outsider, `/api/leave/${made.id}`)).statusCode, 404, 'an approver of another team');
      assert.deepEqual((await read(o.outsider, '/api/leave?state=approved')).json().items, []);
      await read(o.lead, `/api/reports/workload?from=${MONDAY}&to=${FRIDAY}&users=${o.ownerId}`);
      await read(o.lead, '/api/dashboard');
      for (const body of bodies) assert.ok(!/sick/i.test(body), `no response names the type: ${body.slice(0, 200)}`);

      const own = (await o.owner.get(`/api/timesheets?date=${MONDAY}`)).json();
      assert.deepEqual(own.days[0].leave, { name: 'Sick', half: false }, 'the owner sees the type');
      const admin = await as(t.app, (await createAppAdmin(t.db)).login);
      assert.equal((await admin.get(`/api/leave/${made.id}`)).json().type.name, 'Sick', 'app_admin sees the type');
    });

    test('FLOW-4: routing — an approver of another team neither sees nor decides the request; with no approver in the owner’s teams every approver does', async () => {
      const o = await office();
      const made = (
        await o.owner.post('/api/me/leave', { typeId: o.vacation, startDate: MONDAY, endDate: MONDAY })
      ).json();
      const refused = await o.outsider.post(`/api/leave/${made.id}/approve`, { version: made.version });
      assert.equal(refused.statusCode, 404);

      const loner = await createUser(t.db);
      const lonerClient = await as(t.app, loner.login);
      const alone = (
        await lonerClient.post('/api/me/leave', { typeId: o.vacation, startDate: MONDAY, endDate: MONDAY })
      ).json();
      const ids = (await o.outsider.get('/api/leave?limit=200')).json().items.map((l: { id: number }) => l.id);
      assert.ok(ids.includes(alone.id), 'a request of a user in no team with an approver goes to every approver');
      assert.ok(!ids.includes(made.id));
      const decided = await o.outsider.post(`/api/leave/${alone.id}/reject`, {
        version: alone.version,
        comment: 'Busy week',
      });
      assert.deepEqual(
        [decided.statusCode, decided.json().state, decided.json().decisionComment],
        [200, 'rejected', 'Busy week'],
      );
    });

    test('FLOW-4: nobody decides their own leave; the owner cancels only before approval; a revoke returns it to pending with a comment', async () => {
      const o = await office();
      const own = (
        await o.approver.post('/api/me/leave', { typeId: o.vacation, startDate: MONDAY, endDate: MONDAY })
      ).json();
      const selfApproved = await o.approver.post(`/api/leave/${own.id}/approve`, { version: own.version });
      assert.deepEqual([selfApproved.statusCode, selfApproved.json().code], [403, 'own_leave']);
      assert.ok(!(await o.approver.get('/api/leave')).json().items.some((l: { id: number }) => l.id === own.id));

      const made = (
        await o.owner.post('/api/me/leave', { typeId: o.vacation, startDate: FRIDAY, endDate: FRIDAY })
      ).json();
      const approved = (await o.approver.post(`/api/leave/${made.id}/approve`, { version: made.version })).json();
      const late = await o.owner.post(`/api/leave/${made.id}/cancel`, { version: approved.version });
      assert.deepEqual([late.statusCode, late.json().code], [409, 'leave_state']);
      const noReason = await o.approver.post(`/api/leave/${made.id}/revoke`, { version: approved.version });
      assert.deepEqual([noReason.statusCode, noReason.json().field], [400, 'comment']);
      const revoked = await o.approver.post(`/api/leave/${made.id}/revoke`, {
        version: approved.version,
        comment: 'Release is moved',
      });
      assert.deepEqual([revoked.statusCode, revoked.json().state], [200, 'pending']);
      const byOther = await o.approver.post(`/api/leave/${made.id}/cancel`, { version: revoked.json().version });
      assert.equal(byOther.statusCode, 403, 'only the owner cancels');
      const cancelled = await o.owner.post(`/api/leave/${made.id}/cancel`, { version: revoked.json().version });
      assert.deepEqual([cancelled.statusCode, cancelled.json().state], [200, 'cancelled']);
      const stale = await o.approver.post(`/api/leave/${made.id}/approve`, { version: made.version });
      assert.equal(stale.statusCode, 409);
    });

    test('FLOW-4: bad requests name the field or a stable code and write nothing', async () => {
      const o = await office();
      const count = async () =>
        Number(
          (
            await t.db
              .selectFrom('leave_requests')
              .select((e) => e.fn.countAll().as('n'))
              .where('user_id', '=', o.ownerId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const post = (body: object) => o.owner.post('/api/me/leave', { typeId: o.vacation, ...body });
      const backwards = await post({ startDate: FRIDAY, endDate: MONDAY });
      assert.deepEqual([backwards.statusCode, backwards.json().field], [400, 'endDate']);
      const weekend = await post({ startDate: '2030-06-08', endDate: '2030-06-09' });
      assert.deepEqual([weekend.statusCode, weekend.json().code], [422, 'leave_no_working_days']);
      const both = await post({ startDate: MONDAY, endDate: MONDAY, startHalf: true, endHalf: true });
      assert.deepEqual([both.statusCode, both.json().field], [400, 'endHalf']);
      const tooMuch = await post({ startDate: '2030-01-07', endDate: '2030-03-01' });
      assert.deepEqual([tooMuch.statusCode, tooMuch.json().code], [422, 'leave_allowance_exceeded']);
      const unknown = await o.owner.post('/api/me/leave', { typeId: 999999, startDate: MONDAY, endDate: MONDAY });
      assert.deepEqual([unknown.statusCode, unknown.json().field], [400, 'typeId']);
      assert.equal(await count(), 0);
      assert.equal((await post({ startDate: MONDAY, endDate: FRIDAY })).statusCode, 201);
      const overlap = await post({ startDate: FRIDAY, endDate: '2030-06-10' });
      assert.deepEqual([overlap.statusCode, overlap.json().code], [409, 'leave_overlap']);
      assert.equal(await count(), 1);
    });

    test('APP-2: the Leave Approval area is for vacation_approver and app_admin; leave types are the administrators’', async () => {
      const user = await as(t.app, (await createUser(t.db)).login);
      assert.equal((await user.get('/api/leave')).statusCode, 403);
      assert.equal((await user.get('/api/admin/leave-types')).statusCode, 403);
      const admin = await as(t.app, (await createAppAdmin(t.db)).login);
      const name = unique('Parental ');
      const created = await admin.post('/api/admin/leave-types', { name, allowanceDays: 10 });
      assert.equal(created.statusCode, 201, created.body);
      const archived = await admin.patch(`/api/admin/leave-types/${created.json().id}`, {
        version: 1,
        archived: true,
      });
      assert.equal(archived.json().archived, true);
      const offered = (await user.get('/api/me/leave')).json().types.map((x: { name: string }) => x.name);
      assert.ok(!offered.includes(name), 'an archived type is offered for no new request');
      const taken = await admin.post('/api/admin/leave-types', { name: 'vacation' });
      assert.deepEqual([taken.statusCode, taken.json().field], [409, 'name']);
    });
  });
