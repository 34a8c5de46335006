import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.js';

type Executor = Kysely<DB>;

/** Postgres element types the bulk loader casts its arrays to. */
export type ArrayType = 'int' | 'bigint' | 'text' | 'date' | 'time' | 'timestamptz' | 'boolean' | 'numeric';

export type Columns = Record<string, { type: ArrayType; values: readonly unknown[] }>;

/**
 * Inserts rows given column-wise as `insert … select * from unnest($1::int[], $2::text[], …)`: one
 * parameter per column, so a chunk of 50,000 rows is a single statement with a handful of parameters
 * (no 65,535-parameter limit) on both PostgreSQL (pg) and PGlite, which both serialise JS arrays.
 * With `overridingSystemValue`, explicit ids (from `reserveIds`) go into identity columns.
 */
export async function insertColumns(
  db: Executor,
  table: keyof DB & string,
  columns: Columns,
  options: { overridingSystemValue?: boolean } = {},
): Promise<void> {
  const names = Object.keys(columns);
  const length = columns[names[0]].values.length;
  for (const name of names) {
    if (columns[name].values.length !== length)
      throw new Error(`bulk insert into ${table}: column ${name} has a different length`);
  }
  if (length === 0) return;
  const arrays = names.map((name) => sql`${columns[name].values}::${sql.raw(columns[name].type)}[]`);
  const overriding = options.overridingSystemValue ? sql`overriding system value` : sql``;
  await sql`insert into ${sql.table(table)} (${sql.join(names.map((name) => sql.ref(name)))}) ${overriding}
    select * from unnest(${sql.join(arrays)})`.execute(db);
}

/** Takes `count` ids from a table's identity sequence, so rows can reference each other before they are inserted. */
export async function reserveIds(db: Executor, table: keyof DB & string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${count}::int)`.execute(
    db,
  );
  return rows.map((row) => row.id);
}
