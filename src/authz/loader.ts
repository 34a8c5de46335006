import { sql } from 'kysely';
import type { Database } from '../db/index.js';
import type { AppRole, ProjectPermission } from '../db/types.js';
import type { GrantVia, ProjectFacts, SubjectFacts } from './facts.js';

export interface SubjectRow {
  id: number; active: boolean; system_admin: boolean;
  groups: Array<{ id: number; name: string }>;
  roles: Array<{ role: AppRole; group_id: number | null; group_name: string | null }>;
}

/** The subject's groups and app roles as two JSON columns of a query over `users u`. */
export const subjectAggregates = sql`
  coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.id)
            from group_members gm join groups g on g.id = gm.group_id where gm.user_id = u.id), '[]') as groups,
  coalesce((select json_agg(json_build_object('role', a.role, 'group_id', a.group_id, 'group_name', g.name) order by a.id)
            from app_role_grants a left join groups g on g.id = a.group_id
            where a.user_id = u.id or a.group_id in (select group_id from group_members where user_id = u.id)), '[]') as roles`;

/** Loads a user's facts in one query: identity, groups and app roles. */
export async function loadSubject(db: Database, userId: number): Promise<SubjectFacts | undefined> {
  const { rows } = await sql<SubjectRow>`select u.id, u.active, u.system_admin, ${subjectAggregates} from users u where u.id = ${userId}`.execute(db);
  const row = rows[0];
  return row && subjectFromRow(row);
}

export function subjectFromRow(row: SubjectRow): SubjectFacts {
  return {
    userId: row.id,
    active: row.active,
    systemAdmin: row.system_admin,
    groups: row.groups,
    appRoles: row.roles.map((r) => ({
      role: r.role,
      via: r.group_id === null ? { kind: 'user' } : { kind: 'group', groupId: r.group_id, groupName: r.group_name ?? '' },
    })),
  };
}

interface GrantRow {
  project_id: number; project_key: string; permission: ProjectPermission | null;
  via_kind: 'user' | 'group' | 'role' | null; group_id: number | null; group_name: string | null;
  role_id: number | null; role_name: string | null;
}

/** The grants on project `p` that reach the subject, as a lateral subquery (one row per grant and path). */
function grantsReaching(subject: SubjectFacts) {
  const groupIds = subject.groups.length ? subject.groups.map((g) => g.id) : [-1];
  const uid = subject.userId;
  return sql`lateral (
      select g.permission, 'user' as via_kind, null::int as group_id, null::text as group_name, null::int as role_id, null::text as role_name
        from project_permission_grants g where g.project_id = p.id and g.user_id = ${uid}
      union all
      select g.permission, 'group', g.group_id, gr.name, null, null
        from project_permission_grants g join groups gr on gr.id = g.group_id
        where g.project_id = p.id and g.group_id in (${sql.join(groupIds)})
      union all
      select g.permission, 'role', rm.group_id, gr.name, g.role_id, r.name
        from project_permission_grants g
        join project_role_members rm on rm.project_id = g.project_id and rm.role_id = g.role_id
        join project_roles r on r.id = g.role_id
        left join groups gr on gr.id = rm.group_id
        where g.project_id = p.id and (rm.user_id = ${uid} or rm.group_id in (${sql.join(groupIds)})))`;
}

const grantColumns = sql`p.id as project_id, p.key as project_key, x.permission, x.via_kind, x.group_id, x.group_name, x.role_id, x.role_name`;

function collect(rows: GrantRow[]): Map<number, ProjectFacts> {
  const result = new Map<number, ProjectFacts>();
  for (const row of rows) {
    let facts = result.get(row.project_id);
    if (!facts) {
      facts = { projectId: row.project_id, projectKey: row.project_key, grants: [] };
      result.set(row.project_id, facts);
    }
    if (row.permission && row.via_kind) (facts.grants as Array<ProjectFacts['grants'][number]>).push({ permission: row.permission, via: viaFromRow(row) });
  }
  return result;
}

/**
 * Loads, for a set of projects, the permission grants that reach the subject — one query for any
 * number of projects. Projects that do not exist are absent from the map.
 */
export async function loadProjects(db: Database, subject: SubjectFacts, projectIds: readonly number[]): Promise<Map<number, ProjectFacts>> {
  if (projectIds.length === 0) return new Map();
  const { rows } = await sql<GrantRow>`
    select ${grantColumns} from projects p left join ${grantsReaching(subject)} x on true
    where p.id in (${sql.join([...projectIds])})`.execute(db);
  return collect(rows);
}

export interface ItemFacts { itemId: number; projectId: number; project: ProjectFacts }

/** Looks a work item up by key together with its project's facts, in one query. */
export async function loadItem(db: Database, subject: SubjectFacts, itemKey: string): Promise<ItemFacts | undefined> {
  const { rows } = await sql<GrantRow & { item_id: number }>`
    select i.id as item_id, ${grantColumns} from work_items i join projects p on p.id = i.project_id
    left join ${grantsReaching(subject)} x on true
    where i.key = ${itemKey}`.execute(db);
  if (rows.length === 0) return undefined;
  const project = collect(rows).get(rows[0].project_id)!;
  return { itemId: rows[0].item_id, projectId: rows[0].project_id, project };
}

function viaFromRow(row: GrantRow): GrantVia {
  if (row.via_kind === 'user') return { kind: 'user' };
  if (row.via_kind === 'group') return { kind: 'group', groupId: row.group_id!, groupName: row.group_name ?? '' };
  return {
    kind: 'role', roleId: row.role_id!, roleName: row.role_name ?? '',
    ...(row.group_id !== null ? { groupId: row.group_id, groupName: row.group_name ?? '' } : {}),
  };
}
