import { escapeLike } from '../../lib/like.js';
import { sql } from 'kysely';
import type { z } from 'zod';
import { abilities, type Actor } from '../../authz/engine.js';
import type { ProjectFacts } from '../../authz/facts.js';
import { canBrowseProject } from '../../authz/sql.js';
import type { Database } from '../../db/index.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import type { Deps } from '../../lib/deps.js';
import { recordAudit } from '../audit/repo.js';
import type { grantCreate, projectCreate, projectUpdate, roleMemberCreate, ProjectOut } from './schema.js';

type ProjectRow = {
  id: number;
  key: string;
  name: string;
  client_id: number | null;
  client_name: string | null;
  team_checks: 'inherit' | 'disabled';
  period_length: 'week' | 'month';
  version: number;
};

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
      'p.version',
    ]);
}

export async function findProjectId(db: Database, key: string): Promise<number | undefined> {
  return (await db.selectFrom('projects').select('id').where('key', '=', key).executeTakeFirst())?.id;
}

export function projectOut(row: ProjectRow, actor: Actor, facts: ProjectFacts | undefined): ProjectOut {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    client: row.client_id === null ? null : { id: row.client_id, name: row.client_name ?? '' },
    settings: { teamChecks: row.team_checks, periodLength: row.period_length },
    version: row.version,
    abilities: abilities(
      actor.subject,
      { project: facts },
      {
        canAdminister: { action: 'project.edit' },
        canCreateItems: { action: 'item.create' },
        canManagePermissions: { action: 'project.permissions' },
        canViewTeams: { action: 'project.teamList' },
      },
    ),
  };
}

