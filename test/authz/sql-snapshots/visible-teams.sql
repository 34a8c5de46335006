-- visibleTeams(reader, 't') — TEAM-8
-- Compiled by test/authz/visibility-snapshots.test.ts for user 42, parameters written in.
select * from "teams" as "t" where (exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
    and not exists (select 1 from deny_grants tw_d where tw_d.permission = 'ISSUE_TIME_TABS' and tw_d.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42))
    and exists (select 1 from (select tw_a.role from app_role_grants tw_a where tw_a.user_id = 42 or tw_a.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) tw_r(role) where tw_r.role in ('app_admin', 'team_admin', 'client_admin', 'billing_admin', 'timesheet_viewer', 'scheduler_viewer', 'client_viewer', 'billing_viewer', 'vacation_approver', 'timesheet_approver'))
    and ("t"."project_id" is null or "t"."project_id" = any(array(
    select tw_g.project_id from project_permission_grants tw_g
    where tw_g.permission in ('BROWSE_PROJECT', 'ADMINISTER_PROJECT')
      and exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
      and (tw_g.user_id = 42
        or tw_g.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)
        or exists (select 1 from project_role_members tw_rm
                   where tw_rm.project_id = tw_g.project_id and tw_rm.role_id = tw_g.role_id
                     and (tw_rm.user_id = 42 or tw_rm.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)))))))
    and (exists (select 1 from team_memberships tw_tm where tw_tm.team_id = "t"."id" and tw_tm.user_id = 42 and tw_tm.left_at is null)
      or exists (select 1 from users tw_s where tw_s.id = 42 and tw_s.system_admin)
      or exists (select 1 from (select tw_a.role from app_role_grants tw_a where tw_a.user_id = 42 or tw_a.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) tw_r(role) where tw_r.role in ('team_admin', 'app_admin'))
      or "t"."project_id" in (
    select tw_g.project_id from project_permission_grants tw_g
    where tw_g.permission in ('ADMINISTER_PROJECT')
      and exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
      and (tw_g.user_id = 42
        or tw_g.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)
        or exists (select 1 from project_role_members tw_rm
                   where tw_rm.project_id = tw_g.project_id and tw_rm.role_id = tw_g.role_id
                     and (tw_rm.user_id = 42 or tw_rm.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)))))
      or ("t"."project_id" is null and exists (select 1 from team_projects tw_tp where tw_tp.team_id = "t"."id" and tw_tp.project_id in (
    select tw_g.project_id from project_permission_grants tw_g
    where tw_g.permission in ('ADMINISTER_PROJECT')
      and exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
      and (tw_g.user_id = 42
        or tw_g.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)
        or exists (select 1 from project_role_members tw_rm
                   where tw_rm.project_id = tw_g.project_id and tw_rm.role_id = tw_g.role_id
                     and (tw_rm.user_id = 42 or tw_rm.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)))))))))
