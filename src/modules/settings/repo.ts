import { sql, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../db/index.js';
import type { AppSettingsTable } from '../../db/types.js';

/** The installation settings: one row (migrations 0001, 0006, 0012). */
export type SettingsRow = Selectable<AppSettingsTable>;
export type SettingsChanges = Omit<Updateable<AppSettingsTable>, 'id' | 'version' | 'updated_at'>;

export function findSettings(db: Database): Promise<SettingsRow> {
  return db.selectFrom('app_settings').selectAll().executeTakeFirstOrThrow();
}

export function lockSettings(trx: Database): Promise<SettingsRow> {
  return trx.selectFrom('app_settings').selectAll().forUpdate().executeTakeFirstOrThrow();
}

export function updateSettings(trx: Database, changes: SettingsChanges): Promise<SettingsRow> {
  return trx
    .updateTable('app_settings')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How long a session begun now lasts, in hours. */
export async function findSessionHours(db: Database): Promise<number> {
  return (await db.selectFrom('app_settings').select('session_hours').executeTakeFirstOrThrow()).session_hours;
}

/** The database's spelling of a time zone it knows (matched without regard to case), or undefined. */
export async function findTimeZoneName(db: Database, zone: string): Promise<string | undefined> {
  const { rows } = await sql<{ name: string }>`
    select name from pg_timezone_names where lower(name) = lower(${zone}) order by name = ${zone} desc limit 1`.execute(
    db,
  );
  return rows[0]?.name;
}
