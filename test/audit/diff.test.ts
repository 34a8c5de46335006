// Guards how the audit log viewer reads a row's before and after (EXPL-4): a change lists only the fields that changed,
// a creation what was added, a deletion what was removed, nested records field by field, and money the server left out
// for the reader as hidden (PRICE-7).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffLines, readable } from '../../web/src/components/audit/diff.js';

test('EXPL-4: a change lists only the changed fields, old → new, nested records by their fields', () => {
  const lines = diffLines(
    { name: 'Website', version: 1, settings: { periodLength: 'week', teamChecks: 'inherit' }, tags: ['a'] },
    { name: 'Website', version: 2, settings: { periodLength: 'month', teamChecks: 'inherit' }, tags: ['a', 'b'] },
  );
  assert.deepEqual(lines, [
    { field: 'version', kind: 'changed', before: '1', after: '2' },
    { field: 'settings › period length', kind: 'changed', before: 'week', after: 'month' },
    { field: 'tags', kind: 'changed', before: 'a', after: 'a, b' },
  ]);
});

test('EXPL-4: a creation shows what was added, a deletion what was removed; values read as plain words', () => {
  assert.deepEqual(diffLines(null, { title: 'New', done: false, parent_id: null }), [
    { field: 'title', kind: 'added', after: 'New' },
    { field: 'done', kind: 'added', after: 'no' },
    { field: 'parent id', kind: 'added', after: 'none' },
  ]);
  assert.deepEqual(diffLines({ members: [{ login: 'ann' }, { login: 'bo' }] }, null), [
    { field: 'members', kind: 'removed', before: '{login: ann}, {login: bo}' },
  ]);
  assert.deepEqual(diffLines({ a: 1 }, { a: 1 }), []);
  assert.equal(readable(''), '(empty)');
  assert.equal(readable([]), '(empty list)');
});

test('EXPL-4, PRICE-7: money the server left out is listed as hidden, without a value', () => {
  assert.deepEqual(
    diffLines(null, { duration_seconds: 600 }, ['rate', 'priceLists.0.hourly_rate', 'priceLists.1.hourly_rate']),
    [
      { field: 'duration seconds', kind: 'added', after: '600' },
      { field: 'rate', kind: 'hidden' },
      { field: 'price lists › hourly rate', kind: 'hidden' },
    ],
  );
});
