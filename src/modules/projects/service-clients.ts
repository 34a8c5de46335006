import { abilities, type Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { audit } from '../audit/repo.js';
import { findClients, insertClient, type ClientRow } from './repo-clients.js';
import type { ClientCreate, ClientListQuery, ClientOut, ClientPage } from './schema.js';

const presentClient = (row: ClientRow): ClientOut => ({ ...row });

/**
 * Clients a project may name (FLOW-6). Both actions are global, decided in full by the access hook (client.list,
 * client.create: APP-4); the service pages and writes.
 */
export function createClientService({ db }: Deps) {
  async function list(actor: Actor, query: ClientListQuery): Promise<ClientPage> {
    const after = decodeCursor<[string]>(query.cursor, ['string']);
    const rows = await findClients(db, { limit: query.limit, afterName: after?.[0], q: query.q });
    const page = pageOf(rows, query.limit, (r) => [r.name]);
    return {
      items: page.items.map(presentClient),
      nextCursor: page.nextCursor,
      abilities: abilities(actor.subject, {}, { canCreate: { action: 'client.create' } }),
    };
  }

  async function create(actor: Actor, input: ClientCreate): Promise<ClientOut> {
    return db.transaction().execute(async (trx) => {
      const row = await insertClient(trx, input);
      if (!row) throw new AppError(409, 'client_name_taken', `a client named "${input.name}" exists`, 'name');
      await audit(trx, actor, 'client.create', row.id, { after: row });
      return presentClient(row);
    });
  }

  return { list, create };
}
