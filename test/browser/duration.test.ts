// Guards the web UI's reading of typed durations and hash routes: what a person types becomes the seconds and keys the API receives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, formatHours, parseDuration } from '../../web/src/duration.js';
import { href, parseRoute } from '../../web/src/router.js';

test('WL-1: typed durations ("1h 30m", "1.5h", minutes) become whole seconds', () => {
  const cases: [string, number | null][] = [
    ['1h 30m', 5400], ['1h30m', 5400], ['1.5h', 5400], ['1,5h', 5400], ['90', 5400], ['90m', 5400],
    ['1:30', 5400], ['2h', 7200], ['45 min', 2700], ['2 hours', 7200], [' 15m ', 900], ['0.25h', 900],
    ['', null], ['0', null], ['0h', null], ['abc', null], ['h', null], ['1h 30', 5400], ['30 1h', null], ['-1h', null], ['1:75', null],
  ];
  for (const [text, seconds] of cases) assert.equal(parseDuration(text), seconds, `"${text}"`);
});

test('WL-1: durations are shown as hours and minutes', () => {
  assert.equal(formatDuration(5400), '1h 30m');
  assert.equal(formatDuration(7200), '2h');
  assert.equal(formatDuration(2700), '45m');
  assert.equal(formatDuration(0), '0m');
  assert.equal(formatHours(5400), '1.5');
  assert.equal(formatHours(1200), '0.33');
  for (const seconds of [60, 900, 5400, 86_400]) assert.equal(parseDuration(formatDuration(seconds)), seconds);
});

test('PRJ-2: keys like ACME-12 route to their project and item screens and round-trip', () => {
  assert.deepEqual(parseRoute(''), { name: 'projects' });
  assert.deepEqual(parseRoute('#/projects'), { name: 'projects' });
  assert.deepEqual(parseRoute(href.project('ACME')), { name: 'project', key: 'ACME' });
  assert.deepEqual(parseRoute(href.item('ACME-12')), { name: 'item', key: 'ACME-12' });
  assert.deepEqual(parseRoute(href.myWorklogs()), { name: 'myWorklogs' });
  assert.deepEqual(parseRoute('#/items'), { name: 'notFound' });
  assert.deepEqual(parseRoute('#/projects/A/B'), { name: 'notFound' });
  assert.deepEqual(parseRoute('#/items/%E0%A4%A'), { name: 'notFound' });
});
