-- visibleSlices(reader, 's') — FLOW-2, FLOW-8, FLOW-10, APP-2: the slices the reader may review
-- Compiled by test/authz/visibility-snapshots.test.ts for user 42, parameters written in.
select * from "timesheet_slices" as "s" where ("s"."user_id" <> 42
    and exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
    and exists (select 1 from (select tw_a.role from app_role_grants tw_a where tw_a.user_id = 42 or tw_a.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) tw_r(role) where tw_r.role in ('app_admin', 'timesheet_approver'))
    and (exists (select 1 from (select tw_a.role from app_role_grants tw_a where tw_a.user_id = 42 or tw_a.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) tw_r(role) where tw_r.role in ('app_admin'))
      or "s"."team_id" = any(array(select tw_mm.team_id from team_memberships tw_mm
    join team_membership_roles tw_mr on tw_mr.membership_id = tw_mm.id join team_roles tw_tr on tw_tr.id = tw_mr.role_id
    where tw_mm.user_id = 42 and tw_mm.left_at is null
      and ('APPROVE_TIMESHEETS' = any(tw_tr.permissions))))))
