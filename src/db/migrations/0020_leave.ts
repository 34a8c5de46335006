import { sql, type Kysely } from 'kysely';

/**
 * Leave (FLOW-4, issue 16): configurable leave types, some with a yearly allowance in days, and requests — a type, a
 * date range with half days at either end, a comment — that move pending → approved or rejected, pending → cancelled,
 * approved → pending (revoked). Approved leave takes its days out of the owner's capacity.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table leave_types (
    id int generated always as identity primary key,
    name text not null unique,
    allowance_days numeric(5,1) check (allowance_days is null or allowance_days between 0 and 366),
    archived boolean not null default false,
    version int not null default 1,
    created_at timestamptz not null default now())`.execute(db);
  await sql`insert into leave_types (name, allowance_days) values ('Vacation', 25), ('Sick', null), ('Other', null)`.execute(
    db,
  );
  await sql`create table leave_requests (
    id int generated always as identity primary key,
    user_id int not null references users(id) on delete cascade,
    type_id int not null references leave_types(id),
    start_date date not null,
    end_date date not null,
    start_half boolean not null default false,
    end_half boolean not null default false,
    days numeric(5,1) not null,
    comment text not null default '',
    state text not null default 'pending' check (state in ('pending', 'approved', 'rejected', 'cancelled')),
    decision_comment text,
    decided_by int references users(id) on delete set null,
    decided_at timestamptz,
    version int not null default 1,
    created_at timestamptz not null default now(),
    check (start_date <= end_date),
    check (start_date < end_date or not (start_half and end_half)))`.execute(db);
  await sql`create index leave_requests_user_dates on leave_requests (user_id, start_date, end_date)`.execute(db);
  await sql`create index leave_requests_pending on leave_requests (state) where state = 'pending'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
