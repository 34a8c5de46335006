-- workloadWorklogs(reader, 'w', { itemAlias: 'i' }) — REP-5, ITEM-9: the work a per-person total counts
-- Compiled by test/authz/visibility-snapshots.test.ts for user 42, parameters written in.
select "w".* from "worklogs" as "w" inner join "work_items" as "i" on "i"."id" = "w"."item_id" where ("w"."author_id" = any(array(select tw_o.id from users tw_o
    where exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
      and exists (select 1 from (select tw_a.role from app_role_grants tw_a where tw_a.user_id = 42 or tw_a.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) tw_r(role) where tw_r.role in ('app_admin', 'team_admin', 'client_admin', 'billing_admin', 'timesheet_viewer', 'scheduler_viewer', 'client_viewer', 'billing_viewer', 'vacation_approver', 'timesheet_approver'))
      and (tw_o.id = 42
        or exists (select 1 from (select tw_a.role from app_role_grants tw_a where tw_a.user_id = 42 or tw_a.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) tw_r(role) where tw_r.role in ('app_admin'))
        or (exists (select 1 from (select tw_a.role from app_role_grants tw_a where tw_a.user_id = 42 or tw_a.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) tw_r(role) where tw_r.role in ('team_admin'))
          and exists (select 1 from team_memberships tw_om where tw_om.user_id = tw_o.id and tw_om.left_at is null))
        or exists (select 1 from team_memberships tw_om where tw_om.user_id = tw_o.id and tw_om.left_at is null
          and tw_om.team_id in (select tw_mm.team_id from team_memberships tw_mm
    join team_membership_roles tw_mr on tw_mr.membership_id = tw_mm.id join team_roles tw_tr on tw_tr.id = tw_mr.role_id
    where tw_mm.user_id = 42 and tw_mm.left_at is null
      and ('VIEW_MEMBER_WORKLOGS' = any(tw_tr.permissions) or 'MANAGE_MEMBER_WORKLOGS' = any(tw_tr.permissions) or 'MANAGE_TEAM' = any(tw_tr.permissions)))))))
    and "i"."deleted_at" is null
    and "w"."project_id" = any(array(
    select tw_g.project_id from project_permission_grants tw_g
    where tw_g.permission in ('BROWSE_PROJECT', 'ADMINISTER_PROJECT')
      and exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
      and (tw_g.user_id = 42
        or tw_g.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)
        or exists (select 1 from project_role_members tw_rm
                   where tw_rm.project_id = tw_g.project_id and tw_rm.role_id = tw_g.role_id
                     and (tw_rm.user_id = 42 or tw_rm.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)))))))
