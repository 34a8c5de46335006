-- visibleLeave(reader, 'l') — FLOW-4: the leave requests (and types) the reader may know
-- Compiled by test/authz/visibility-snapshots.test.ts for user 42, parameters written in.
select * from "leave_requests" as "l" where (exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
    and ("l"."user_id" = 42
      or exists (select 1 from (select tw_a.role from app_role_grants tw_a where tw_a.user_id = 42 or tw_a.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) tw_r(role) where tw_r.role in ('app_admin'))
      or (exists (select 1 from (select tw_a.role from app_role_grants tw_a where tw_a.user_id = 42 or tw_a.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) tw_r(role) where tw_r.role in ('vacation_approver'))
        and (exists (select 1 from team_memberships tw_om join team_memberships tw_rm on tw_rm.team_id = tw_om.team_id
               and tw_rm.left_at is null and tw_rm.user_id = 42
             where tw_om.user_id = "l"."user_id" and tw_om.left_at is null)
          or not exists (select 1 from team_memberships tw_om join team_memberships tw_am on tw_am.team_id = tw_om.team_id
               and tw_am.left_at is null and tw_am.user_id <> "l"."user_id"
               join users tw_au on tw_au.id = tw_am.user_id and tw_au.active
             where tw_om.user_id = "l"."user_id" and tw_om.left_at is null
               and exists (select 1 from (select tw_a.role from app_role_grants tw_a where tw_a.user_id = tw_am.user_id or tw_a.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = tw_am.user_id)) tw_r(role) where tw_r.role in ('vacation_approver')))))))
