// Guards FLOW-5 (planning) and the Schedule area: a scheduler_viewer plans for themselves only; MANAGE_SCHEDULE in a
// team (or team_admin, app_admin) plans for its members and its placeholders "to be staffed"; only billing_admin marks a
// task billable, only client_admin picks its client, and only client readers see a client name on a task (APP-4, APP-5:
// the field is absent for everyone else). Utilisation counts planned hours and approved leave against the person's
// capacity on their calendar and shows overbooking; a plan on a work item the reader may not view is "busy" (ITEM-9).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createUser, DIALECTS, type TestApp } from '../helpers/harness.js';
import { addMember, createTeam, grantAppRole } from '../helpers/teams.js';
import { as, projectWorld, secure, viewer } from '../security/fixtures.js';

const MONDAY = '2030-06-03';
const FRIDAY = '2030-06-07';

interface Plan {
  id: number;
  version: number;
  busy: boolean;
  title?: string;
  client?: { id: number; name: string } | null;
  billable?: boolean;
  canEdit: boolean;
}
interface Day {
  date: string;
  capacitySeconds: number;
  plannedSeconds: number;
  leaveSeconds: number;
  leave: string | null;
  overbooked: boolean;
}
interface Row {
  user: { id: number };
  days: Day[];
  tasks: Plan[];
  utilisation: number;
  canPlan: boolean;
}

