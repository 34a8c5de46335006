import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, badRequest } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { listAbilities, presentProject } from './present.js';
import {
  clientExists,
  findProject,
  findProjectId,
  findProjects,
  insertProject,
  lockProject,
  setArchived,
  updateProject,
} from './repo.js';
import type { ProjectArchive, ProjectCreate, ProjectListQuery, ProjectUpdate } from './schema.js';

/** Projects (PRJ-1): one check per operation. Their grants and role members are in service-permissions.ts. */
export function createProjectService({ db, authz }: Deps) {
  async function list(actor: Actor, query: ProjectListQuery) {
    const after = decodeCursor<[string]>(query.cursor, ['string']);
    const rows = await findProjects(db, actor, { ...query, afterKey: after?.[0] });
    const page = pageOf(rows, query.limit, (r) => [r.key]);
    const facts = await authz.loadProjects(page.items.map((r) => r.id));
    return {
      items: page.items.map((r) => presentProject(r, actor, facts.get(r.id))),
      nextCursor: page.nextCursor,
      abilities: listAbilities(actor),
    };
  }

  async function get(actor: Actor, key: string) {
    const row = await findProject(db, key);
    const facts = await authz.authorize(actor, 'project.view', { projectId: row?.id, noun: 'project' });
    return presentProject(row!, actor, facts);
  }

  /** A new project gets the default scheme: project roles carry the permissions; the creator administers it. */
  async function create(actor: Actor, input: ProjectCreate) {
    const key = await db.transaction().execute(async (trx) => {
      await requireClient(trx, input.clientId);
      const project = await insertProject(trx, input, actor.userId);
      // Keys are unique installation-wide: the creator learns that one is taken, as in any tracker (a 409 at the field).
      if (!project) throw new AppError(409, 'project_key_taken', `a project with key ${input.key} exists`, 'key');
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

  /** PRJ-1: an archived project takes no new work logs or items (the `projectActive` gate); its data stays readable. */
  async function archive(actor: Actor, key: string, input: ProjectArchive) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.edit', { projectId, noun: 'project' });
    await db.transaction().execute(async (trx) => {
      // The lock holds back work logs and items being added under the gate's check until the archive commits.
      const before = await lockProject(trx, projectId!);
      checkVersion('project', before.version, input.version);
      if ((before.archived_at !== null) === input.archived) return;
      const after = await setArchived(trx, projectId!, input.archived);
      const action = input.archived ? 'project.archive' : 'project.unarchive';
      await audit(trx, actor, action, projectId!, { projectId, before, after });
    });
    return get(actor, key);
  }

  return {
    list,
    get,
    create,
    update,
    archive,
  };
}

async function requireClient(db: Database, clientId: number | null | undefined) {
  if (clientId && !(await clientExists(db, clientId))) throw badRequest('clientId', 'no such client');
}
