import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import type { ProjectPermission } from '../../db/types.js';
import type { ProjectFacts } from '../facts.js';

export interface ProjectRow {
  project_id: number;
  project_key: string;
  archived: boolean;
  grants: Array<{
    permission: ProjectPermission;
    kind: 'user' | 'group' | 'role';
    subject_id: number;
    subject_name: string | null;
  }> | null;
  role_members: Array<{
    role_id: number;
    role_name: string;
    user_id: number | null;
    group_id: number | null;
    group_name: string | null;
  }> | null;
}

/** A project's grants and role holders as JSON columns of a query over `projects p`. */
export const projectColumns = sql`p.id as project_id, p.key as project_key, p.archived_at is not null as archived,
  (select json_agg(json_build_object('permission', g.permission,
      'kind', case when g.user_id is not null then 'user' when g.group_id is not null then 'group' else 'role' end,
      'subject_id', coalesce(g.user_id, g.group_id, g.role_id),
      'subject_name', coalesce(gu.display_name, gg.name, gr.name)) order by g.id)
    from project_permission_grants g left join users gu on gu.id = g.user_id left join groups gg on gg.id = g.group_id
    left join project_roles gr on gr.id = g.role_id where g.project_id = p.id) as grants,
  (select json_agg(json_build_object('role_id', m.role_id, 'role_name', r.name, 'user_id', m.user_id, 'group_id', m.group_id, 'group_name', mg.name) order by m.id)
    from project_role_members m join project_roles r on r.id = m.role_id left join groups mg on mg.id = m.group_id
    where m.project_id = p.id) as role_members`;

export function projectFromRow(row: ProjectRow): ProjectFacts {
  return {
    projectId: row.project_id,
    projectKey: row.project_key,
    archived: row.archived,
    grants: (row.grants ?? []).map((g) => ({
      permission: g.permission,
      kind: g.kind,
      subjectId: g.subject_id,
      subjectName: g.subject_name ?? '',
    })),
    roleMembers: (row.role_members ?? []).map((m) => ({
      roleId: m.role_id,
      roleName: m.role_name,
      ...(m.user_id !== null ? { userId: m.user_id } : {}),
      ...(m.group_id !== null ? { groupId: m.group_id, groupName: m.group_name ?? '' } : {}),
    })),
  };
}

/**
 * Loads projects' facts — all grants and role holders — in one query for any number of projects.
 * The facts are the same for every user; the core works out which grants reach whom.
 */
export async function loadProjects(db: Database, projectIds: readonly number[]): Promise<Map<number, ProjectFacts>> {
  if (projectIds.length === 0) return new Map();
  const { rows } =
    await sql<ProjectRow>`select ${projectColumns} from projects p where p.id in (${sql.join([...projectIds])})`.execute(
      db,
    );
  return new Map(rows.map((r) => [r.project_id, projectFromRow(r)]));
}

/** One project by its key, in the same one statement (a route that names the project by key: no id lookup first). */
export async function loadProjectByKey(db: Database, key: string): Promise<ProjectFacts | undefined> {
  const { rows } = await sql<ProjectRow>`select ${projectColumns} from projects p where p.key = ${key}`.execute(db);
  return rows[0] && projectFromRow(rows[0]);
}
