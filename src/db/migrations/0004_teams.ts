import { sql, type Kysely } from 'kysely';

/**
 * Teams, team roles, membership history and price lists (SPEC §6 TEAM, §7 PRICE), and the
 * installation's settings (the global team-check switch, PRICE-2).
 */
const statements = [
  `create table app_settings (
     id boolean primary key default true check (id), team_checks boolean not null default true,
     updated_at timestamptz not null default now(), version int not null default 1)`,
  `insert into app_settings (id) values (true)`,
  // project_id null: a global team, assignable to any number of projects (TEAM-1).
  `create table teams (
     id int generated always as identity primary key,
     project_id int references projects(id) on delete cascade,
     name text not null, description text not null default '',
     created_by int references users(id) on delete set null, created_at timestamptz not null default now(),
     version int not null default 1)`,
  `create unique index teams_name_uq on teams (coalesce(project_id, 0), lower(name))`,
  `create table team_projects (
     team_id int not null references teams(id) on delete cascade,
     project_id int not null references projects(id) on delete cascade,
     assigned_at timestamptz not null default now(), assigned_by int references users(id) on delete set null,
     primary key (team_id, project_id))`,
  `create index team_projects_project_idx on team_projects (project_id)`,
  // kind 'lead' and 'member' are the two default roles of every team (TEAM-3): immutable.
  `create table team_roles (
     id int generated always as identity primary key,
     team_id int not null references teams(id) on delete cascade,
     name text not null, kind text not null check (kind in ('lead','member','custom')),
     permissions text[] not null, version int not null default 1)`,
  `create unique index team_roles_name_uq on team_roles (team_id, lower(name))`,
  `create unique index team_roles_default_uq on team_roles (team_id, kind) where kind <> 'custom'`,
  // One row per period of membership (TEAM-6); the current one has left_at null.
  `create table team_memberships (
     id int generated always as identity primary key,
     team_id int not null references teams(id) on delete cascade,
     user_id int not null references users(id) on delete cascade,
     joined_at timestamptz not null default now(), left_at timestamptz,
     joined_by int references users(id) on delete set null, left_by int references users(id) on delete set null,
     check (left_at is null or left_at >= joined_at))`,
  `create unique index team_memberships_current_uq on team_memberships (team_id, user_id) where left_at is null`,
  `create index team_memberships_user_idx on team_memberships (user_id) where left_at is null`,
  `create table team_membership_roles (
     membership_id int not null references team_memberships(id) on delete cascade,
     role_id int not null references team_roles(id) on delete cascade,
     primary key (membership_id, role_id))`,
  // No cascade from teams: a team with a price list cannot be deleted (TEAM-7).
  `create table price_lists (
     id int generated always as identity primary key,
     team_id int not null references teams(id),
     name text not null, currency text not null check (currency ~ '^[A-Z]{3}$'),
     hourly_rate numeric(14,2) not null check (hourly_rate >= 0),
     valid_from date not null, valid_to date, check (valid_to is null or valid_to >= valid_from),
     created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
     version int not null default 1)`,
  `create index price_lists_team_idx on price_lists (team_id, valid_from)`,
  `alter table worklogs add constraint worklogs_team_fk foreign key (team_id) references teams(id)`,
  `alter table worklogs add constraint worklogs_price_list_fk foreign key (price_list_id) references price_lists(id)`,
  `create index worklogs_price_list_idx on worklogs (price_list_id, start_date) where price_list_id is not null`,
  `create index worklogs_team_idx on worklogs (team_id, project_id) where team_id is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
