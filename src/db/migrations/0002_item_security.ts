import { sql, type Kysely } from 'kysely';

/**
 * Item security (ITEM-*), the trash, deny permissions (DENY-*). Each work item records its governing
 * setting — the nearest ancestor-or-self with a setting of its own — kept correct in the same
 * transaction as every change to settings or the tree, so checks and lists read one column.
 */
const statements = [
  `alter table work_items add column governing_item_id int references work_items(id)`,
  `alter table work_items add column deleted_at timestamptz`,
  `alter table work_items add column deleted_by int references users(id)`,
  `create index work_items_governing_idx on work_items (governing_item_id) where governing_item_id is not null`,
  `create table item_security (
     item_id int primary key references work_items(id) on delete cascade,
     project_id int not null references projects(id) on delete cascade,
     updated_at timestamptz not null default now(), version int not null default 1)`,
  `create table item_security_entries (
     id int generated always as identity primary key,
     item_id int not null references item_security(item_id) on delete cascade,
     subject_kind text not null check (subject_kind in ('user','group','role','team')),
     subject_id int not null,
     view text not null default 'unset' check (view in ('allow','deny','unset')),
     edit text not null default 'unset' check (edit in ('allow','deny','unset')),
     unique (item_id, subject_kind, subject_id))`,
  `create index item_security_entries_subject_idx on item_security_entries (subject_kind, subject_id)`,
  `create table deny_grants (
     id int generated always as identity primary key,
     permission text not null check (permission in ('ISSUE_TIME_TABS','ISSUE_TIME_PANELS')),
     group_id int not null references groups(id) on delete cascade,
     unique (permission, group_id))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
