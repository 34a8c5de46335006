-- visibleProjects(reader, 'p.id') — PRJ-4
-- Compiled by test/authz/visibility-snapshots.test.ts for user 42, parameters written in.
select * from "projects" as "p" where "p"."id" = any(array(
    select tw_g.project_id from project_permission_grants tw_g
    where tw_g.permission in ('BROWSE_PROJECT', 'ADMINISTER_PROJECT')
      and exists (select 1 from users tw_u where tw_u.id = 42 and tw_u.active)
      and (tw_g.user_id = 42
        or tw_g.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42)
        or exists (select 1 from project_role_members tw_rm
                   where tw_rm.project_id = tw_g.project_id and tw_rm.role_id = tw_g.role_id
                     and (tw_rm.user_id = 42 or tw_rm.group_id in (select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = 42))))))
