import { sql, type Kysely } from 'kysely';

/**
 * Planning (FLOW-5, issue 16): planned tasks and personal events on the Schedule timeline. A task is planned for a user,
 * or for a team as a placeholder "to be staffed" (no user); on a work item or as free text; over a date range, so many
 * seconds a working day; tentative, billable, for a client. Personal events (a meeting, out of office) are a user's own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table planned_tasks (
    id int generated always as identity primary key,
    kind text not null default 'task' check (kind in ('task', 'meeting', 'out_of_office')),
    user_id int references users(id) on delete cascade,
    team_id int references teams(id) on delete cascade,
    item_id int references work_items(id) on delete set null,
    project_id int references projects(id) on delete set null,
    title text not null default '',
    start_date date not null,
    end_date date not null,
    seconds_per_day int not null check (seconds_per_day between 0 and 86400),
    tentative boolean not null default false,
    billable boolean not null default false,
    client_id int references clients(id) on delete set null,
    created_by int references users(id) on delete set null,
    version int not null default 1,
    created_at timestamptz not null default now(),
    check (end_date >= start_date),
    check (user_id is not null or team_id is not null),
    check (kind = 'task' or (user_id is not null and item_id is null and client_id is null and not billable)))`.execute(
    db,
  );
  await sql`create index planned_tasks_user_idx on planned_tasks (user_id, start_date, end_date)`.execute(db);
  await sql`create index planned_tasks_team_idx on planned_tasks (team_id, start_date) where user_id is null`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
