import type { Actor } from '../../authz/engine.js';
import type { ItemFacts } from '../../authz/loader.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, notFound } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { findProjectId } from '../projects/repo.js';
import { presentComment, presentItem, presentSummary } from './present.js';
import {
  findChildren,
  findComments,
  findItem,
  findLiveItem,
  findViewablePath,
  insertComment,
  insertItem,
  lockItem,
  reserveItemNumbers,
  updateItem,
} from './repo.js';
import type { ChildrenQuery, CommentCreate, CommentsQuery, ItemCreate, ItemUpdate } from './schema.js';

/** Work items (PRJ-2) and their comments: one check per operation. Tree operations are in ./tree.ts. */
export function createItemService({ db, authz }: Deps) {
  /**
   * The items listed under a parent (at the top without one), in key order, paged in SQL: the viewable items whose
   * visible parent — nearest viewable ancestor — it is (ITEM-2).
   */
  async function listChildren(actor: Actor, projectKey: string, query: ChildrenQuery) {
    const projectId = (await authz.authorize(actor, 'project.view', { projectKey, noun: 'project' }))!.projectId;
    // Under an item the caller cannot view the answer is 404, as reading the item is: no trace of it.
    const parent = query.parent ? await authz.authorizeItem(actor, 'item.view', query.parent) : undefined;
    if (parent && parent.projectId !== projectId) throw badRequest('parent', 'no such work item in this project');
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    const rows = await findChildren(db, actor, {
      projectId,
      parentId: parent?.itemId ?? null,
      afterNum: after?.[0],
      limit: query.limit,
    });
    const page = pageOf(rows, query.limit, (r) => [r.num]);
    const parentKey = parent ? query.parent! : null;
    return { items: page.items.map((r) => presentSummary(r, parentKey)), nextCursor: page.nextCursor };
  }

  async function get(actor: Actor, key: string) {
    return present(actor, await authz.authorizeItem(actor, 'item.view', key));
  }

  /** The item as it now stands, for the caller whose check returned `facts`. */
  async function present(actor: Actor, facts: ItemFacts) {
    const path = await findViewablePath(db, actor, facts.itemId);
    return presentItem(await findItem(db, facts.itemId), path, actor, facts);
  }

  async function create(actor: Actor, projectKey: string, input: ItemCreate) {
    const projectId = await findProjectId(db, projectKey);
    // Under a parent, the parent's item security must allow edit; at the top, project permissions decide.
    const parent = input.parentKey ? await authz.authorizeItem(actor, 'item.create', input.parentKey) : undefined;
    if (!parent) await authz.authorize(actor, 'item.create', { projectId, noun: 'project' });
    if (parent && parent.projectId !== projectId) throw badRequest('parentKey', 'no such work item in this project');
    const key = await db.transaction().execute(async (trx) => {
      const { first: num, key: pkey } = await reserveItemNumbers(trx, projectId!);
      // PRJ-1: the projectActive gate again, under the project row's lock that reserving the number took.
      await authz.within(trx).authorize(actor, 'item.create', { projectId, noun: 'project' });
      const parentRow = parent && (await findLiveItem(trx, parent.itemId));
      if (parent && !parentRow) throw notFound('work item');
      const item = await insertItem(trx, {
        project_id: projectId!,
        parent_id: parentRow?.id ?? null,
        num,
        key: `${pkey}-${num}`,
        title: input.title,
        description: input.description ?? '',
        created_by: actor.userId,
        // A new item under a secured item inherits its setting (ITEM-2).
        governing_item_id: parentRow?.governing_item_id ?? null,
      });
      await audit(trx, actor, 'item.create', item.id, { projectId, after: item });
      return item.key;
    });
    return get(actor, key);
  }

  async function update(actor: Actor, key: string, input: ItemUpdate) {
    const found = await authz.authorizeItem(actor, 'item.edit', key);
    await db.transaction().execute(async (trx) => {
      const before = await lockItem(trx, found.itemId);
      checkVersion('work item', before.version, input.version);
      const after = await updateItem(trx, found.itemId, input);
      await audit(trx, actor, 'item.update', found.itemId, { projectId: found.projectId, before, after });
    });
    return get(actor, key);
  }

  async function listComments(actor: Actor, key: string, query: CommentsQuery) {
    const found = await authz.authorizeItem(actor, 'item.view', key);
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    const rows = await findComments(db, found.itemId, { afterId: after?.[0], limit: query.limit });
    const page = pageOf(rows, query.limit, (r) => [r.id]);
    return { items: page.items.map(presentComment), nextCursor: page.nextCursor };
  }

  async function addComment(actor: Actor, key: string, input: CommentCreate) {
    const found = await authz.authorizeItem(actor, 'item.comment', key);
    return db.transaction().execute(async (trx) => {
      const row = await insertComment(trx, { item_id: found.itemId, author_id: actor.userId, body: input.body });
      await audit(trx, actor, 'comment.create', row.id, { projectId: found.projectId, after: row });
      return presentComment({ ...row, author_id: actor.userId, display_name: actor.displayName });
    });
  }

  return { listChildren, get, create, update, listComments, addComment };
}
