import { sql } from 'kysely';
import type { Database } from '../db/index.js';
import { addDays, periodOf } from '../lib/periods.js';
import type { TeamIds } from './demo-teams.js';

/**
 * The timesheet workflow at work in the demo (FLOW-1, 2, 3, 9, 10): timesheetapprover approves the slices of ACME Web
 * Team and Mobile Squad (a custom team role with APPROVE_TIMESHEETS), slices older than last week are approved, last
 * week's are submitted and waiting — bob's rejected with a comment — ACME Web Team's month before last is closed, and
 * its approved work logs of that month are charged under an invoice. Every transition has its history row.
 */
export async function insertTimesheetStates(
  trx: Database,
  ids: { userIds: Map<string, number>; teams: Map<string, TeamIds>; today: string },
): Promise<void> {
  const user = (login: string) => ids.userIds.get(login)!;
  const approver = user('timesheetapprover');
  for (const name of ['ACME Web Team', 'Mobile Squad']) {
    const teamId = ids.teams.get(name)!.id;
    const role = await trx
      .insertInto('team_roles')
      .values({
        team_id: teamId,
        name: 'Timesheet approver',
        kind: 'custom',
        permissions: ['APPROVE_TIMESHEETS', 'VIEW_MEMBER_WORKLOGS'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let membership = await trx
      .selectFrom('team_memberships')
      .select('id')
      .where('team_id', '=', teamId)
      .where('user_id', '=', approver)
      .executeTakeFirst();
    membership ??= await trx
      .insertInto('team_memberships')
      .values({ team_id: teamId, user_id: approver, joined_at: `${addDays(ids.today, -365)}T09:00:00Z` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('team_membership_roles').values({ membership_id: membership.id, role_id: role.id }).execute();
  }

  const thisWeek = periodOf(ids.today, 'week').start;
  const lastWeek = addDays(thisWeek, -7);
  // One slice per author, team and timesheet period of the work log's project, for every period before this week.
  await sql`insert into timesheet_slices (user_id, team_id, period_start, period_end, state, approved_snapshot)
    select s.author_id, s.team_id, s.start, case when s.len = 'month' then (s.start + interval '1 month' - interval '1 day')::date else s.start + 6 end,
           case when s.start < ${lastWeek}::date then 'approved' when s.author_id = ${user('bob')}::int then 'rejected' else 'submitted' end,
           case when s.start < ${lastWeek}::date then s.snapshot end
    from (select w.author_id, w.team_id, p.period_length as len,
                 (case when p.period_length = 'month' then date_trunc('month', w.start_date) else date_trunc('week', w.start_date) end)::date as start,
                 jsonb_agg(jsonb_build_object('id', w.id, 'itemId', w.item_id, 'date', w.start_date, 'seconds', w.duration_seconds)) as snapshot
          from worklogs w join projects p on p.id = w.project_id
          group by 1, 2, 3, 4) s
    where s.start + (case when s.len = 'month' then 31 else 6 end) < ${thisWeek}::date
    on conflict do nothing`.execute(trx);
  // The history: submitted by the owner, then approved (by the approver; their own by appadmin) or rejected.
  await sql`insert into flow_history (entity_type, entity_id, from_state, to_state, actor_id, at, comment)
    select 'timesheet_slice', s.id, 'open', 'submitted', s.user_id, s.period_end + time '17:00', '' from timesheet_slices s
    union all
    select 'timesheet_slice', s.id, 'submitted', s.state,
           case when s.user_id = ${approver}::int then ${user('appadmin')}::int else ${approver}::int end, s.period_end + interval '1 day 10 hours',
           case when s.state = 'rejected' then ${'Please split the meeting hours onto the meeting item.'}::text else '' end
    from timesheet_slices s where s.state in ('approved', 'rejected')
    order by 5`.execute(trx);

  // ACME Web Team's month before last is closed by its lead, and its approved work logs there are charged.
  const acmeWeb = ids.teams.get('ACME Web Team')!.id;
  const monthStart = periodOf(addDays(periodOf(ids.today, 'month').start, -1), 'month').start;
  const closed = periodOf(addDays(monthStart, -1), 'month');
  const period = await trx
    .insertInto('team_periods')
    .values({
      team_id: acmeWeb,
      period_start: closed.start,
      period_end: closed.end,
      state: 'closed',
      updated_by: user('alice'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('flow_history')
    .values({
      entity_type: 'team_period',
      entity_id: period.id,
      from_state: 'open',
      to_state: 'closed',
      actor_id: user('alice'),
      comment: 'Month closed for invoicing',
    })
    .execute();
  const charged = await sql<{ id: number; amount: string }>`
    select w.id, (w.rate * w.duration_seconds / 3600.0)::numeric(14,2)::text as amount
    from worklogs w join timesheet_slices s on s.user_id = w.author_id and s.team_id = w.team_id
      and w.start_date between s.period_start and s.period_end and s.state = 'approved'
    where w.team_id = ${acmeWeb} and w.start_date between ${closed.start}::date and ${closed.end}::date`.execute(trx);
  if (charged.rows.length === 0) return;
  const amount = charged.rows.reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
  const charge = await trx
    .insertInto('charges')
    .values({
      invoice_number: `INV-${closed.start.slice(0, 7)}-ACME`,
      invoice_date: addDays(closed.end, 3),
      amount: (amount / 100).toFixed(2),
      currency: 'EUR',
      created_by: user('billingadmin'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('worklogs')
    .set({ charge_id: charge.id })
    .where(
      'id',
      'in',
      charged.rows.map((r) => r.id),
    )
    .execute();
  await trx
    .insertInto('flow_history')
    .values({
      entity_type: 'charge',
      entity_id: charge.id,
      from_state: null,
      to_state: 'charged',
      actor_id: user('billingadmin'),
    })
    .execute();
}
