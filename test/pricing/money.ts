// PRICE-7: a walker that fails when a response carries money — a money-named key at any depth, or a string
// (or number) holding one of the rates the test knows. Reusable for any response: lists, records, errors.
import assert from 'node:assert/strict';

const MONEY_WORDS = new Set(['rate', 'rates', 'price', 'prices', 'cost', 'costs', 'revenue', 'revenues', 'amount', 'amounts']);

/**
 * A key names money when one of its words (camelCase or snake_case) is rate, price, cost, revenue or amount:
 * hourlyRate, rate, unit_price, cost_total, revenueEur. Two exceptions carry no amount: a reference to a price
 * list (priceList, priceListId, price_list_id) and a boolean (rateChanged: true).
 */
function isMoneyKey(key: string, value: unknown): boolean {
  if (typeof value === 'boolean') return false;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[_\W]+/);
  return words.some((word, i) => MONEY_WORDS.has(word) && !/^lists?$/.test(words[i + 1] ?? ''));
}

/** '85.50' is also written '85.5'; a whole amount '90.00' also '90'. Use distinctive rates (e.g. '87.35') in tests. */
function spellings(rate: string): string[] {
  const out = new Set([rate]);
  if (rate.includes('.')) {
    const trimmed = rate.replace(/0+$/, '').replace(/\.$/, '');
    out.add(trimmed);
  }
  return [...out];
}

/** Every place in `body` that carries money, as `path: why` lines; empty when there is none. */
export function findMoney(body: unknown, rates: readonly string[] = []): string[] {
  const needles = rates.flatMap(spellings);
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[body, '$']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      const hit = needles.find((n) => text.includes(n));
      if (hit) found.push(`${path}: ${JSON.stringify(value).slice(0, 120)} contains the rate ${hit}`);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
        if (isMoneyKey(key, inner)) found.push(`${at}: a money key`);
        stack.push([inner, at]);
      }
    }
  }
  return found.sort();
}

/**
 * Fails when `body` (parsed JSON, or a response's text) carries money at any depth. `rates`: the amounts the
 * test stored, looked for inside every string, so a rate that leaks through a message is caught too.
 */
export function assertNoMoney(body: unknown, rates: readonly string[] = [], context = 'response'): void {
  const parsed = typeof body === 'string' ? parseOrText(body) : body;
  assert.deepEqual(findMoney(parsed, rates), [], `${context} carries money`);
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
