// Guards REP-4's streamed export: on PostgreSQL the detailed list is read as one statement through a cursor
// (`streamWorklogs`), and its rows, chunk after chunk, are exactly the keyset walk's — the same work logs in the same
// order; PGlite, whose one connection serves every request, walks by keyset instead (`streams` says which). `readAhead`
// hands on every chunk in order while asking for the next, and a consumer that stops early closes the source.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { streams } from '../../src/db/index.js';
import { readAhead } from '../../src/lib/export.js';
import { findWorklogs, streamWorklogs } from '../../src/modules/reports/repo.js';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { chargingWorld } from '../charges/fixtures.js';

test('REP-4: readAhead hands on every chunk in order, and stopping early closes the source', async () => {
  const seen: number[] = [];
  let closed = false;
  async function* source() {
    try {
      for (let i = 1; i <= 5; i++) {
        seen.push(i);
        yield i;
      }
    } finally {
      closed = true;
    }
  }
  const all: number[] = [];
  for await (const chunk of readAhead(source())) all.push(chunk);
  assert.deepEqual(all, [1, 2, 3, 4, 5]);
  assert.ok(closed);

  closed = false;
  seen.length = 0;
  for await (const chunk of readAhead(source())) {
    assert.equal(seen.length, chunk + 1, 'the next chunk is asked for before this one is used');
    if (chunk === 2) break;
  }
  assert.ok(closed, 'the source is closed when the consumer stops');
  assert.deepEqual(seen, [1, 2, 3]);
});

for (const dialect of DIALECTS)
  describe(`the detailed export's reads (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('REP-4: PostgreSQL streams the list through one cursor, chunk by chunk, the keyset walk’s rows in its order; PGlite walks by keyset', async () => {
      assert.equal(streams(t.db), dialect === 'postgres');
      const w = await chargingWorld(t.db, t.app);
      for (const [date, seconds] of [
        ['2026-03-03', 600],
        ['2026-03-01', 1200],
        ['2026-03-02', 1800],
        ['2026-03-01', 2400],
        ['2026-03-05', 3000],
        ['2026-03-04', 3600],
        ['2026-03-02', 4200],
      ] as const)
        await w.log(date, seconds);
      const reader = { userId: w.author.id, systemAdmin: false };
      const query = { from: '2026-03-01', to: '2026-03-31' };
      const walked = await findWorklogs(t.db, reader, query, undefined, 100);
      assert.equal(walked.length, 7);
      if (!streams(t.db)) return; // PGlite: the export walks by keyset (findWorklogs), compared above with itself
      const chunks: number[] = [];
      const streamed = [];
      for await (const rows of streamWorklogs(t.db, reader, query, 3)) {
        chunks.push(rows.length);
        streamed.push(...rows);
      }
      assert.deepEqual(chunks, [3, 3, 1]);
      assert.deepEqual(streamed, walked);
    });
  });
