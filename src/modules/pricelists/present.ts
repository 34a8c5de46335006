import { abilities, type Actor, type AuthorizedTeam } from '../../authz/engine.js';
import { showMoney } from '../../lib/money.js';
import type { PriceListRow, UsedPriceListRow } from './repo.js';
import type { PriceListOut } from './schema.js';
import { successorWindow } from './validity.js';

/** Whether the caller manages this team's price lists, decided by the engine from the facts the authorization loaded. */
export function mayManagePriceLists(actor: Actor, { project, servedProjects, ...team }: AuthorizedTeam): boolean {
  return abilities(actor.subject, { project, servedProjects, team }, { manage: { action: 'pricelist.manage' } }).manage;
}

/** The record the API shows; without its rate for a reader who may not see money (PRICE-7): absent, not null. */
export function presentPriceList(
  row: UsedPriceListRow,
  view: { seesMoney: boolean; canManage: boolean },
): PriceListOut {
  return showMoney(view.seesMoney, {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    currency: row.currency,
    hourlyRate: row.hourly_rate,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    used: row.used,
    version: row.version,
    // PRICE-6: a used list is neither deleted nor re-rated (the operations count the same work logs under the row's lock).
    abilities: {
      canEdit: view.canManage,
      canDelete: view.canManage && !row.used,
      canChangeRate: view.canManage && !row.used,
      canStartSuccessor: view.canManage && successorWindow(row) !== null,
    },
  });
}

/**
 * What the audit log keeps of a price list. The rate is left out: the audit log is read in the Administration
 * area, which system administrators without a money role reach too (PRICE-7); a rate change is marked instead.
 */
export function auditState(row: PriceListRow) {
  return {
    teamId: row.team_id,
    name: row.name,
    currency: row.currency,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    version: row.version,
  };
}
