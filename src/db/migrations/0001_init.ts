import { sql, type Kysely } from 'kysely';

/** Identity, projects, the work-item tree, work logs and the audit log. Runs on PostgreSQL 15+ and PGlite. */
const statements = [
  `create table users (
     id int generated always as identity primary key,
     login text not null, display_name text not null, email text not null,
     password_hash text, active boolean not null default true, system_admin boolean not null default false,
     created_at timestamptz not null default now(), version int not null default 1)`,
  `create unique index users_login_uq on users (lower(login))`,
  `create table groups (
     id int generated always as identity primary key, name text not null,
     created_at timestamptz not null default now(), version int not null default 1)`,
  `create unique index groups_name_uq on groups (lower(name))`,
  `create table group_members (
     group_id int not null references groups(id) on delete cascade,
     user_id int not null references users(id) on delete cascade,
     primary key (group_id, user_id))`,
  `create index group_members_user_idx on group_members (user_id)`,
  `create table sessions (
     id text primary key, user_id int not null references users(id) on delete cascade, csrf_token text not null,
     created_at timestamptz not null default now(), expires_at timestamptz not null)`,
  `create table api_tokens (
     id int generated always as identity primary key, user_id int not null references users(id) on delete cascade,
     name text not null, token_hash text not null unique, prefix text not null,
     created_at timestamptz not null default now(), last_used_at timestamptz, revoked_at timestamptz)`,
  `create table login_attempts (
     id bigint generated always as identity primary key, login text not null, ip text not null,
     at timestamptz not null default now(), success boolean not null)`,
  `create index login_attempts_login_idx on login_attempts (lower(login), at)`,
  `create index login_attempts_ip_idx on login_attempts (ip, at)`,
  `create table app_role_grants (
     id int generated always as identity primary key, role text not null,
     user_id int references users(id) on delete cascade, group_id int references groups(id) on delete cascade,
     check ((user_id is null) <> (group_id is null)))`,
  `create unique index app_role_grants_uq on app_role_grants (role, coalesce(user_id, 0), coalesce(group_id, 0))`,
  `create table clients (
     id int generated always as identity primary key, name text not null unique,
     contact text not null default '', notes text not null default '')`,
  `create table projects (
     id int generated always as identity primary key, key text not null unique, name text not null,
     client_id int references clients(id), team_checks text not null default 'inherit' check (team_checks in ('inherit','disabled')),
     period_length text not null default 'week' check (period_length in ('week','month')),
     next_item_num int not null default 1, created_at timestamptz not null default now(), version int not null default 1)`,
  `create table project_roles (id int generated always as identity primary key, name text not null unique)`,
  `create table project_role_members (
     id int generated always as identity primary key,
     project_id int not null references projects(id) on delete cascade,
     role_id int not null references project_roles(id) on delete cascade,
     user_id int references users(id) on delete cascade, group_id int references groups(id) on delete cascade,
     check ((user_id is null) <> (group_id is null)))`,
  `create unique index project_role_members_uq on project_role_members (project_id, role_id, coalesce(user_id, 0), coalesce(group_id, 0))`,
  `create table project_permission_grants (
     id int generated always as identity primary key,
     project_id int not null references projects(id) on delete cascade,
     permission text not null check (permission in ('BROWSE_PROJECT','EDIT_ISSUES','WORK_ON_ISSUES','ADMINISTER_PROJECT')),
     user_id int references users(id) on delete cascade, group_id int references groups(id) on delete cascade,
     role_id int references project_roles(id) on delete cascade,
     check (num_nonnulls(user_id, group_id, role_id) = 1))`,
  `create unique index project_permission_grants_uq on project_permission_grants
     (project_id, permission, coalesce(user_id, 0), coalesce(group_id, 0), coalesce(role_id, 0))`,
  `create index project_permission_grants_user_idx on project_permission_grants (user_id) where user_id is not null`,
  `create index project_permission_grants_group_idx on project_permission_grants (group_id) where group_id is not null`,
  `create table work_items (
     id int generated always as identity primary key,
     project_id int not null references projects(id) on delete cascade,
     parent_id int references work_items(id), num int not null, key text not null unique,
     title text not null, description text not null default '',
     status text not null default 'open' check (status in ('open','in_progress','done')),
     created_by int not null references users(id), created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(), version int not null default 1,
     unique (project_id, num))`,
  `create index work_items_parent_idx on work_items (project_id, parent_id, num)`,
  `create table item_comments (
     id int generated always as identity primary key, item_id int not null references work_items(id) on delete cascade,
     author_id int not null references users(id), body text not null, created_at timestamptz not null default now())`,
  `create index item_comments_item_idx on item_comments (item_id, id)`,
  `create table worklogs (
     id bigint generated always as identity primary key,
     item_id int not null references work_items(id), project_id int not null references projects(id),
     author_id int not null references users(id), start_date date not null, start_time time,
     duration_seconds int not null check (duration_seconds > 0 and duration_seconds <= 86400),
     description text not null default '', team_id int, price_list_id int, rate numeric(14,2),
     created_by int not null references users(id), created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(), version int not null default 1)`,
  `create index worklogs_author_idx on worklogs (author_id, start_date desc, id desc)`,
  `create index worklogs_item_idx on worklogs (item_id, start_date desc, id desc)`,
  `create index worklogs_project_idx on worklogs (project_id, start_date)`,
  `create table audit_log (
     id bigint generated always as identity primary key, at timestamptz not null default now(),
     actor_id int references users(id) on delete set null, action text not null,
     entity_type text not null, entity_id text not null, project_id int,
     before jsonb, after jsonb)`,
  `create index audit_log_at_idx on audit_log (at desc, id desc)`,
  `create index audit_log_entity_idx on audit_log (entity_type, entity_id)`,
  `insert into groups (name) values ('administrators'), ('users')`,
  `insert into project_roles (name) values ('Administrators'), ('Developers'), ('Viewers')`,
  `insert into app_role_grants (role, group_id)
     select 'app_admin', id from groups where name = 'administrators'
     union all select r, g.id from groups g, (values ('timesheet_viewer'), ('scheduler_viewer')) v(r) where g.name = 'users'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
