// Guards WL-6 in the web UI's reading of typed durations (and the hash routes): what a person types becomes the seconds and keys the API receives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeDuration, formatDuration, formatHours, parseDuration, readDuration } from '../../web/src/duration.js';
import { href, parseRoute } from '../../web/src/router.js';

test('WL-6: typed durations ("1h 30m", "1.5h", "90m", "1:30") become whole seconds; a bare number means hours', () => {
  const cases: [string, number | null][] = [
    ['1h 30m', 5400],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['1,5h', 5400],
    ['90m', 5400],
    ['1:30', 5400],
    ['1h 30', 5400],
    ['2h', 7200],
    ['45 min', 2700],
    ['2 hours', 7200],
    [' 15m ', 900],
    ['0.25h', 900],
    ['.5h', 1800],
    ['1 h 30 min', 5400],
    // A number alone is hours: "0.5" is half an hour (it once saved one minute), "2" two hours, "1.5" ninety minutes.
    ['0.5', 1800],
    ['2', 7200],
    ['1.5', 5400],
    ['1,25', 4500],
    ['24', 86_400],
    ['24:00', 86_400],
    ['0:01', 60],
    // Whole minutes: what is saved is what the UI can show.
    ['0.01h', 60],
    ['1h 0.4m', 3600],
  ];
  for (const [text, seconds] of cases) assert.equal(parseDuration(text), seconds, `"${text}"`);
});

test('WL-6: nonsense is refused with a plain message — negative, zero, over 24 hours, garbage', () => {
  const refused: Array<[string, RegExp]> = [
    ['', /^Enter a duration/],
    ['   ', /^Enter a duration/],
    ['-1h', /cannot be negative/],
    ['-30m', /cannot be negative/],
    ['−2', /cannot be negative/],
    ['0', /at least 1 minute/],
    ['0h', /at least 1 minute/],
    ['0:00', /at least 1 minute/],
    ['0.001h', /at least 1 minute/],
    ['25h', /at most 24 hours/],
    ['90', /at most 24 hours/],
    ['24:01', /at most 24 hours/],
    ['1441m', /at most 24 hours/],
    ['abc', /^Enter a duration, not “abc”/],
    ['h', /not “h”/],
    ['30 1h', /not “30 1h”/],
    ['1:75', /not “1:75”/],
    ['1e3', /not “1e3”/],
    ['1h 30m 5s', /not “1h 30m 5s”/],
    ['1..5h', /not “1..5h”/],
  ];
  for (const [text, message] of refused) {
    const reading = readDuration(text);
    assert.equal(reading.seconds, undefined, `"${text}" is refused`);
    assert.match(reading.error ?? '', message, `"${text}"`);
    assert.doesNotMatch(reading.error ?? '', /NaN|undefined|seconds/, `"${text}": plain words`);
    assert.equal(parseDuration(text), null);
  }
});

test('WL-6: the parsed value reads "1 h 30 min" next to the input; tables show "1h 30m"; both read back', () => {
  assert.deepEqual([5400, 7200, 2700, 60, 86_400].map(describeDuration), [
    '1 h 30 min',
    '2 h',
    '45 min',
    '1 min',
    '24 h',
  ]);
  assert.equal(formatDuration(5400), '1h 30m');
  assert.equal(formatDuration(7200), '2h');
  assert.equal(formatDuration(2700), '45m');
  assert.equal(formatDuration(0), '0m');
  assert.equal(formatHours(5400), '1.5');
  assert.equal(formatHours(1200), '0.33');
  for (const seconds of [60, 900, 5400, 86_400]) {
    assert.equal(parseDuration(formatDuration(seconds)), seconds);
    assert.equal(parseDuration(describeDuration(seconds)), seconds);
  }
});

test('PRJ-2: keys like ACME-12 route to their project and item screens and round-trip', () => {
  assert.deepEqual(parseRoute(''), { name: 'projects' });
  assert.deepEqual(parseRoute('#/projects'), { name: 'projects' });
  assert.deepEqual(parseRoute(href.project('ACME')), { name: 'project', key: 'ACME', tab: 'items' });
  assert.deepEqual(parseRoute(href.item('ACME-12')), { name: 'item', key: 'ACME-12' });
  assert.deepEqual(parseRoute(href.myWorklogs()), { name: 'myWorklogs' });
  assert.deepEqual(parseRoute('#/items'), { name: 'notFound' });
  assert.deepEqual(parseRoute('#/projects/A/B'), { name: 'notFound' });
  assert.deepEqual(parseRoute('#/items/%E0%A4%A'), { name: 'notFound' });
});
