import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import type { AppRole, DenyPermission, ProjectPermission, TeamPermission } from '../db/types.js';
import {
  effectiveTeamChecks,
  type ItemSecurityFacts,
  type ProjectFacts,
  type ProjectTeamFacts,
  type SecurityEntry,
  type SubjectFacts,
  type TeamFacts,
} from './facts.js';
import { SecuritySetting } from './setting.js';

/** Batch loaders: each fetches the facts the decision core needs in one query, for any number of resources. */

export interface SubjectRow {
  id: number;
  active: boolean;
  system_admin: boolean;
  groups: Array<{ id: number; name: string }>;
  roles: Array<{ role: AppRole; group_id: number | null; group_name: string | null }>;
  denies: Array<{ permission: DenyPermission; group_id: number; group_name: string }>;
  teams?: Array<{
    team_id: number;
    team_name: string;
    project_id: number | null;
    permissions: TeamPermission[] | null;
  }>;
  display_name?: string;
}

/** The subject's groups, app roles and deny permissions as JSON columns of a query over `users u`. */
export const subjectAggregates = sql`
  coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.id)
            from group_members gm join groups g on g.id = gm.group_id where gm.user_id = u.id), '[]') as groups,
  coalesce((select json_agg(json_build_object('role', a.role, 'group_id', a.group_id, 'group_name', g.name) order by a.id)
            from app_role_grants a left join groups g on g.id = a.group_id
            where a.user_id = u.id or a.group_id in (select group_id from group_members where user_id = u.id)), '[]') as roles,
  coalesce((select json_agg(json_build_object('permission', d.permission, 'group_id', d.group_id, 'group_name', g.name) order by d.id)
            from deny_grants d join groups g on g.id = d.group_id
            where d.group_id in (select group_id from group_members where user_id = u.id)), '[]') as denies,
  coalesce((select json_agg(json_build_object('team_id', t.id, 'team_name', t.name, 'project_id', t.project_id,
                   'permissions', (select array_agg(distinct p) from team_membership_roles mr join team_roles r on r.id = mr.role_id,
                                     unnest(r.permissions) p where mr.membership_id = m.id)) order by t.id)
            from team_memberships m join teams t on t.id = m.team_id where m.user_id = u.id and m.left_at is null), '[]') as teams`;

/** Loads a user's facts in one query: identity, groups, app roles and denials. */
export async function loadSubject(db: Database, userId: number): Promise<SubjectFacts | undefined> {
  return (await loadSubjects(db, [userId])).get(userId);
}

export async function loadSubjects(db: Database, userIds: readonly number[]): Promise<Map<number, SubjectFacts>> {
  if (userIds.length === 0) return new Map();
  const { rows } =
    await sql<SubjectRow>`select u.id, u.active, u.system_admin, u.display_name, ${subjectAggregates} from users u
    where u.id in (${sql.join([...userIds])})`.execute(db);
  return new Map(rows.map((r) => [r.id, subjectFromRow(r)]));
}

/**
 * The groups are copied rather than taken from the parsed row, so they sit in memory next to the subject:
 * every check reads them, and on a large batch of facts that halves the cache misses of the subject part
 * (bench:authz, large world).
 */
export function subjectFromRow(row: SubjectRow): SubjectFacts {
  return {
    userId: row.id,
    active: row.active,
    systemAdmin: row.system_admin,
    groups: row.groups.map((g) => ({ id: g.id, name: g.name })),
    appRoles: row.roles.map((r) => ({
      role: r.role,
      via:
        r.group_id === null ? { kind: 'user' } : { kind: 'group', groupId: r.group_id, groupName: r.group_name ?? '' },
    })),
    denies: (row.denies ?? []).map((d) => ({ permission: d.permission, groupId: d.group_id, groupName: d.group_name })),
    teams: (row.teams ?? []).map((t) => ({
      teamId: t.team_id,
      teamName: t.team_name,
      projectId: t.project_id,
      permissions: t.permissions ?? [],
    })),
    ...(row.display_name !== undefined ? { name: row.display_name } : {}),
  };
}

