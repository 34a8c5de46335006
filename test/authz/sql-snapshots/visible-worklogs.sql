-- visibleWorklogs(reader, 'w') — WL-2, WL-3, ITEM-9
-- Compiled by test/authz/visibility-snapshots.test.ts for user 42, parameters written in.
select * from "worklogs" as "w" where coalesce((select (("tw_wi"."deleted_at" is null) and ("tw_wi"."project_id" = any(array(
    select tw_g.project_id from project_permission_grants tw_g
    where tw_g.permission in ('BROWSE_PROJECT', 'ADMINISTER_PROJECT')
      and exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
      and (tw_g.user_id = 42
        or tw_g.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)
        or exists (select 1 from project_role_members tw_rm
                   where tw_rm.project_id = tw_g.project_id and tw_rm.role_id = tw_g.role_id
                     and (tw_rm.user_id = 42 or tw_rm.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42))))))) and ("tw_wi"."governing_item_id" is null or "tw_wi"."governing_item_id" in ((select tw_e.item_id from item_security_entries tw_e
        where tw_e.subject_kind = 'user' and tw_e.subject_id = 42 and "tw_e"."view" = 'allow'
      union all
      select tw_e.item_id from item_security_entries tw_e join group_members tw_gm on tw_gm.group_id = tw_e.subject_id
        where tw_e.subject_kind = 'group' and tw_gm.user_id = 42 and "tw_e"."view" = 'allow'
      union all
      select tw_e.item_id from item_security_entries tw_e join item_security tw_s on tw_s.item_id = tw_e.item_id
        where tw_e.subject_kind = 'role' and (tw_s.project_id, tw_e.subject_id) in (select tw_rm.project_id, tw_rm.role_id from project_role_members tw_rm
    where tw_rm.user_id = 42 or tw_rm.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) and "tw_e"."view" = 'allow'
      union all
      select tw_e.item_id from item_security_entries tw_e join team_memberships tw_tm on tw_tm.team_id = tw_e.subject_id and tw_tm.left_at is null
        where tw_e.subject_kind = 'team' and tw_tm.user_id = 42 and "tw_e"."view" = 'allow') except (select tw_e.item_id from item_security_entries tw_e
        where tw_e.subject_kind = 'user' and tw_e.subject_id = 42 and "tw_e"."view" = 'deny'
      union all
      select tw_e.item_id from item_security_entries tw_e join group_members tw_gm on tw_gm.group_id = tw_e.subject_id
        where tw_e.subject_kind = 'group' and tw_gm.user_id = 42 and "tw_e"."view" = 'deny'
      union all
      select tw_e.item_id from item_security_entries tw_e join item_security tw_s on tw_s.item_id = tw_e.item_id
        where tw_e.subject_kind = 'role' and (tw_s.project_id, tw_e.subject_id) in (select tw_rm.project_id, tw_rm.role_id from project_role_members tw_rm
    where tw_rm.user_id = 42 or tw_rm.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)) and "tw_e"."view" = 'deny'
      union all
      select tw_e.item_id from item_security_entries tw_e join team_memberships tw_tm on tw_tm.team_id = tw_e.subject_id and tw_tm.left_at is null
        where tw_e.subject_kind = 'team' and tw_tm.user_id = 42 and "tw_e"."view" = 'deny')))) from work_items tw_wi
    where tw_wi.id = "w"."item_id"), false)
