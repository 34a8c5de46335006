import type { Database } from '../../db/index.js';
import { containsPattern } from '../../lib/like.js';
import type { ClientCreate } from './schema.js';

/** The clients a project may name (FLOW-6): names are unique, so a page is keyed by name. */

export type ClientRow = Awaited<ReturnType<typeof findClients>>[number];

/** A page of clients by name after `afterName`, matching `q` in the name. */
export function findClients(db: Database, query: { limit: number; afterName?: string; q?: string }) {
  let q = db
    .selectFrom('clients')
    .select(['id', 'name', 'contact', 'notes'])
    .orderBy('name')
    .limit(query.limit + 1);
  if (query.afterName !== undefined) q = q.where('name', '>', query.afterName);
  if (query.q) q = q.where('name', 'ilike', containsPattern(query.q));
  return q.execute();
}

/** The new client, or undefined when the name is taken. */
export function insertClient(trx: Database, input: ClientCreate) {
  return trx
    .insertInto('clients')
    .values({ name: input.name, contact: input.contact ?? '', notes: input.notes ?? '' })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning(['id', 'name', 'contact', 'notes'])
    .executeTakeFirst();
}