interface ProjectRow {
  project_id: number;
  project_key: string;
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
const projectColumns = sql`p.id as project_id, p.key as project_key,
  (select json_agg(json_build_object('permission', g.permission,
      'kind', case when g.user_id is not null then 'user' when g.group_id is not null then 'group' else 'role' end,
      'subject_id', coalesce(g.user_id, g.group_id, g.role_id),
      'subject_name', coalesce(gu.display_name, gg.name, gr.name)) order by g.id)
    from project_permission_grants g left join users gu on gu.id = g.user_id left join groups gg on gg.id = g.group_id
    left join project_roles gr on gr.id = g.role_id where g.project_id = p.id) as grants,
  (select json_agg(json_build_object('role_id', m.role_id, 'role_name', r.name, 'user_id', m.user_id, 'group_id', m.group_id, 'group_name', mg.name) order by m.id)
    from project_role_members m join project_roles r on r.id = m.role_id left join groups mg on mg.id = m.group_id
    where m.project_id = p.id) as role_members`;

function projectFromRow(row: ProjectRow): ProjectFacts {
  return {
    projectId: row.project_id,
    projectKey: row.project_key,
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

export interface ItemFacts {
  itemId: number;
  itemKey: string;
  projectId: number;
  project: ProjectFacts;
  item: ItemSecurityFacts;
  /** The project's team facts, when asked for (`withTeams`): work-log actions load them in the same query. */
  teams?: ProjectTeamFacts;
}

interface ItemRow extends ProjectRow, Partial<Omit<ProjectTeamRow, 'project_id' | 'project_key'>> {
  item_id: number;
  item_key: string;
  governing_id: number | null;
  governing_key: string | null;
  entries: Array<{
    kind: SecurityEntry['kind'];
    subject_id: number;
    subject_name: string | null;
    view: SecurityEntry['view'];
    edit: SecurityEntry['edit'];
  }> | null;
}

/** Entries of the governing setting, with their subjects' names for explanations. */
const entriesColumn = sql`(select json_agg(json_build_object('kind', e.subject_kind, 'subject_id', e.subject_id, 'view', e.view, 'edit', e.edit,
    'subject_name', case e.subject_kind when 'user' then (select display_name from users where id = e.subject_id)
                                        when 'group' then (select name from groups where id = e.subject_id)
                                        when 'role' then (select name from project_roles where id = e.subject_id)
                                        when 'team' then (select name from teams where id = e.subject_id) end) order by e.id)
  from item_security_entries e where e.item_id = i.governing_item_id) as entries`;

/**
 * Loads work items (not in the trash) with their project's facts and item security facts, in one query;
 * with `withTeams`, the project's team facts too (the team check of work-log actions).
 */
export async function loadItems(
  db: Database,
  where: RawBuilder<unknown>,
  options: { withTeams?: boolean } = {},
): Promise<Map<number, ItemFacts>> {
  const { rows } = await sql<ItemRow>`
    select i.id as item_id, i.key as item_key, i.governing_item_id as governing_id, gi.key as governing_key, ${entriesColumn}, ${projectColumns}
      ${options.withTeams ? sql`, ${projectTeamColumns}` : sql``}
    from work_items i join projects p on p.id = i.project_id left join work_items gi on gi.id = i.governing_item_id
    where i.deleted_at is null and ${where}`.execute(db);
  // Items of one project share one ProjectFacts object, and items under one setting one governing object: the
  // engine memoises a subject's standing per ProjectFacts, and a batch's facts stay small in memory.
  const projects = new Map<number, ProjectFacts>();
  const settings = new Map<number, SecuritySetting>();
  const projectOf = (row: ItemRow) =>
    projects.get(row.project_id) ?? projects.set(row.project_id, projectFromRow(row)).get(row.project_id)!;
  const governingOf = (row: ItemRow) => {
    if (row.governing_id === null) return null;
    return (
      settings.get(row.governing_id) ??
      settings
        .set(
          row.governing_id,
          new SecuritySetting(
            row.governing_id,
            row.governing_key ?? '',
            (row.entries ?? []).map((e) => ({
              kind: e.kind,
              subjectId: e.subject_id,
              subjectName: e.subject_name ?? '',
              view: e.view,
              edit: e.edit,
            })),
          ),
        )
        .get(row.governing_id)!
    );
  };
  return new Map(
    rows.map((row) => [
      row.item_id,
      {
        itemId: row.item_id,
        itemKey: row.item_key,
        projectId: row.project_id,
        project: projectOf(row),
        ...(options.withTeams ? { teams: projectTeamsFromRow(row as ItemRow & ProjectTeamRow) } : {}),
        item: { itemId: row.item_id, itemKey: row.item_key, governing: governingOf(row) },
      },
    ]),
  );
}

/** One work item by key with all its facts. */
export async function loadItem(
  db: Database,
  itemKey: string,
  options: { withTeams?: boolean } = {},
): Promise<ItemFacts | undefined> {
  return [...(await loadItems(db, sql`i.key = ${itemKey}`, options)).values()][0];
}

/** Teams by id: their name and project (null: a global team), and the projects a global team is assigned to (TEAM-8). */
export async function loadTeams(db: Database, teamIds: readonly number[]): Promise<Map<number, TeamFacts>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('teams as t')
    .select(['t.id', 't.name', 't.project_id'])
    .select(
      sql<
        number[]
      >`coalesce((select array_agg(tp.project_id order by tp.project_id) from team_projects tp where tp.team_id = t.id), '{}')`.as(
        'assigned',
      ),
    )
    .where('t.id', 'in', [...teamIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { teamId: r.id, teamName: r.name, projectId: r.project_id, assignedProjectIds: r.assigned.map(Number) },
    ]),
  );
}

interface ProjectTeamRow {
  project_id: number;
  project_key: string;
  project_checks: 'inherit' | 'disabled';
  global_checks: boolean;
  teams: Array<{
    team_id: number;
    team_name: string;
    global: boolean;
    price_lists: Array<{
      id: number;
      name: string;
      currency: string;
      hourly_rate: string | number;
      valid_from: string;
      valid_to: string | null;
    }> | null;
  }> | null;
}

/** A project's team-check switches and the teams working on it with their price lists, as columns of a query over `projects p`. */
const projectTeamColumns = sql`p.team_checks as project_checks,
  (select tw_s.team_checks from app_settings tw_s) as global_checks,
  (select json_agg(json_build_object('team_id', t.id, 'team_name', t.name, 'global', t.project_id is null,
     'price_lists', (select json_agg(json_build_object('id', pl.id, 'name', pl.name, 'currency', pl.currency, 'hourly_rate', pl.hourly_rate::text,
                       'valid_from', pl.valid_from, 'valid_to', pl.valid_to) order by pl.valid_from) from price_lists pl where pl.team_id = t.id)) order by t.id)
   from teams t where t.project_id = p.id or t.id in (select tp.team_id from team_projects tp where tp.project_id = p.id)) as teams`;

function projectTeamsFromRow(r: ProjectTeamRow): ProjectTeamFacts {
  return {
    projectId: r.project_id,
    projectKey: r.project_key,
    checks: effectiveTeamChecks(r.global_checks, r.project_checks),
    teams: (r.teams ?? []).map((t) => ({
      teamId: t.team_id,
      teamName: t.team_name,
      global: t.global,
      priceLists: (t.price_lists ?? []).map((pl) => ({
        id: pl.id,
        name: pl.name,
        currency: pl.currency,
        hourlyRate: String(pl.hourly_rate),
        validFrom: pl.valid_from,
        validTo: pl.valid_to,
      })),
    })),
  };
}

/** The team layer's facts of projects (PRICE-2, PRICE-3): the switches, and every team working on each project with its price lists. */
export async function loadProjectTeams(
  db: Database,
  projectIds: readonly number[],
): Promise<Map<number, ProjectTeamFacts>> {
  if (projectIds.length === 0) return new Map();
  const { rows } = await sql<ProjectTeamRow>`select p.id as project_id, p.key as project_key, ${projectTeamColumns}
    from projects p where p.id in (${sql.join([...projectIds])})`.execute(db);
  return new Map(rows.map((r) => [r.project_id, projectTeamsFromRow(r)]));
}
