import type { Kysely } from 'kysely';

/** Reserved for issue 13; filled in by the change that needs it. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
