import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import { containsPattern } from '../../lib/like.js';
import type { ClientCreate, ClientUpdate } from './schema.js';

/** Clients (FLOW-6): names are unique, so a page is keyed by name. */

const COLUMNS = [
  'c.id',
  'c.name',
  'c.contact',
  'c.notes',
  'c.archived',
  'c.version',
  sql<number>`(select count(*) from projects p where p.client_id = c.id)::int`.as('project_count'),
] as const;

export type ClientRow = Awaited<ReturnType<typeof findClients>>[number];

/** A page of clients by name after `afterName`, matching `q` in the name; archived ones only when asked. */
export function findClients(db: Database, query: { limit: number; afterName?: string; q?: string; archived: boolean }) {
  let q = db
    .selectFrom('clients as c')
    .select(COLUMNS)
    .orderBy('c.name')
    .limit(query.limit + 1);
  if (query.afterName !== undefined) q = q.where('c.name', '>', query.afterName);
  if (query.q) q = q.where('c.name', 'ilike', containsPattern(query.q));
  if (!query.archived) q = q.where('c.archived', '=', false);
  return q.execute();
}

export function findClient(db: Database, id: number, options: { lock?: boolean } = {}) {
  let q = db.selectFrom('clients as c').select(COLUMNS).where('c.id', '=', id);
  if (options.lock) q = q.forUpdate('c');
  return q.executeTakeFirst();
}

/** The new client, or undefined when the name is taken. */
export async function insertClient(trx: Database, input: ClientCreate) {
  const row = await trx
    .insertInto('clients')
    .values({ name: input.name, contact: input.contact ?? '', notes: input.notes ?? '' })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row && findClient(trx, row.id);
}

/** Whether another client has the name. */
export async function nameTaken(trx: Database, name: string, exceptId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('clients')
    .select('id')
    .where('name', '=', name)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateClient(trx: Database, id: number, change: Omit<ClientUpdate, 'version'>) {
  await trx
    .updateTable('clients')
    .set({ ...change, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
  return (await findClient(trx, id))!;
}
