import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { checkVersion } from '../../lib/versions.js';
import { audit, type AuditAction } from '../audit/repo.js';
import { presentGrant, presentProject, presentRoleMember, presentSubjects } from './present.js';
import {
  clientExists,
  deleteLink,
  findGrants,
  findProject,
  findProjectId,
  findProjects,
  findRoleMembers,
  insertGrant,
  insertProject,
  insertRoleMember,
  lockProject,
  searchSubjects,
  requireSubjects,
  updateProject,
  type LinkTable,
} from './repo.js';
import type {
  GrantCreate,
  ProjectCreate,
  ProjectListQuery,
  ProjectUpdate,
  RoleMemberCreate,
  SubjectsQuery,
} from './schema.js';

/** A project's access links (PRJ-3): how one is added, and what its changes are audited as and answered with. */
interface Link<Input> {
  insert: (trx: Database, projectId: number, input: Input) => Promise<{ id: number } | undefined>;
  table: LinkTable;
  noun: string;
  taken: [code: string, message: string];
  added: AuditAction;
  removed: AuditAction;
}
const GRANTS: Link<GrantCreate> = {
  insert: insertGrant,
  table: 'project_permission_grants',
  noun: 'grant',
  taken: ['already_granted', 'this permission is already granted to that subject'],
  added: 'project.grant',
  removed: 'project.revoke',
};
const ROLE_MEMBERS: Link<RoleMemberCreate> = {
  insert: insertRoleMember,
  table: 'project_role_members',
  noun: 'role member',
  taken: ['already_member', 'that subject already holds this project role'],
  added: 'project.role.add',
  removed: 'project.role.remove',
};

/** Projects (PRJ-1), their permission grants and project-role members (PRJ-3): one check per operation. */
export function createProjectService({ db, authz }: Deps) {
  async function list(actor: Actor, query: ProjectListQuery) {
    const after = decodeCursor<[string]>(query.cursor, ['string']);
    const rows = await findProjects(db, actor, { limit: query.limit, afterKey: after?.[0], q: query.q });
    const page = pageOf(rows, query.limit, (r) => [r.key]);
    const facts = await authz.loadProjects(page.items.map((r) => r.id));
    return { items: page.items.map((r) => presentProject(r, actor, facts.get(r.id))), nextCursor: page.nextCursor };
  }

  async function get(actor: Actor, key: string) {
    const row = await findProject(db, key);
    const facts = await authz.authorize(actor, 'project.view', { projectId: row?.id, noun: 'project' });
    return presentProject(row!, actor, facts);
  }

  /** Checks the project-scoped `project.permissions` action on the project with this key; returns its id. */
  async function authorizePermissions(actor: Actor, key: string): Promise<number> {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.permissions', { projectId, noun: 'project' });
    return projectId!;
  }

  /** A new project gets the default scheme: project roles carry the permissions; the creator administers it. */
  async function create(actor: Actor, input: ProjectCreate) {
    const key = await db.transaction().execute(async (trx) => {
      await requireClient(trx, input.clientId);
      const project = await insertProject(trx, input, actor.userId);
      await audit(trx, actor, 'project.create', project.id, { projectId: project.id, after: project });
      return project.key;
    });
    return get(actor, key);
  }

  async function update(actor: Actor, key: string, input: ProjectUpdate) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.edit', { projectId, noun: 'project' });
    await db.transaction().execute(async (trx) => {
      const before = await lockProject(trx, projectId!);
      checkVersion('project', before.version, input.version);
      await requireClient(trx, input.clientId);
      const after = await updateProject(trx, projectId!, input);
      await audit(trx, actor, 'project.update', projectId!, { projectId, before, after });
    });
    return get(actor, key);
  }

  async function listGrants(actor: Actor, key: string) {
    const projectId = await authorizePermissions(actor, key);
    return { items: (await findGrants(db, projectId)).map(presentGrant) };
  }

  /** Granting is audited; a system administrator granting themselves access shows in the audit log (SPEC §0). */
  async function addGrant(actor: Actor, key: string, input: GrantCreate) {
    await addLink(actor, key, GRANTS, input);
    return listGrants(actor, key);
  }

  async function listRoleMembers(actor: Actor, key: string) {
    const projectId = await authorizePermissions(actor, key);
    return { items: (await findRoleMembers(db, projectId)).map(presentRoleMember) };
  }

  async function addRoleMember(actor: Actor, key: string, input: RoleMemberCreate) {
    await addLink(actor, key, ROLE_MEMBERS, input);
    return listRoleMembers(actor, key);
  }

  /** Adds a grant or role membership naming an existing subject, audited. */
  async function addLink<Input extends GrantCreate | RoleMemberCreate>(
    actor: Actor,
    key: string,
    link: Link<Input>,
    input: Input,
  ) {
    const projectId = await authorizePermissions(actor, key);
    await db.transaction().execute(async (trx) => {
      await requireSubjects(trx, input);
      const row = await link.insert(trx, projectId, input);
      if (!row) throw conflict(...link.taken);
      await audit(trx, actor, link.added, row.id, { projectId, after: row });
    });
  }

  /** Removes the project's grant (`GRANTS`) or role membership (`ROLE_MEMBERS`) with this id, audited. */
  async function removeLink(actor: Actor, key: string, link: Link<never>, id: number) {
    const projectId = await authorizePermissions(actor, key);
    await db.transaction().execute(async (trx) => {
      const row = await deleteLink(trx, link.table, projectId, id);
      if (!row) throw notFound(link.noun);
      await audit(trx, actor, link.removed, row.id, { projectId, before: row });
    });
  }

  /**
   * Who a project administrator may name in grants, role memberships and item security: active users
   * and groups matching `q`, and the project roles — searched in SQL, 20 at most per kind.
   */
  async function subjects(actor: Actor, key: string, query: SubjectsQuery) {
    await authorizePermissions(actor, key);
    return presentSubjects(await searchSubjects(db, query.q ?? ''));
  }

  return {
    list,
    get,
    create,
    update,
    listGrants,
    addGrant,
    removeGrant: (actor: Actor, key: string, grantId: number) => removeLink(actor, key, GRANTS, grantId),
    listRoleMembers,
    addRoleMember,
    removeRoleMember: (actor: Actor, key: string, memberId: number) => removeLink(actor, key, ROLE_MEMBERS, memberId),
    subjects,
  };
}

async function requireClient(db: Database, clientId: number | null | undefined) {
  if (clientId && !(await clientExists(db, clientId))) throw badRequest('clientId', 'no such client');
}
