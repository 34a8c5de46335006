import type { Database } from '../db/index.js';
import { addDays, periodOf } from '../lib/periods.js';
import type { Item } from './demo-items.js';

/**
 * Plans in the demo (FLOW-5), this week and the next two, so the Schedule shows something: alice, who leads ACME Web
 * Team (MANAGE_SCHEDULE), has planned bob and carol on ACME items, erin on a free-text task and a meeting that
 * overbook her Tuesday, dave out of office on Friday, and a placeholder "to be staffed" for QA; billingadmin's own task
 * is billable and for a client.
 */
export async function insertPlans(
  trx: Database,
  ids: {
    userIds: Map<string, number>;
    projectIds: Map<string, number>;
    teams: Map<string, { id: number }>;
    items: readonly Item[];
    today: string;
  },
): Promise<void> {
  const user = (login: string) => ids.userIds.get(login)!;
  const monday = addDays(periodOf(ids.today, 'week').start, 0);
  const day = (n: number) => addDays(monday, n);
  const acme = ids.items.filter((i) => i.projectId === ids.projectIds.get('ACME') && i.depth > 0);
  const item = (n: number) => ({ item_id: acme[n].id, project_id: acme[n].projectId, title: '' });
  const client = await trx.selectFrom('clients').select('id').orderBy('id').executeTakeFirst();
  const alice = user('alice');
  const hours = (h: number) => h * 3600;
  await trx
    .insertInto('planned_tasks')
    .values(
      [
        { user_id: user('bob'), ...item(0), start_date: day(0), end_date: day(4), seconds_per_day: hours(6) },
        { user_id: user('bob'), ...item(1), start_date: day(7), end_date: day(9), seconds_per_day: hours(4) },
        { user_id: user('carol'), ...item(2), start_date: day(1), end_date: day(8), seconds_per_day: hours(5) },
        {
          user_id: user('erin'),
          title: 'Accessibility review',
          start_date: day(0),
          end_date: day(2),
          seconds_per_day: hours(7),
        },
        {
          user_id: user('erin'),
          kind: 'meeting' as const,
          title: 'Sprint planning',
          start_date: day(1),
          end_date: day(1),
          seconds_per_day: hours(2),
        },
        {
          user_id: user('dave'),
          kind: 'out_of_office' as const,
          title: 'Conference',
          start_date: day(4),
          end_date: day(4),
          seconds_per_day: 0,
        },
        {
          user_id: user('alice'),
          title: 'Relaunch plan',
          start_date: day(7),
          end_date: day(11),
          seconds_per_day: hours(3),
          tentative: true,
        },
        {
          team_id: ids.teams.get('ACME Web Team')!.id,
          title: 'QA for the relaunch',
          start_date: day(7),
          end_date: day(18),
          seconds_per_day: hours(8),
        },
        {
          user_id: user('billingadmin'),
          title: 'Workshop for the client',
          start_date: day(2),
          end_date: day(3),
          seconds_per_day: hours(6),
          billable: true,
          client_id: client?.id ?? null,
        },
      ].map((row) => ({ ...row, created_by: alice })),
    )
    .execute();
}
