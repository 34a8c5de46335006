import { sql, type Kysely } from 'kysely';

/**
 * Reports walk work logs by date (REP-4): the detailed list and its export read them in (start_date, id) order a chunk
 * at a time. Without this index each chunk of an export of a million work logs sorted the table again (bench:reports).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index worklogs_date_idx on worklogs (start_date, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
