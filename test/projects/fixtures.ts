// Fixtures shared by the project, work-log and audit suites: admins, audit rows, and paging helpers.
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/index.js';
import { type client } from '../helpers/harness.js';

type Client = ReturnType<typeof client>;

/** Re-exported for the suites that import it from here. */
export { createAppAdmin } from '../helpers/harness.js';

/** Audit rows of one entity, oldest first, read straight from the table. */
export async function auditRowsFor(db: Database, entityType: string, entityId: number | string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();
}

export async function auditCount(db: Database) {
  return Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/**
 * Follows `nextCursor` from the first page to the last and returns every page. Asserts each page holds
 * at most `limit` items and that only the last page has no cursor.
 */
export async function allPages<T = Record<string, unknown>>(c: Client, url: string, limit: number): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  const sep = url.includes('?') ? '&' : '?';
  do {
    const res = await c.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { items: T[]; nextCursor: string | null };
    assert.ok(body.items.length <= limit, `a page of ${body.items.length} exceeds limit ${limit}`);
    pages.push(body.items);
    cursor = body.nextCursor;
    assert.ok(pages.length <= 1000, 'paging does not terminate');
  } while (cursor);
  return pages;
}

/** API-3: the pages are pairwise disjoint and together exactly the expected ids, in the expected order. */
export function assertDisjointAndComplete(pages: Array<Array<{ id: number }>>, expectedIds: number[]) {
  const seen = pages.flat().map((r) => r.id);
  assert.equal(new Set(seen).size, seen.length, `a row appears on two pages: ${seen.join(',')}`);
  assert.deepEqual(seen, expectedIds);
}

/** Checks the named abilities only, so new abilities added to a record do not break the rule being tested. */
export function assertAbilities(actual: Record<string, boolean>, expected: Record<string, boolean>) {
  const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, actual[k]]));
  assert.deepEqual(picked, expected);
}
