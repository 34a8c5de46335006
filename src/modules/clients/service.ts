import { abilities, type Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, notFound } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { clientAudit, clientOut } from './present.js';
import * as repo from './repo.js';
import type { ClientCreate, ClientListQuery, ClientOut, ClientPage, ClientUpdate } from './schema.js';

const nameTaken = (name: string) => new AppError(409, 'client_name_taken', `a client named "${name}" exists`, 'name');

/**
 * Clients (FLOW-6, APP-4). Every action is global and decided in full by the access hook: `client.list` and
 * `client.view` for client readers (client_viewer, client_admin, app_admin, system administrators), `client.create` and
 * `client.update` for client administrators; the service pages, writes and audits.
 */
export function createClientService({ db }: Deps) {
  const canEdit = (actor: Actor) => abilities(actor.subject, {}, { edit: { action: 'client.update' } }).edit;

  async function list(actor: Actor, query: ClientListQuery): Promise<ClientPage> {
    const after = decodeCursor<[string]>(query.cursor, ['string']);
    const rows = await repo.findClients(db, { ...query, afterName: after?.[0] });
    const page = pageOf(rows, query.limit, (r) => [r.name]);
    const edit = canEdit(actor);
    return {
      items: page.items.map((r) => clientOut(r, edit)),
      nextCursor: page.nextCursor,
      abilities: abilities(actor.subject, {}, { canCreate: { action: 'client.create' } }),
    };
  }

  async function get(actor: Actor, id: number): Promise<ClientOut> {
    const row = await repo.findClient(db, id);
    if (!row) throw notFound('client');
    return clientOut(row, canEdit(actor));
  }

  async function create(actor: Actor, input: ClientCreate): Promise<ClientOut> {
    return db.transaction().execute(async (trx) => {
      const row = await repo.insertClient(trx, input);
      if (!row) throw nameTaken(input.name);
      await audit(trx, actor, 'client.create', row.id, { after: clientAudit(row) });
      return clientOut(row, canEdit(actor));
    });
  }

  /** Name, contact, notes, archived: one change at the version sent (API-4), audited with before and after. */
  async function update(actor: Actor, id: number, input: ClientUpdate): Promise<ClientOut> {
    return db.transaction().execute(async (trx) => {
      const before = await repo.findClient(trx, id, { lock: true });
      if (!before) throw notFound('client');
      checkVersion('client', before.version, input.version);
      const { version: _, ...change } = input;
      if (change.name !== undefined && (await repo.nameTaken(trx, change.name, id))) throw nameTaken(change.name);
      const after = await repo.updateClient(trx, id, change);
      await audit(trx, actor, 'client.update', id, { before: clientAudit(before), after: clientAudit(after) });
      return clientOut(after, true);
    });
  }

  return { list, get, create, update };
}