for (const dialect of DIALECTS)
  describe(`planning (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** A team with a planner (MANAGE_SCHEDULE) and two members; a member of another team. */
    async function office() {
      const planner = await createUser(t.db);
      const member = await createUser(t.db);
      const colleague = await createUser(t.db);
      const stranger = await createUser(t.db);
      const team = await createTeam(t.db, null, { members: [{ userId: member.id }, { userId: colleague.id }] });
      await addMember(t.db, team.id, planner.id, ['MANAGE_SCHEDULE']);
      await createTeam(t.db, null, { members: [{ userId: stranger.id }] });
      return {
        team,
        ids: { planner: planner.id, member: member.id, colleague: colleague.id, stranger: stranger.id },
        planner: await as(t.app, planner.login),
        member: await as(t.app, member.login),
        colleague: await as(t.app, colleague.login),
        stranger: await as(t.app, stranger.login),
      };
    }
    const week = (c: Awaited<ReturnType<typeof office>>['planner'], teamId?: number) =>
      c.get(`/api/schedule?from=${MONDAY}&to=${FRIDAY}${teamId ? `&teamId=${teamId}` : ''}`);

    test('FLOW-5: a scheduler_viewer plans for themselves and sees only their own row; planning for a colleague is refused', async () => {
      const o = await office();
      const own = await o.member.post('/api/schedule/tasks', {
        userId: o.ids.member,
        title: 'Write the spec',
        startDate: MONDAY,
        endDate: FRIDAY,
        hoursPerDay: 4,
      });
      assert.equal(own.statusCode, 201, own.body);
      const forOther = await o.member.post('/api/schedule/tasks', {
        userId: o.ids.colleague,
        title: 'Not mine to plan',
        startDate: MONDAY,
        endDate: FRIDAY,
        hoursPerDay: 4,
      });
      assert.equal(forOther.statusCode, 403, forOther.body);
      const timeline = (await week(o.member)).json();
      assert.deepEqual(
        timeline.rows.map((r: Row) => r.user.id),
        [o.ids.member],
      );
      assert.equal(timeline.rows[0].utilisation, 50);
      assert.deepEqual(timeline.teams[0].canStaff, false);
      assert.deepEqual(timeline.teams[0].placeholders, []);
    });

    test('FLOW-5: MANAGE_SCHEDULE plans for the team’s members and placeholders, not for another team’s; a move to another person is decided for them too', async () => {
      const o = await office();
      const plan = await o.planner.post('/api/schedule/tasks', {
        userId: o.ids.member,
        title: 'Migration',
        startDate: MONDAY,
        endDate: FRIDAY,
        totalHours: 20,
      });
      assert.equal(plan.statusCode, 201, plan.body);
      assert.equal(plan.json().hoursPerDay, 4, 'a total is spread over the working days');
      const outside = await o.planner.post('/api/schedule/tasks', {
        userId: o.ids.stranger,
        title: 'x',
        startDate: MONDAY,
        endDate: MONDAY,
        hoursPerDay: 1,
      });
      assert.equal(outside.statusCode, 403);
      const placeholder = await o.planner.post('/api/schedule/tasks', {
        teamId: o.team.id,
        title: 'To be staffed: QA',
        startDate: MONDAY,
        endDate: FRIDAY,
        hoursPerDay: 6,
      });
      assert.equal(placeholder.statusCode, 201, placeholder.body);
      assert.equal(placeholder.json().user, null);
      const moved = await o.planner.patch(`/api/schedule/tasks/${plan.json().id}`, {
        version: plan.json().version,
        userId: o.ids.colleague,
        startDate: '2030-06-04',
      });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.deepEqual(
        [moved.json().user.id, moved.json().startDate, moved.json().hoursPerDay],
        [o.ids.colleague, '2030-06-04', 4],
      );
      const away = await o.planner.patch(`/api/schedule/tasks/${plan.json().id}`, {
        version: moved.json().version,
        userId: o.ids.stranger,
      });
      assert.equal(away.statusCode, 403, 'moving to a person one does not plan for is refused');
      const stale = await o.planner.patch(`/api/schedule/tasks/${plan.json().id}`, { version: 1, endDate: FRIDAY });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().code, 'version_conflict');

      const timeline = (await week(o.planner)).json();
      assert.deepEqual(
        timeline.rows.map((r: Row) => r.user.id).sort(),
        [o.ids.planner, o.ids.member, o.ids.colleague].sort(),
      );
      const team = timeline.teams.find((x: { id: number }) => x.id === o.team.id);
      assert.equal(team.canStaff, true);
      assert.deepEqual(
        team.placeholders.map((p: Plan) => p.title),
        ['To be staffed: QA'],
      );
      // The stranger's plans are not the planner's to see: 404, not 403.
      const theirs = await o.stranger.post('/api/schedule/tasks', {
        userId: o.ids.stranger,
        title: 'Private',
        startDate: MONDAY,
        endDate: MONDAY,
        hoursPerDay: 1,
      });
      const hidden = await o.planner.patch(`/api/schedule/tasks/${theirs.json().id}`, { version: 1, title: 'x' });
      assert.equal(hidden.statusCode, 404);
      const gone = await o.planner.delete(`/api/schedule/tasks/${placeholder.json().id}?version=1`);
      assert.equal(gone.statusCode, 204, gone.body);
    });

    test('FLOW-5, APP-5: only billing_admin marks a task billable; APP-4: only client_admin picks the client, and only client readers see its name', async () => {
      const o = await office();
      const billing = await createUser(t.db);
      await grantAppRole(t.db, billing.id, 'billing_admin');
      const clients = await createUser(t.db);
      await grantAppRole(t.db, clients.id, 'client_admin');
      const reader = await createUser(t.db);
      await grantAppRole(t.db, reader.id, 'client_viewer');
      const client = await t.db
        .insertInto('clients')
        .values({ name: 'Initech' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const base = { userId: o.ids.member, title: 'Audit', startDate: MONDAY, endDate: MONDAY, hoursPerDay: 2 };
      const notBilling = await o.member.post('/api/schedule/tasks', { ...base, billable: true });
      assert.equal(notBilling.statusCode, 403);
      assert.equal(notBilling.json().code, 'missing_authority');
      const notClients = await o.member.post('/api/schedule/tasks', { ...base, clientId: client.id });
      assert.equal(notClients.statusCode, 403);

      const asBilling = await as(t.app, billing.login);
      const billable = await asBilling.post('/api/schedule/tasks', { ...base, userId: billing.id, billable: true });
      assert.equal(billable.statusCode, 201, billable.body);
      assert.equal(billable.json().billable, true);
      assert.equal('client' in billable.json(), false, 'a billing_admin is no client reader: no client field');

      const asClients = await as(t.app, clients.login);
      const named = await asClients.post('/api/schedule/tasks', { ...base, userId: clients.id, clientId: client.id });
      assert.equal(named.statusCode, 201, named.body);
      assert.deepEqual(named.json().client, { id: client.id, name: 'Initech' });
      // An app_admin plans it for the member; the member (no client role) reads it without the client.
      const admin = await createUser(t.db);
      await grantAppRole(t.db, admin.id, 'app_admin');
      const asAdmin = await as(t.app, admin.login);
      const forMember = await asAdmin.post('/api/schedule/tasks', { ...base, clientId: client.id });
      assert.equal(forMember.statusCode, 201, forMember.body);
      const seen = (await week(o.member)).json();
      const task = seen.rows[0].tasks.find((p: Plan) => p.id === forMember.json().id);
      assert.equal('client' in task, false, 'APP-4: no client field for a non-client role');
      assert.doesNotMatch(JSON.stringify(seen), /Initech/);
      assert.equal(seen.abilities.seesClients, false);
      // The member edits the title; the client stays.
      const edited = await o.member.patch(`/api/schedule/tasks/${task.id}`, {
        version: task.version,
        title: 'Audit 2',
      });
      assert.equal(edited.statusCode, 200, edited.body);
      const stored = await t.db
        .selectFrom('planned_tasks')
        .select('client_id')
        .where('id', '=', task.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.client_id, client.id);
      const asReader = await as(t.app, reader.login);
      const readerTasks = (await week(asReader)).json().rows[0].tasks;
      assert.deepEqual(readerTasks, [], 'a client_viewer sees only their own Schedule');
    });

    test('FLOW-5: utilisation counts plans and approved leave against capacity, flags overbooking, and masks the leave type for the planner', async () => {
      const o = await office();
      const approver = await createUser(t.db);
      await grantAppRole(t.db, approver.id, 'vacation_approver');
      const sick = (
        await t.db.selectFrom('leave_types').select('id').where('name', '=', 'Sick').executeTakeFirstOrThrow()
      ).id;
      const leave = await o.member.post('/api/me/leave', { typeId: sick, startDate: FRIDAY, endDate: FRIDAY });
      assert.equal(leave.statusCode, 201, leave.body);
      const asApprover = await as(t.app, approver.login);
      const ok = await asApprover.post(`/api/leave/${leave.json().id}/approve`, { version: leave.json().version });
      assert.equal(ok.statusCode, 200, ok.body);
      await o.planner.post('/api/schedule/tasks', {
        userId: o.ids.member,
        title: 'Crunch',
        startDate: MONDAY,
        endDate: FRIDAY,
        hoursPerDay: 6,
      });
      await o.planner.post('/api/schedule/tasks', {
        userId: o.ids.member,
        kind: 'meeting',
        title: 'Workshop',
        startDate: MONDAY,
        endDate: MONDAY,
        hoursPerDay: 3,
      });
      const res = await week(o.planner);
      const row = res.json().rows.find((r: Row) => r.user.id === o.ids.member);
      const [monday, , , , friday] = row.days as Day[];
      assert.deepEqual(
        [monday.capacitySeconds, monday.plannedSeconds, monday.overbooked],
        [8 * 3600, 9 * 3600, true],
        'Monday: 6 h + 3 h on an 8-hour day is overbooked, shown not dropped',
      );
      assert.deepEqual([friday.leaveSeconds, friday.leave, friday.overbooked], [8 * 3600, 'absent', true]);
      assert.doesNotMatch(res.body, /Sick/, 'FLOW-4: the planner reads "absent"');
      assert.equal(row.utilisation, Math.round(((6 * 5 + 3 + 8) * 100) / 40));
      const mine = (await week(o.member)).json().rows[0].days[4];
      assert.equal(mine.leave, 'Sick', 'the owner reads the type');
    });

    test('FLOW-5, ITEM-9: a plan on a work item the reader may not view is "busy" — no title, item, project or client — and a change to it is a 404', async () => {
      const o = await office();
      const w = await projectWorld(t.db);
      for (const id of [o.ids.planner, o.ids.member])
        await t.db.insertInto('group_members').values({ group_id: w.members.id, user_id: id }).execute();
      const open = await w.item(undefined, 'Open item');
      const secret = await w.item(undefined, 'Secret item');
      const admin = await as(
        t.app,
        (await t.db.selectFrom('users').select('login').where('id', '=', w.admin.id).executeTakeFirstOrThrow()).login,
      );
      await secure(admin, secret.key, [viewer('user', o.ids.member), viewer('user', w.admin.id)]);
      const onSecret = await o.member.post('/api/schedule/tasks', {
        userId: o.ids.member,
        itemId: secret.id,
        title: 'Secret work',
        startDate: MONDAY,
        endDate: MONDAY,
        hoursPerDay: 5,
      });
      assert.equal(onSecret.statusCode, 201, onSecret.body);
      assert.equal(onSecret.json().item.key, secret.key);
      const onOpen = await o.planner.post('/api/schedule/tasks', {
        userId: o.ids.member,
        itemId: open.id,
        startDate: MONDAY,
        endDate: MONDAY,
        hoursPerDay: 2,
      });
      assert.equal(onOpen.statusCode, 201, onOpen.body);
      const unseen = await o.planner.post('/api/schedule/tasks', {
        userId: o.ids.member,
        itemId: secret.id,
        startDate: MONDAY,
        endDate: MONDAY,
        hoursPerDay: 2,
      });
      assert.equal(unseen.statusCode, 400, 'an item the planner cannot view is "no such work item"');
      assert.equal(unseen.json().field, 'itemId');

      const res = await week(o.planner);
      const row = res.json().rows.find((r: Row) => r.user.id === o.ids.member);
      const busy = row.tasks.find((p: Plan) => p.id === onSecret.json().id);
      assert.deepEqual(Object.keys(busy).sort(), [
        'busy',
        'canEdit',
        'endDate',
        'hoursPerDay',
        'id',
        'kind',
        'startDate',
        'team',
        'tentative',
        'user',
        'version',
      ]);
      assert.equal(busy.busy, true);
      assert.doesNotMatch(res.body, /Secret|secret/);
      assert.ok(!res.body.includes(secret.key));
      assert.equal(row.days[0].plannedSeconds, 7 * 3600, 'its hours count, without identity');
      const change = await o.planner.patch(`/api/schedule/tasks/${busy.id}`, { version: busy.version, hoursPerDay: 1 });
      assert.equal(change.statusCode, 404);
      const remove = await o.planner.delete(`/api/schedule/tasks/${busy.id}?version=${busy.version}`);
      assert.equal(remove.statusCode, 404);
    });

    test('FLOW-5: bad input names the field and writes nothing', async () => {
      const o = await office();
      const base = { userId: o.ids.member, title: 'x', startDate: MONDAY, endDate: FRIDAY, hoursPerDay: 2 };
      const cases: Array<[object, string]> = [
        [{ ...base, endDate: '2030-06-01' }, 'endDate'],
        [{ ...base, title: '' }, 'title'],
        [{ ...base, hoursPerDay: undefined }, 'hoursPerDay'],
        [{ ...base, totalHours: 10 }, 'totalHours'],
        [{ ...base, hoursPerDay: 25 }, 'hoursPerDay'],
        [{ ...base, kind: 'meeting', billable: true }, 'billable'],
        [{ ...base, userId: null }, 'userId'],
      ];
      for (const [body, field] of cases) {
        const res = await o.member.post('/api/schedule/tasks', body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
        assert.equal(res.json().field, field, res.body);
      }
      const weekend = await o.member.post('/api/schedule/tasks', {
        ...base,
        startDate: '2030-06-08',
        endDate: '2030-06-09',
        hoursPerDay: undefined,
        totalHours: 4,
      });
      assert.equal(weekend.statusCode, 422);
      assert.equal(weekend.json().code, 'plan_no_working_days');
      const wide = await o.member.get(`/api/schedule?from=${MONDAY}&to=2031-06-03`);
      assert.equal(wide.statusCode, 400);
      assert.equal(wide.json().field, 'to');
      const count = await t.db
        .selectFrom('planned_tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', o.ids.member)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
    });
  });
