import { sql } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { visibleProjects } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import { badRequest } from '../../lib/errors.js';
import { containsPattern } from '../../lib/like.js';
import { DEFAULT_PROJECT_ROLES, type ProjectCreate, type ProjectUpdate } from './schema.js';

/** The projects module's queries on projects; their grants and role members are in repo-permissions.ts. */

export type ProjectRow = Awaited<ReturnType<typeof findProjects>>[number];

function selectProjects(db: Database) {
  return db
    .selectFrom('projects as p')
    .leftJoin('clients as c', 'c.id', 'p.client_id')
    .select([
      'p.id',
      'p.key',
      'p.name',
      'p.client_id',
      'c.name as client_name',
      'p.team_checks',
      'p.period_length',
      'p.archived_at',
      'p.version',
    ]);
}

/**
 * A page of the projects the actor may browse, by key after `afterKey`, matching `q` in key or name; active ones only
 * unless `archived` says to include the archived ones, or to list only those (PRJ-1).
 */
export function findProjects(
  db: Database,
  actor: Actor,
  query: { limit: number; afterKey?: string; q?: string; archived: 'exclude' | 'include' | 'only' },
) {
  let q = selectProjects(db)
    .where(visibleProjects(actor, 'p.id'))
    .orderBy('p.key')
    .limit(query.limit + 1);
  if (query.archived !== 'include') q = q.where('p.archived_at', query.archived === 'only' ? 'is not' : 'is', null);
  if (query.afterKey !== undefined) q = q.where('p.key', '>', query.afterKey);
  if (query.q) {
    const like = containsPattern(query.q);
    q = q.where((eb) => eb.or([eb('p.key', 'ilike', like), eb('p.name', 'ilike', like)]));
  }
  return q.execute();
}

export function findProject(db: Database, key: string) {
  return selectProjects(db).where('p.key', '=', key).executeTakeFirst();
}

export async function findProjectId(db: Database, key: string): Promise<number | undefined> {
  return (await db.selectFrom('projects').select('id').where('key', '=', key).executeTakeFirst())?.id;
}

export async function clientExists(db: Database, clientId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('clients').select('id').where('id', '=', clientId).executeTakeFirst());
}

/**
 * Inserts a project with the default scheme (DEFAULT_PROJECT_ROLES); its creator joins the first role. Undefined when
 * the key is taken.
 */
export async function insertProject(trx: Database, input: ProjectCreate, creatorId: number) {
  const project = await trx
    .insertInto('projects')
    .values({
      key: input.key,
      name: input.name,
      client_id: input.clientId ?? null,
      team_checks: input.settings?.teamChecks,
      period_length: input.settings?.periodLength,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!project) return undefined;
  const roles = await trx.selectFrom('project_roles').select(['id', 'name']).execute();
  const roleId = (name: string) => roles.find((r) => r.name === name)?.id;
  const grants = DEFAULT_PROJECT_ROLES.flatMap(({ name, permissions }) => {
    const role_id = roleId(name);
    return role_id === undefined
      ? []
      : permissions.map((permission) => ({ project_id: project.id, permission, role_id }));
  });
  if (grants.length) await trx.insertInto('project_permission_grants').values(grants).execute();
  const admins = roleId(DEFAULT_PROJECT_ROLES[0].name);
  if (admins)
    await trx
      .insertInto('project_role_members')
      .values({ project_id: project.id, role_id: admins, user_id: creatorId })
      .execute();
  return project;
}

/** The project row, locked for the update that follows. */
export function lockProject(trx: Database, projectId: number) {
  return trx.selectFrom('projects').selectAll().where('id', '=', projectId).forUpdate().executeTakeFirstOrThrow();
}

export function updateProject(trx: Database, projectId: number, input: ProjectUpdate) {
  return (
    trx
      .updateTable('projects')
      // Kysely leaves out the fields that are undefined: those the change does not name.
      .set({
        name: input.name,
        client_id: input.clientId,
        team_checks: input.settings?.teamChecks,
        period_length: input.settings?.periodLength,
        version: sql`version + 1`,
      })
      .where('id', '=', projectId)
      .returningAll()
      .executeTakeFirstOrThrow()
  );
}

/** Archives the project (now) or makes it active again, bumping its version (API-4). */
export function setArchived(trx: Database, projectId: number, archived: boolean) {
  return trx
    .updateTable('projects')
    .set({ archived_at: archived ? sql<Date>`now()` : null, version: sql`version + 1` })
    .where('id', '=', projectId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The fields that name a grant's subject, where each subject lives and what a missing one is called. */
const SUBJECT_FIELDS = [
  ['userId', 'users', 'user'],
  ['groupId', 'groups', 'group'],
  ['roleId', 'project_roles', 'project role'],
] as const;

/** The subjects a grant names (a project grant or role membership, an app role) must exist: 400 naming the field. */
export async function requireSubjects(db: Database, input: { userId?: number; groupId?: number; roleId?: number }) {
  for (const [field, table, noun] of SUBJECT_FIELDS) {
    const id = input[field];
    if (id !== undefined && !(await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()))
      throw badRequest(field, `no such ${noun}`);
  }
}
