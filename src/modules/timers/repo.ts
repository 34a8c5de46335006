import { sql } from 'kysely';
import { visibleItems, type Reader } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';

/** The timer queries: one row per user whose timer runs. */

export interface TimerRow {
  item_id: number;
  started_at: Date;
  description: string;
  /** Null when the reader may no longer view the item (ITEM-9: no trace of it). */
  item_key: string | null;
  item_title: string | null;
}

/** The user's running timer, with its item where they may still view it. */
export async function findTimer(db: Database, reader: Reader): Promise<TimerRow | undefined> {
  const { rows } = await sql<TimerRow>`select tm.item_id, tm.started_at, tm.description,
      case when ${visibleItems(reader, 'i')} then i.key end as item_key,
      case when ${visibleItems(reader, 'i')} then i.title end as item_title
    from timers tm join work_items i on i.id = tm.item_id
    where tm.user_id = ${reader.userId}`.execute(db);
  return rows[0];
}

/** Starts the user's timer unless one runs (then nothing is written and undefined returned). */
export async function insertTimer(trx: Database, userId: number, itemId: number, description: string) {
  return trx
    .insertInto('timers')
    .values({ user_id: userId, item_id: itemId, description })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * The user's running timer, locked for the stop or discard in `trx`, with its elapsed whole seconds and, in the
 * installation's time zone, today's date and the start's date and time of day.
 */
export async function lockTimer(trx: Database, userId: number) {
  const { rows } = await sql<{
    item_id: number;
    item_key: string;
    project_id: number;
    started_at: Date;
    description: string;
    elapsed: number;
    today: string;
    start_day: string;
    start_time: string;
  }>`select tm.item_id, i.key as item_key, i.project_id, tm.started_at, tm.description,
      extract(epoch from (now() - tm.started_at))::float8 as elapsed,
      to_char((now() at time zone s.time_zone)::date, 'YYYY-MM-DD') as today,
      to_char((tm.started_at at time zone s.time_zone)::date, 'YYYY-MM-DD') as start_day,
      to_char(tm.started_at at time zone s.time_zone, 'HH24:MI') as start_time
    from timers tm join work_items i on i.id = tm.item_id cross join app_settings s
    where tm.user_id = ${userId}
    for update of tm`.execute(trx);
  return rows[0];
}

export async function deleteTimer(trx: Database, userId: number): Promise<void> {
  await trx.deleteFrom('timers').where('user_id', '=', userId).execute();
}
