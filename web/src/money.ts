/**
 * Money as the API sends it: a decimal string, never a float (PRICE-1). The API sends rates only to those who
 * may see money (PRICE-7); the UI shows what it got and has nothing to show otherwise.
 */
export function formatRate(rate: string, currency: string): string {
  return `${rate} ${currency}/h`;
}

/** An amount with its currency, e.g. "174.71 EUR" (a charge's invoice amount, a work log's value). */
export function formatMoney(amount: string, currency: string): string {
  return `${amount} ${currency}`;
}

/** Values per currency, e.g. "174.71 EUR + 20.00 USD"; "—" when there are none. */
export function formatValues(values: readonly { currency: string; amount: string }[]): string {
  return values.length ? values.map((v) => formatMoney(v.amount, v.currency)).join(' + ') : '—';
}

const toCents = (amount: string) => {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
};

/** Sums decimal amounts per currency in whole cents (never floating point), currencies in alphabetical order. */
export function sumByCurrency(lines: readonly { currency?: string; value?: string }[]) {
  const cents = new Map<string, bigint>();
  for (const { currency, value } of lines)
    if (currency && value) cents.set(currency, (cents.get(currency) ?? 0n) + toCents(value));
  return [...cents.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, total]) => ({ currency, amount: `${total / 100n}.${String(total % 100n).padStart(2, '0')}` }));
}
