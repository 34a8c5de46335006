import type { Actor } from '../../authz/engine.js';
import { diffSnapshots, dryRun, projectAccessSnapshot } from '../../commands/preview.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, notFound } from '../../lib/errors.js';
import { audit, type AuditAction } from '../audit/repo.js';
import {
  lockoutMessage,
  presentGrant,
  presentPreview,
  presentRoleMember,
  presentSubjects,
} from './present-permissions.js';
import { findProjectId, requireSubjects } from './repo.js';
import {
  deleteLink,
  findGrants,
  findRoleMembers,
  hasProjectAdministrator,
  insertGrant,
  insertRoleMember,
  lockProjectLinks,
  searchSubjects,
  type LinkTable,
} from './repo-permissions.js';
import type {
  GrantCreate,
  GrantPreviewBody,
  RoleMemberCreate,
  RoleMemberPreviewBody,
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

/** One change of a project's access links: a link to add, or the id of one to remove. */
type LinkChange<Input> = { link: Link<Input>; add?: Input; removeId?: number };

/** Adds a grant or role membership naming an existing subject, audited. */
async function addLinkIn<Input extends GrantCreate | RoleMemberCreate>(
  trx: Database,
  actor: Actor,
  projectId: number,
  link: Link<Input>,
  input: Input,
) {
  await requireSubjects(trx, input);
  const row = await link.insert(trx, projectId, input);
  if (!row) throw conflict(...link.taken);
  await audit(trx, actor, link.added, row.id, { projectId, after: row });
}

/**
 * Removes the project's grant or role membership with this id, audited. When that leaves nobody administering the
 * project who did before, the removal needs `confirmLockout` (409 `project_lockout` otherwise, and the transaction
 * writes nothing); the answer says whether it did.
 */
async function removeLinkIn(
  trx: Database,
  actor: Actor,
  project: { id: number; key: string },
  link: Link<never>,
  id: number,
  confirmLockout: boolean,
): Promise<boolean> {
  await lockProjectLinks(trx, project.id);
  const administered = await hasProjectAdministrator(trx, project.id);
  const row = await deleteLink(trx, link.table, project.id, id);
  if (!row) throw notFound(link.noun);
  const lockout = administered && !(await hasProjectAdministrator(trx, project.id));
  if (lockout && !confirmLockout) throw conflict('project_lockout', `${lockoutMessage(project.key)} Confirm to go on.`);
  await audit(trx, actor, link.removed, row.id, {
    projectId: project.id,
    before: row,
    after: lockout ? { lockoutConfirmed: true } : undefined,
  });
  return lockout;
}

/** A project's permission grants and project-role members (PRJ-3), their previews (EXPL-3) and the lockout check. */
export function createProjectPermissionService({ db, authz }: Deps) {
  /** Checks the project-scoped `project.permissions` action on the project with this key; returns its id. */
  async function authorizePermissions(actor: Actor, key: string): Promise<{ id: number; key: string }> {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.permissions', { projectId, noun: 'project' });
    return { id: projectId!, key };
  }

  const grantsOf = async (projectId: number) => ({ items: (await findGrants(db, projectId)).map(presentGrant) });
  const membersOf = async (projectId: number) => ({
    items: (await findRoleMembers(db, projectId)).map(presentRoleMember),
  });

  async function change<Input extends GrantCreate | RoleMemberCreate>(
    actor: Actor,
    key: string,
    { link, add, removeId }: LinkChange<Input>,
    confirmLockout = false,
  ) {
    const project = await authorizePermissions(actor, key);
    await db.transaction().execute(async (trx) => {
      if (add) await addLinkIn(trx, actor, project.id, link, add);
      if (removeId !== undefined)
        await removeLinkIn(trx, actor, project, link as Link<never>, removeId, confirmLockout);
    });
    return project.id;
  }

  /** EXPL-3: whose project permissions the change would change, and whether it takes the last administrator away. */
  async function preview<Input extends GrantCreate | RoleMemberCreate>(
    actor: Actor,
    key: string,
    { link, add, removeId }: LinkChange<Input>,
  ) {
    const project = await authorizePermissions(actor, key);
    return dryRun(db, async (trx) => {
      const before = await projectAccessSnapshot(trx, [project.id]);
      if (add) await addLinkIn(trx, actor, project.id, link, add);
      const lockout =
        removeId !== undefined && (await removeLinkIn(trx, actor, project, link as Link<never>, removeId, true));
      const changes = await diffSnapshots(trx, before, await projectAccessSnapshot(trx, [project.id]));
      return presentPreview(key, changes, lockout);
    });
  }

  return {
    listGrants: async (actor: Actor, key: string) => grantsOf((await authorizePermissions(actor, key)).id),
    /** Granting is audited; a system administrator granting themselves access shows in the audit log (SPEC §0). */
    addGrant: async (actor: Actor, key: string, input: GrantCreate) =>
      grantsOf(await change(actor, key, { link: GRANTS, add: input })),
    removeGrant: async (actor: Actor, key: string, grantId: number, confirmLockout: boolean) => {
      await change(actor, key, { link: GRANTS, removeId: grantId }, confirmLockout);
    },
    previewGrant: (actor: Actor, key: string, body: GrantPreviewBody) =>
      preview(actor, key, { link: GRANTS, add: body.grant, removeId: body.revokeId }),
    listRoleMembers: async (actor: Actor, key: string) => membersOf((await authorizePermissions(actor, key)).id),
    addRoleMember: async (actor: Actor, key: string, input: RoleMemberCreate) =>
      membersOf(await change(actor, key, { link: ROLE_MEMBERS, add: input })),
    removeRoleMember: async (actor: Actor, key: string, memberId: number, confirmLockout: boolean) => {
      await change(actor, key, { link: ROLE_MEMBERS, removeId: memberId }, confirmLockout);
    },
    previewRoleMember: (actor: Actor, key: string, body: RoleMemberPreviewBody) =>
      preview(actor, key, { link: ROLE_MEMBERS, add: body.add, removeId: body.removeId }),
    /**
     * Who a project administrator may name in grants, role memberships and item security: active users
     * and groups matching `q`, and the project roles — searched in SQL, 20 at most per kind.
     */
    subjects: async (actor: Actor, key: string, query: SubjectsQuery) => {
      await authorizePermissions(actor, key);
      return presentSubjects(await searchSubjects(db, query.q ?? ''));
    },
  };
}
