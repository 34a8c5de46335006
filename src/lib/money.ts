/**
 * The one registry of money (PRICE-7): every field that carries a rate, price, cost, revenue or invoice amount, under
 * the name the API shows it by and the column it is stored in. Presenters, the audit log's redaction and exports all
 * hide money through this list, so a new money field is hidden everywhere by adding it here. Amounts are decimal
 * strings end to end (numeric in SQL, never a JavaScript number).
 */
export const MONEY_FIELDS = [
  { resource: 'worklog', field: 'rate', column: 'rate', note: 'the hourly rate frozen on a work log (PRICE-5)' },
  { resource: 'priceList', field: 'hourlyRate', column: 'hourly_rate', note: 'a price list’s hourly rate' },
  {
    resource: 'costRate',
    field: 'costRate',
    column: 'cost_rate',
    note: 'a person’s internal cost per hour (next: CHG)',
  },
  { resource: 'charge', field: 'amount', column: 'amount', note: 'a charge’s invoice amount (FLOW-9)' },
  {
    resource: 'chargeWorklog',
    field: 'value',
    column: 'value',
    note: 'rate × hours of a work log to charge or charged',
  },
  {
    resource: 'chargeTotals',
    field: 'values',
    column: 'value_totals',
    note: 'the value of several work logs, per currency',
  },
  {
    resource: 'report',
    field: 'revenue',
    column: 'revenue',
    note: 'a report group’s revenue: rate × hours of its work logs, per currency (REP-1)',
  },
] as const;

export type MoneyField = (typeof MONEY_FIELDS)[number]['field'];

const MONEY_KEYS: ReadonlySet<string> = new Set(MONEY_FIELDS.flatMap((m) => [m.field, m.column]));

/** Whether a key (API field or stored column) names money. */
export function isMoneyKey(key: string): boolean {
  return MONEY_KEYS.has(key);
}

/** A value with every money key removed at any depth: absent, not null, so no reader can tell one was there. */
export function withoutMoney<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutMoney) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !MONEY_KEYS.has(k))
      .map(([k, v]) => [k, withoutMoney(v)]),
  ) as T;
}

/** What a presenter returns: the record as built, or without its money for a reader who may not see money. */
export function showMoney<T>(seesMoney: boolean, record: T): T {
  return seesMoney ? record : withoutMoney(record);
}

/** A decimal amount of at most two places in whole cents, without floating point. */
const cents = (s: string) => {
  const negative = s.startsWith('-');
  const [whole, fraction = ''] = s.replace(/^-/, '').split('.');
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -value : value;
};

/** Two decimal amounts as strings are the same money ('85.5' and '85.50'), compared without floating point. */
export function sameAmount(a: string, b: string): boolean {
  return cents(a) === cents(b);
}

/** The sum of decimal amounts of at most two places, as a decimal string with two ('0.00' for none). */
export function addAmounts(amounts: readonly string[]): string {
  const total = amounts.reduce((sum, a) => sum + cents(a), 0n);
  const abs = total < 0n ? -total : total;
  return `${total < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
