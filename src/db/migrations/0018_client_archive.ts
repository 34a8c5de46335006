import { sql, type Kysely } from 'kysely';

/**
 * Clients (FLOW-6, APP-4): an archived flag — an archived client stays on the projects that name it and is offered for
 * no new one — and a version for optimistic concurrency (API-4).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table clients add column archived boolean not null default false,
    add column version int not null default 1`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
