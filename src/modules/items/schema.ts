import { z } from 'zod';
import { itemKey, name, page, pageQuery, projectKey, text, userRef, version } from '../../lib/schemas.js';

export const ITEM_STATUSES = ['open', 'in_progress', 'done'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const itemKeyParams = z.strictObject({ key: itemKey });
export const projectKeyParams = z.strictObject({ key: projectKey });
export const childrenQuery = z.strictObject({ ...pageQuery, parent: itemKey.optional() });
export const commentsQuery = z.strictObject(pageQuery);
export type ChildrenQuery = z.infer<typeof childrenQuery>;
export type CommentsQuery = z.infer<typeof commentsQuery>;

export const itemSummary = z.object({
  id: z.number(),
  key: z.string(),
  title: z.string(),
  status: z.enum(ITEM_STATUSES),
  parentKey: z.string().nullable(),
  hasChildren: z.boolean(),
});
export const itemPage = page(itemSummary);
export type ItemSummary = z.infer<typeof itemSummary>;
export type ItemPage = z.infer<typeof itemPage>;

export const itemOut = z.object({
  id: z.number(),
  key: z.string(),
  projectKey: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(ITEM_STATUSES),
  parentKey: z.string().nullable(),
  path: z.array(z.object({ key: z.string(), title: z.string() })),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: z.object({
    canEdit: z.boolean(),
    canDelete: z.boolean(),
    canComment: z.boolean(),
    canLogWork: z.boolean(),
    canViewWorklogs: z.boolean(),
    canViewTimePanels: z.boolean(),
    canChangeSecurity: z.boolean(),
  }),
});
export type ItemOut = z.infer<typeof itemOut>;
export type ItemAbilities = ItemOut['abilities'];

export const itemCreate = z.strictObject({
  title: name,
  description: text(20_000).optional(),
  parentKey: itemKey.optional(),
});
export const itemUpdate = z.strictObject({
  version,
  title: name.optional(),
  description: text(20_000).optional(),
  status: z.enum(ITEM_STATUSES).optional(),
});
export type ItemCreate = z.infer<typeof itemCreate>;
export type ItemUpdate = z.infer<typeof itemUpdate>;

export const commentOut = z.object({ id: z.number(), author: userRef, body: z.string(), createdAt: z.date() });
export const commentPage = page(commentOut);
export const commentCreate = z.strictObject({ body: z.string().trim().min(1).max(20_000) });
export type CommentOut = z.infer<typeof commentOut>;
export type CommentPage = z.infer<typeof commentPage>;
export type CommentCreate = z.infer<typeof commentCreate>;

/** Tree operations (ITEM-8): a null parentKey means the top of the project. */
export const itemMove = z.strictObject({ parentKey: itemKey.nullable(), version });
export const itemCopy = z.strictObject({ parentKey: itemKey.nullable() });
export const itemTrashQuery = z.strictObject({ version: z.coerce.number().int().positive().max(2_147_483_647) });
export type ItemMove = z.infer<typeof itemMove>;
export type ItemCopy = z.infer<typeof itemCopy>;
export type ItemTrashQuery = z.infer<typeof itemTrashQuery>;

/** The parents an item may be moved under (the "Move to…" picker): viewable live items outside its own subtree. */
export const moveTargetsQuery = z.strictObject({ ...pageQuery, q: z.string().trim().max(200).optional() });
export const moveTarget = z.object({ key: z.string(), title: z.string() });
export const moveTargetPage = page(moveTarget);
export type MoveTargetsQuery = z.infer<typeof moveTargetsQuery>;
export type MoveTarget = z.infer<typeof moveTarget>;
export type MoveTargetPage = z.infer<typeof moveTargetPage>;

export const trashItemParams = z.strictObject({ key: projectKey, itemKey });

export const trashOut = z.object({
  items: z.array(z.object({ key: z.string(), title: z.string(), deletedAt: z.date(), deletedBy: z.string() })),
});
export type TrashOut = z.infer<typeof trashOut>;
