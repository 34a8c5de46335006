import { sql, type Kysely } from 'kysely';

/**
 * Item lists filter live items of the projects a user may browse and then compare the governing setting:
 * this index answers that from the index alone (measured by bench:authz on a 100,000-item world).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index work_items_project_live_idx on work_items (project_id) include (governing_item_id, id) where deleted_at is null`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
