import { abilities, seesMoney, seesTeamNames, type Actor } from '../../authz/engine.js';
import { showMoney } from '../../lib/money.js';
import type { ChargeRow, ChargeWorklogRow, TotalRow } from './repo.js';
import type { ChargeOut, ChargeWorklogOut, TotalsOut } from './schema.js';

/** Charges and their work logs as the API answers them: money only for the money roles (PRICE-7). */

/** Who reads a response, decided once for all its rows. */
export interface Reader {
  actor: Actor;
  seesMoney: boolean;
  seesTeamNames: boolean;
}

export function readerOf(actor: Actor): Reader {
  return { actor, seesMoney: seesMoney(actor), seesTeamNames: seesTeamNames(actor) };
}

/** Rate, currency and value of a priced work log, for a money reader; absent (not null) otherwise. */
function priced(reader: Reader, row: ChargeWorklogRow): Pick<ChargeWorklogOut, 'rate' | 'currency' | 'value'> {
  if (row.rate === null || row.value === null) return {};
  const shown = showMoney(reader.seesMoney, { rate: row.rate, value: row.value });
  return 'rate' in shown ? { ...shown, currency: row.currency ?? '' } : {};
}

export function chargeWorklogOut(row: ChargeWorklogRow, reader: Reader): ChargeWorklogOut {
  return {
    id: row.id,
    date: row.start_date,
    seconds: row.duration_seconds,
    description: row.description,
    item: { key: row.item_key, title: row.item_title, projectKey: row.project_key },
    author: { id: row.author_id, displayName: row.author_name },
    team: reader.seesTeamNames && row.team_id !== null ? { id: row.team_id, name: row.team_name ?? '' } : null,
    ...priced(reader, row),
  };
}

/** Totals over rows per currency (null: unpriced work logs, counted in hours only). */
export function totalsOut(rows: readonly TotalRow[], reader: Reader): TotalsOut {
  const values = rows.flatMap((r) =>
    r.currency === null ? [] : [{ currency: r.currency, amount: r.amount ?? '0.00' }],
  );
  return showMoney(reader.seesMoney, {
    count: rows.reduce((n, r) => n + Number(r.count), 0),
    seconds: rows.reduce((n, r) => n + Number(r.seconds), 0),
    values,
  });
}

const person = (id: number | null, name: string | null) => (id === null ? null : { id, displayName: name ?? '' });

export function chargeOut(row: ChargeRow, reader: Reader): ChargeOut {
  const revoked = row.revoked_at !== null;
  return showMoney(reader.seesMoney, {
    id: row.id,
    invoiceNumber: row.invoice_number,
    invoiceDate: row.invoice_date,
    amount: row.amount,
    currency: row.currency,
    state: revoked ? ('revoked' as const) : ('charged' as const),
    createdAt: row.created_at,
    createdBy: person(row.created_by, row.created_by_name),
    revokedAt: row.revoked_at,
    revokedBy: person(row.revoked_by, row.revoked_by_name),
    version: row.version,
    totals: { count: Number(row.worklog_count), seconds: Number(row.seconds), values: row.value_totals },
    abilities: {
      canRevoke: !revoked && abilities(reader.actor.subject, {}, { ok: { action: 'charge.manage' } }).ok,
    },
  });
}