export function createProjectService({ db, authz }: Deps) {
  async function list(actor: Actor, query: { limit: number; cursor?: string; q?: string }) {
    const after = decodeCursor<[string]>(query.cursor, ['string']);
    let q = selectProjects(db)
      .where(canBrowseProject(actor.userId, 'p.id'))
      .orderBy('p.key')
      .limit(query.limit + 1);
    if (after) q = q.where('p.key', '>', after[0]);
    if (query.q)
      q = q.where((eb) =>
        eb.or([eb('p.key', 'ilike', `%${escapeLike(query.q!)}%`), eb('p.name', 'ilike', `%${escapeLike(query.q!)}%`)]),
      );
    const page = pageOf(await q.execute(), query.limit, (r) => [r.key]);
    const facts = await authz.loadProjects(page.items.map((r) => r.id));
    return { items: page.items.map((r) => projectOut(r, actor, facts.get(r.id))), nextCursor: page.nextCursor };
  }

  async function get(actor: Actor, key: string) {
    const row = await selectProjects(db).where('p.key', '=', key).executeTakeFirst();
    const facts = await authz.authorize(actor, 'project.view', { projectId: row?.id, noun: 'project' });
    return projectOut(row!, actor, facts);
  }

  /** A new project gets the default scheme: project roles carry the permissions; the creator administers it. */
  async function create(actor: Actor, input: z.infer<typeof projectCreate>) {
    const id = await db.transaction().execute(async (trx) => {
      if (
        input.clientId &&
        !(await trx.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst())
      ) {
        throw badRequest('clientId', 'no such client');
      }
      const project = await trx
        .insertInto('projects')
        .values({ key: input.key, name: input.name, client_id: input.clientId ?? null })
        .returningAll()
        .executeTakeFirstOrThrow();
      const roles = await trx.selectFrom('project_roles').select(['id', 'name']).execute();
      const roleId = (n: string) => roles.find((r) => r.name === n)?.id;
      const scheme: Array<[string, Array<'BROWSE_PROJECT' | 'EDIT_ISSUES' | 'WORK_ON_ISSUES' | 'ADMINISTER_PROJECT'>]> =
        [
          ['Administrators', ['ADMINISTER_PROJECT']],
          ['Developers', ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES']],
          ['Viewers', ['BROWSE_PROJECT']],
        ];
      const grants = scheme
        .flatMap(([role, perms]) =>
          perms.map((permission) => ({ project_id: project.id, permission, role_id: roleId(role) ?? null })),
        )
        .filter((g) => g.role_id !== null);
      if (grants.length) await trx.insertInto('project_permission_grants').values(grants).execute();
      const admins = roleId('Administrators');
      if (admins)
        await trx
          .insertInto('project_role_members')
          .values({ project_id: project.id, role_id: admins, user_id: actor.userId })
          .execute();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'project.create',
        entityType: 'project',
        entityId: project.id,
        projectId: project.id,
        after: project,
      });
      return project.id;
    });
    return get(
      actor,
      (await db.selectFrom('projects').select('key').where('id', '=', id).executeTakeFirstOrThrow()).key,
    );
  }

  async function update(actor: Actor, key: string, input: z.infer<typeof projectUpdate>) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.edit', { projectId, noun: 'project' });
    await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('projects')
        .selectAll()
        .where('id', '=', projectId!)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (before.version !== input.version)
        throw conflict('version_conflict', `the project changed since version ${input.version}; reload it`, {
          currentVersion: before.version,
        });
      if (
        input.clientId &&
        !(await trx.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst())
      ) {
        throw badRequest('clientId', 'no such client');
      }
      const after = await trx
        .updateTable('projects')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.clientId !== undefined ? { client_id: input.clientId } : {}),
          ...(input.settings?.teamChecks ? { team_checks: input.settings.teamChecks } : {}),
          ...(input.settings?.periodLength ? { period_length: input.settings.periodLength } : {}),
          version: sql`version + 1`,
        })
        .where('id', '=', projectId!)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'project.update',
        entityType: 'project',
        entityId: projectId!,
        projectId,
        before,
        after,
      });
    });
    return get(actor, key);
  }

  async function listGrants(actor: Actor, key: string) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.permissions', { projectId, noun: 'project' });
    const rows = await db
      .selectFrom('project_permission_grants as g')
      .leftJoin('users as u', 'u.id', 'g.user_id')
      .leftJoin('groups as gr', 'gr.id', 'g.group_id')
      .leftJoin('project_roles as r', 'r.id', 'g.role_id')
      .select([
        'g.id',
        'g.permission',
        'g.user_id',
        'g.group_id',
        'g.role_id',
        'u.display_name',
        'gr.name as group_name',
        'r.name as role_name',
      ])
      .where('g.project_id', '=', projectId!)
      .orderBy('g.permission')
      .orderBy('g.id')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        permission: r.permission,
        subject:
          r.user_id !== null
            ? { kind: 'user' as const, id: r.user_id, name: r.display_name ?? '' }
            : r.group_id !== null
              ? { kind: 'group' as const, id: r.group_id, name: r.group_name ?? '' }
              : { kind: 'role' as const, id: r.role_id!, name: r.role_name ?? '' },
      })),
    };
  }

  /** Granting is audited; a system administrator granting themselves access shows in the audit log (SPEC §0). */
  async function addGrant(actor: Actor, key: string, input: z.infer<typeof grantCreate>) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.permissions', { projectId, noun: 'project' });
    await db.transaction().execute(async (trx) => {
      await requireSubject(trx, input);
      const row = await trx
        .insertInto('project_permission_grants')
        .values({
          project_id: projectId!,
          permission: input.permission,
          user_id: input.userId ?? null,
          group_id: input.groupId ?? null,
          role_id: input.roleId ?? null,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict('already_granted', 'this permission is already granted to that subject');
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'project.grant',
        entityType: 'project_permission',
        entityId: row.id,
        projectId,
        after: row,
      });
    });
    return listGrants(actor, key);
  }

  async function removeGrant(actor: Actor, key: string, grantId: number) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.permissions', { projectId, noun: 'project' });
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .deleteFrom('project_permission_grants')
        .where('id', '=', grantId)
        .where('project_id', '=', projectId!)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound('grant');
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'project.revoke',
        entityType: 'project_permission',
        entityId: row.id,
        projectId,
        before: row,
      });
    });
  }

  async function listRoleMembers(actor: Actor, key: string) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.permissions', { projectId, noun: 'project' });
    const rows = await db
      .selectFrom('project_role_members as m')
      .innerJoin('project_roles as r', 'r.id', 'm.role_id')
      .leftJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('groups as g', 'g.id', 'm.group_id')
      .select([
        'm.id',
        'm.role_id',
        'r.name as role_name',
        'm.user_id',
        'm.group_id',
        'u.display_name',
        'g.name as group_name',
      ])
      .where('m.project_id', '=', projectId!)
      .orderBy('r.name')
      .orderBy('m.id')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        role: { id: r.role_id, name: r.role_name },
        subject:
          r.user_id !== null
            ? { kind: 'user' as const, id: r.user_id, name: r.display_name ?? '' }
            : { kind: 'group' as const, id: r.group_id!, name: r.group_name ?? '' },
      })),
    };
  }

  async function addRoleMember(actor: Actor, key: string, input: z.infer<typeof roleMemberCreate>) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.permissions', { projectId, noun: 'project' });
    await db.transaction().execute(async (trx) => {
      await requireSubject(trx, input);
      const row = await trx
        .insertInto('project_role_members')
        .values({
          project_id: projectId!,
          role_id: input.roleId,
          user_id: input.userId ?? null,
          group_id: input.groupId ?? null,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict('already_member', 'that subject already holds this project role');
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'project.role.add',
        entityType: 'project_role_member',
        entityId: row.id,
        projectId,
        after: row,
      });
    });
    return listRoleMembers(actor, key);
  }

  async function removeRoleMember(actor: Actor, key: string, memberId: number) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.permissions', { projectId, noun: 'project' });
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .deleteFrom('project_role_members')
        .where('id', '=', memberId)
        .where('project_id', '=', projectId!)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound('role member');
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'project.role.remove',
        entityType: 'project_role_member',
        entityId: row.id,
        projectId,
        before: row,
      });
    });
  }

  /**
   * Who a project administrator may name in grants, role memberships and item security: active users
   * and groups matching `q`, and the project roles — searched in SQL, 20 at most per kind.
   */
  async function subjects(actor: Actor, key: string, query: { q?: string }) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.permissions', { projectId, noun: 'project' });
    const like = `%${escapeLike(query.q ?? '')}%`;
    const [users, groups, roles] = await Promise.all([
      db
        .selectFrom('users')
        .select(['id', 'login', 'display_name'])
        .where('active', '=', true)
        .where((eb) => eb.or([eb('login', 'ilike', like), eb('display_name', 'ilike', like)]))
        .orderBy('login')
        .limit(20)
        .execute(),
      db.selectFrom('groups').select(['id', 'name']).where('name', 'ilike', like).orderBy('name').limit(20).execute(),
      db.selectFrom('project_roles').select(['id', 'name']).orderBy('name').execute(),
    ]);
    return {
      users: users.map((u) => ({ id: u.id, login: u.login, displayName: u.display_name })),
      groups: groups.map((g) => ({ id: g.id, name: g.name })),
      roles: roles.map((r) => ({ id: r.id, name: r.name })),
    };
  }

  return {
    list,
    get,
    create,
    update,
    listGrants,
    addGrant,
    removeGrant,
    listRoleMembers,
    addRoleMember,
    removeRoleMember,
    subjects,
  };
}

/** A grant's subject must exist; named by the field that was given. */
async function requireSubject(db: Database, input: { userId?: number; groupId?: number; roleId?: number }) {
  if (
    input.userId !== undefined &&
    !(await db.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst())
  )
    throw badRequest('userId', 'no such user');
  if (
    input.groupId !== undefined &&
    !(await db.selectFrom('groups').select('id').where('id', '=', input.groupId).executeTakeFirst())
  )
    throw badRequest('groupId', 'no such group');
  if (
    input.roleId !== undefined &&
    !(await db.selectFrom('project_roles').select('id').where('id', '=', input.roleId).executeTakeFirst())
  )
    throw badRequest('roleId', 'no such project role');
}
