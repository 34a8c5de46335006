import { hashQuery, href } from '../../router.js';

/** What the Invoices address shows: the list, one charge (`?charge=12`), or the charging flow (`?charge=new`). */
export type InvoicesView = { kind: 'list' } | { kind: 'charge'; id: number } | { kind: 'new' };

export function invoicesViewOf(hash: string): InvoicesView {
  const charge = hashQuery(hash).get('charge') ?? '';
  if (charge === 'new') return { kind: 'new' };
  if (/^[1-9]\d{0,9}$/.test(charge)) return { kind: 'charge', id: Number(charge) };
  return { kind: 'list' };
}

export const invoicesHref = {
  list: () => href.invoices(),
  charge: (id: number) => href.invoices({ charge: String(id) }),
  new: () => href.invoices({ charge: 'new' }),
};
