import { sql, type Kysely } from 'kysely';

/**
 * The project and work item each audit row is about (EXPL-4), so the audit search can show a row only to readers
 * who may browse that project and view that item — with the predicates every list uses. They are worked out in the
 * database from the row's entity type and id (and the audited state, which outlives a deleted work log): a trigger
 * fills them on insert, so no call site — including statements that insert audit rows themselves — can forget
 * them, and existing rows are backfilled the same way. Rows about neither (users, groups, app roles, denials,
 * settings, global teams) stay installation-wide.
 */
const statements = [
  `alter table audit_log add column item_id int`,
  // The work item an audited state names (`item_id` of a work log, comment, … as stored), if it is a plain id.
  `create function audit_item_of(state jsonb) returns int language sql immutable as $$
     select case when jsonb_typeof(state) = 'object' and state->>'item_id' ~ '^[0-9]{1,9}$' then (state->>'item_id')::int end
   $$`,
  `create function audit_scope_item(entity_type text, entity_id text, before jsonb, after jsonb) returns int language sql stable as $$
     select case
       when entity_type = 'work_item' and entity_id ~ '^[0-9]{1,9}$' then entity_id::int
       when entity_type = 'worklog' then coalesce(audit_item_of(after), audit_item_of(before),
         (select w.item_id from worklogs w where entity_id ~ '^[0-9]{1,9}$' and w.id = entity_id::int))
       when entity_type = 'item_comment' then coalesce(audit_item_of(after), audit_item_of(before),
         (select c.item_id from item_comments c where entity_id ~ '^[0-9]{1,9}$' and c.id = entity_id::int))
       else coalesce(audit_item_of(after), audit_item_of(before))
     end
   $$`,
  // A project team's rows (the team, its roles, memberships and price lists) belong to its project; a global team's to none.
  `create function audit_scope_project(entity_type text, entity_id text, item_id int) returns int language sql stable as $$
     select case
       when item_id is not null then (select i.project_id from work_items i where i.id = item_id)
       when entity_id !~ '^[0-9]{1,9}$' then null
       when entity_type = 'team' then (select t.project_id from teams t where t.id = entity_id::int)
       when entity_type = 'team_role' then (select t.project_id from team_roles r join teams t on t.id = r.team_id where r.id = entity_id::int)
       when entity_type = 'team_membership' then (select t.project_id from team_memberships m join teams t on t.id = m.team_id where m.id = entity_id::int)
       when entity_type = 'price_list' then (select t.project_id from price_lists pl join teams t on t.id = pl.team_id where pl.id = entity_id::int)
     end
   $$`,
  `create function audit_log_scope() returns trigger language plpgsql as $$
   begin
     if new.item_id is null then
       new.item_id := audit_scope_item(new.entity_type, new.entity_id, new.before, new.after);
     end if;
     if new.project_id is null then
       new.project_id := audit_scope_project(new.entity_type, new.entity_id, new.item_id);
     end if;
     return new;
   end $$`,
  // Only rows that leave either out pay for the trigger: the work-log insert, the hot path, names both itself.
  `create trigger audit_log_scope before insert on audit_log for each row
     when (new.item_id is null or new.project_id is null) execute function audit_log_scope()`,
  `update audit_log set item_id = audit_scope_item(entity_type, entity_id, before, after) where item_id is null`,
  `update audit_log set project_id = audit_scope_project(entity_type, entity_id, item_id) where project_id is null`,
  `create index audit_log_project_idx on audit_log (project_id, id desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
