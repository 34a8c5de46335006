import { sql, type Kysely } from 'kysely';

/**
 * Cost rates (APP-5, issue 16): a person's internal cost of an hour, effective-dated — a rate holds from its first day
 * until the person's next rate, so a change keeps history. Money (PRICE-7): decimal, never a float.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table cost_rates (
    id int generated always as identity primary key,
    user_id int not null references users(id) on delete cascade,
    valid_from date not null,
    cost_rate numeric(10, 2) not null check (cost_rate >= 0),
    currency char(3) not null,
    created_by int references users(id) on delete set null,
    created_at timestamptz not null default now(),
    unique (user_id, valid_from))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
