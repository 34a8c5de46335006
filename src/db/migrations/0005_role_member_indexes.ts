import { sql, type Kysely } from 'kysely';

/**
 * Who holds a project role is looked up by user and by group (the item-security lists match role entries
 * against the roles a user holds); these indexes answer both without scanning every project's members.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index project_role_members_user_idx on project_role_members (user_id) include (project_id, role_id) where user_id is not null`.execute(
    db,
  );
  await sql`create index project_role_members_group_idx on project_role_members (group_id) include (project_id, role_id) where group_id is not null`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
