import { badRequest } from './errors.js';

/**
 * Keyset pagination: the cursor carries the sort key of the last row returned, so each page is one
 * indexed range query in SQL (API-3), stable under inserts.
 */
export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor<T extends Array<string | number>>(
  cursor: string | undefined,
  shape: ReadonlyArray<'string' | 'number'>,
): T | undefined {
  if (cursor === undefined) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== shape.length || values.some((v, i) => typeof v !== shape[i])) {
    throw badRequest('query.cursor', 'cursor is not valid for this list');
  }
  return values as T;
}

/** Fetches limit+1 rows; returns the page and the next cursor. */
export function pageOf<R>(rows: R[], limit: number, keyOf: (row: R) => ReadonlyArray<string | number>) {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
