-- promotedItems(reader, 7) — where the tree lists items under hidden parents (ITEM-2)
-- Compiled by test/authz/visibility-snapshots.test.ts for user 42, parameters written in.
with recursive tw_hiding as (
      -- A scalar subquery, so each setting's item is looked up by its key: as a join or an anti-join, PostgreSQL
      -- scanned every viewable item of the user's projects (36,000 rows on the benchmark world) to find 50 settings.
      select tw_sec.item_id from item_security tw_sec
        where tw_sec.project_id = 7
          and not coalesce((select (("tw_h"."deleted_at" is null) and ("tw_h"."project_id" = any(array(
    select tw_g.project_id from project_permission_grants tw_g
    where tw_g.permission in ('BROWSE_PROJECT', 'ADMINISTER_PROJECT')
      and exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
      and (tw_g.user_id = 42
        or tw_g.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)
        or exists (select 1 from project_role_members tw_rm
                   where tw_rm.project_id = tw_g.project_id and tw_rm.role_id = tw_g.role_id
                     and (tw_rm.user_id = 42 or tw_rm.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42))))))) and ("tw_h"."governing_item_id" is null or "tw_h"."governing_item_id" in ((select tw_e.item_id from item_security_entries tw_e
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
        where tw_e.subject_kind = 'team' and tw_tm.user_id = 42 and "tw_e"."view" = 'deny')))) from work_items tw_h where tw_h.id = tw_sec.item_id), false)),
    tw_climb(id, at) as (
      select tw_s.id, tw_s.parent_id from item_security tw_sec
        join work_items tw_s on tw_s.id = tw_sec.item_id
        join work_items tw_p on tw_p.id = tw_s.parent_id
        where tw_sec.project_id = 7 and tw_s.id not in (select item_id from tw_hiding)
          and tw_p.governing_item_id in (select item_id from tw_hiding)
      union all
      select tw_c.id, tw_g.parent_id from tw_climb tw_c
        join work_items tw_a on tw_a.id = tw_c.at
        join work_items tw_g on tw_g.id = tw_a.governing_item_id
        where tw_a.governing_item_id in (select item_id from tw_hiding))
    select tw_c.id, tw_c.at as visible_parent_id from tw_climb tw_c left join work_items tw_a on tw_a.id = tw_c.at
      where tw_a.governing_item_id is null or tw_a.governing_item_id not in (select item_id from tw_hiding)
