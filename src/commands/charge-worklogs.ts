/**
 * Charging work logs under an invoice reference (FLOW-9), all or nothing. A charge spans modules — the work logs
 * (worklogs), the slices that must stay approved (timesheets), the charge, its history and its audit row — so it is a
 * command, one transaction:
 *
 * 1. the sheets of the work logs' authors are locked, in ascending id order, then the work-log table
 *    (`lockOwnerSheets`, lib/locks.ts): a slice transition of those authors (a recall granted, a reopen) waits for
 *    the charge, and so does every work-log write, which holds the table before any row — so the locks are taken
 *    before any row, never after;
 * 2. the work logs are locked `for update` and judged as the transaction now sees them: uncharged, their slice
 *    approved, on an item the caller may view. Any that fails refuses the whole charge (409 `not_chargeable`, naming
 *    them), so nothing is written;
 * 3. the charge is inserted (409 `invoice_exists` for a live charge with the same invoice number), the work logs
 *    point at it, and the transition and audit rows are written beside them.
 */
import type { Actor } from '../authz/engine.js';
import type { Deps } from '../lib/deps.js';
import { AppError, conflict } from '../lib/errors.js';
import { lockOwnerSheets } from '../lib/locks.js';
import { audit } from '../modules/audit/repo.js';
import { recordTransition } from '../modules/audit/repo-history.js';
import { findAuthors, insertCharge, lockForCharge, markCharged } from '../modules/charges/repo.js';
import type { ChargeCreate } from '../modules/charges/schema.js';

/** How many refused ids a message names before it says "and N more" (the problem's `worklogIds` lists them all). */
const NAMED = 10;

function notChargeable(ids: readonly number[]) {
  const named = ids.slice(0, NAMED).join(', ');
  const more = ids.length > NAMED ? ` and ${ids.length - NAMED} more` : '';
  const noun = ids.length === 1 ? 'work log' : 'work logs';
  return conflict(
    'not_chargeable',
    `${noun} ${named}${more} cannot be charged: not approved, charged already, or not visible to you; nothing was charged`,
    { worklogIds: ids },
  );
}

export function createChargeCommand({ db }: Deps) {
  /** Charges the work logs; returns the new charge's id. */
  async function charge(actor: Actor, input: ChargeCreate): Promise<number> {
    return db.transaction().execute(async (trx) => {
      await lockOwnerSheets(trx, await findAuthors(trx, input.worklogIds), 'share row exclusive');
      const judged = await lockForCharge(trx, actor, input.worklogIds);
      const ok = new Set(judged.filter((w) => w.chargeable).map((w) => w.id));
      const refused = input.worklogIds.filter((id) => !ok.has(id)).sort((a, b) => a - b);
      if (refused.length) throw notChargeable(refused);

      const created = await insertCharge(trx, { ...input, createdBy: actor.userId });
      if (!created)
        throw new AppError(
          409,
          'invoice_exists',
          `invoice ${input.invoiceNumber} is charged already; revoke that charge or use another number`,
          'invoiceNumber',
        );
      await markCharged(trx, created.id, input.worklogIds);
      await recordTransition(trx, {
        entityType: 'charge',
        entityId: created.id,
        from: null,
        to: 'charged',
        actorId: actor.userId,
      });
      const worklogIds = [...input.worklogIds].sort((a, b) => a - b);
      const { invoiceNumber, invoiceDate, amount, currency } = input;
      await audit(trx, actor, 'charge.create', created.id, {
        after: { invoice_number: invoiceNumber, invoice_date: invoiceDate, amount, currency, worklogIds },
      });
      return created.id;
    });
  }

  return { charge };
}
