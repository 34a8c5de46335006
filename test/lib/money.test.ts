import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MONEY_FIELDS, isMoneyKey, sameAmount, showMoney, withoutMoney } from '../../src/lib/money.js';

test('PRICE-7: every registered money field is hidden under its API name and its column, at any depth', () => {
  for (const m of MONEY_FIELDS) {
    assert.ok(isMoneyKey(m.field) && isMoneyKey(m.column), m.field);
    const record = { id: 1, [m.field]: '12.50', nested: [{ [m.column]: '3.00', name: 'x' }] };
    assert.deepEqual(withoutMoney(record), { id: 1, nested: [{ name: 'x' }] });
  }
  assert.equal(isMoneyKey('currency'), false);
  assert.equal(isMoneyKey('name'), false);
});

test('PRICE-7: a presenter shows money only to a money reader, and absent (not null) to everyone else', () => {
  const out = { id: 7, rate: '85.00', currency: 'EUR' };
  assert.deepEqual(showMoney(true, out), out);
  const hidden = showMoney(false, out);
  assert.deepEqual(hidden, { id: 7, currency: 'EUR' });
  assert.equal('rate' in hidden, false);
});

test('amounts compare as decimals, not as text or floating point', () => {
  assert.ok(sameAmount('85.5', '85.50'));
  assert.ok(sameAmount('85', '85.00'));
  assert.ok(!sameAmount('85.01', '85.1'));
});
