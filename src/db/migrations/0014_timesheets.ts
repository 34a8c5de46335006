import { sql, type Kysely } from 'kysely';

/**
 * Timesheets, team periods, charging and timers (FLOW-1, 2, 3, 7, 8, 9, 10; issue 14).
 *
 * - `timesheet_slices`: one user's work logs of one team over one timesheet period (FLOW-10). The period is the week
 *   (Monday–Sunday) or the month of the work log's project (`projects.period_length`). A slice row exists once the
 *   slice leaves `open` (first submitted); no row means open. `team_id` is null for work logged without a team.
 *   `approved_snapshot` holds the work logs as last approved, so the approver sees what changed since.
 * - `team_periods`: a team's calendar months; a row exists once a month was first closed (FLOW-3).
 * - `charges`: an invoice reference (number, date, amount) that charged work logs carry in `worklogs.charge_id`
 *   until the charge is revoked (FLOW-9).
 * - `flow_history`: every state change of a slice, period or charge: who, when, from, to, comment (FLOW-7).
 * - `timers`: one running timer per user; stopping it writes a work log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table timesheet_slices (
      id int generated always as identity primary key,
      user_id int not null references users(id) on delete cascade,
      team_id int,
      period_start date not null,
      period_end date not null,
      state text not null check (state in ('open', 'submitted', 'approved', 'rejected', 'recall_requested')),
      approved_snapshot jsonb,
      updated_at timestamptz not null default now(),
      version int not null default 1,
      check (period_end >= period_start))`,
    sql`create unique index timesheet_slices_uq on timesheet_slices (user_id, coalesce(team_id, 0), period_start, period_end)`,
    sql`create index timesheet_slices_team_idx on timesheet_slices (team_id, state, period_start)`,
    sql`create table team_periods (
      id int generated always as identity primary key,
      team_id int not null references teams(id) on delete cascade,
      period_start date not null,
      period_end date not null,
      state text not null check (state in ('open', 'closed')),
      updated_at timestamptz not null default now(),
      updated_by int references users(id) on delete set null,
      version int not null default 1,
      unique (team_id, period_start),
      check (period_end >= period_start))`,
    sql`create table charges (
      id int generated always as identity primary key,
      invoice_number text not null,
      invoice_date date not null,
      amount numeric(14,2) not null check (amount >= 0),
      currency text not null,
      created_by int references users(id) on delete set null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by int references users(id) on delete set null,
      version int not null default 1)`,
    sql`create unique index charges_invoice_uq on charges (lower(invoice_number)) where revoked_at is null`,
    sql`alter table worklogs add column charge_id int references charges(id)`,
    sql`create index worklogs_charge_idx on worklogs (charge_id) where charge_id is not null`,
    sql`create index worklogs_team_date_idx on worklogs (team_id, start_date)`,
    sql`create table flow_history (
      id bigint generated always as identity primary key,
      entity_type text not null check (entity_type in ('timesheet_slice', 'team_period', 'charge')),
      entity_id int not null,
      from_state text,
      to_state text not null,
      actor_id int references users(id) on delete set null,
      at timestamptz not null default now(),
      comment text not null default '')`,
    sql`create index flow_history_entity_idx on flow_history (entity_type, entity_id, id)`,
    sql`create table timers (
      user_id int primary key references users(id) on delete cascade,
      item_id int not null references work_items(id) on delete cascade,
      started_at timestamptz not null default now(),
      description text not null default '')`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
