import { sql } from 'kysely';
import type { Database } from '../db/index.js';
import { addDays, periodOf } from '../lib/periods.js';

/**
 * Leave in the demo (FLOW-4): alice's approved vacation next week (Monday to Wednesday) and a sick day of carol's last
 * week, both approved by vacationapprover — to whom every request is routed, as no team of theirs has an approver —
 * and bob's vacation in three weeks, waiting. A colleague sees carol's day as "absent"; Vera and carol see "Sick".
 */
export async function insertLeave(trx: Database, ids: { userIds: Map<string, number>; today: string }): Promise<void> {
  const user = (login: string) => ids.userIds.get(login)!;
  const monday = (weeks: number) => addDays(periodOf(ids.today, 'week').start, weeks * 7);
  const type = async (name: string) =>
    (await trx.selectFrom('leave_types').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const [vacation, sick] = [await type('Vacation'), await type('Sick')];
  const rows = [
    { who: 'alice', type: vacation, start: monday(1), end: addDays(monday(1), 2), days: 3, state: 'approved' },
    {
      who: 'carol',
      type: sick,
      start: addDays(monday(-1), 3),
      end: addDays(monday(-1), 3),
      days: 1,
      state: 'approved',
    },
    { who: 'bob', type: vacation, start: monday(3), end: addDays(monday(3), 4), days: 5, state: 'pending' },
  ];
  for (const r of rows)
    await sql`insert into leave_requests (user_id, type_id, start_date, end_date, days, comment, state, decided_by,
        decided_at)
      values (${user(r.who)}, ${r.type}, ${r.start}::date, ${r.end}::date, ${r.days}, '', ${r.state},
        ${r.state === 'approved' ? user('vacationapprover') : null}, ${r.state === 'approved' ? sql`now()` : null})`.execute(
      trx,
    );
}
