import { sql, type Kysely } from 'kysely';

/**
 * Quick watch (ITEM-9): the work items a user keeps an eye on from the Dashboard. A watch is the user's own note; the
 * Dashboard shows only the watched items the user may view now, so a watch on an item taken away leaves no trace.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table item_watches (
    user_id int not null references users(id) on delete cascade,
    item_id int not null references work_items(id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (user_id, item_id))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
