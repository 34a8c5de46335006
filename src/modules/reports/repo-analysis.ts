import { sql } from 'kysely';
import { usersWhoseWorkIsSeen } from '../../authz/sql.js';
import { readerBoundOnce, reportedWorklogs, workloadWorklogs, type Reader } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import { containsPattern } from '../../lib/like.js';
import { filtersOf, FROM, summaryStatement } from './repo.js';
import type { ItemAnalysisQuery, WorkloadQuery } from './schema-analysis.js';

/**
 * The queries of the workload and the cross-project item analysis (ITEM-9). The workload's hours are the summary's
 * statement (`summaryStatement`, grouped by person and period) over `workloadWorklogs`; the item analysis counts what
 * `reportedWorklogs` lets the reader see, as every other report does.
 */

/** Hours per person and period over the work a per-person total counts (`workloadWorklogs`): summary rows, rolled up. */
export async function summarizeWorkload(db: Database, reader: Reader, query: WorkloadQuery, limit: number) {
  const bound = readerBoundOnce(reader);
  const visible = workloadWorklogs(reader, 'w', { itemAlias: 'i', readerId: bound.readerId });
  return (await summaryStatement(bound.cte, visible, query, ['user', query.period], limit).execute(db)).rows;
}

/**
 * The people a workload lists: active users whose work the reader sees in the app areas (`report.worklogsOf`), within
 * the query's users and current members of its teams, by name; `limit` of them.
 */
export async function findWorkloadPeople(db: Database, reader: Reader, query: WorkloadQuery, limit: number) {
  const { rows } = await sql<{ id: number; display_name: string }>`
    select u.id, u.display_name from users u
    where u.active and u.id = any(array${usersWhoseWorkIsSeen(reader.userId, 'report.worklogsOf')})
      ${query.users ? sql`and u.id = any(${query.users}::int[])` : sql``}
      ${
        query.teams
          ? sql`and exists (select 1 from team_memberships m where m.user_id = u.id and m.left_at is null
              and m.team_id = any(${query.teams}::int[]))`
          : sql``
      }
    order by u.display_name, u.id limit ${limit}`.execute(db);
  return rows;
}

export interface ItemAnalysisRow {
  key: string;
  title: string;
  status: string;
  project_key: string;
  project_name: string;
  seconds: number;
  entries: number;
  people: number;
  last_date: string;
}

/** Items with counted work in the range across the reader's projects, most hours first; only viewable ones count it. */
export async function findItemAnalysis(db: Database, reader: Reader, query: ItemAnalysisQuery, limit: number) {
  const bound = readerBoundOnce(reader);
  const text = query.q ? containsPattern(query.q) : undefined;
  const { rows } = await sql<ItemAnalysisRow>`with ${bound.cte}, tw_hours as (
      select w.item_id, sum(w.duration_seconds)::int8 as seconds, count(*)::int8 as entries,
        count(distinct w.author_id)::int8 as people, max(w.start_date) as last_date
      ${FROM}
      where ${reportedWorklogs(reader, 'w', { itemAlias: 'i', readerId: bound.readerId })} ${filtersOf(query)}
        ${text ? sql`and (i.key ilike ${text} or i.title ilike ${text})` : sql``}
      group by w.item_id)
    select i.key, i.title, i.status, p.key as project_key, p.name as project_name, h.seconds, h.entries, h.people,
      to_char(h.last_date, 'YYYY-MM-DD') as last_date
    from tw_hours h join work_items i on i.id = h.item_id join projects p on p.id = i.project_id
    order by h.seconds desc, i.key, i.id limit ${limit} offset ${query.offset}`.execute(db);
  return rows;
}
