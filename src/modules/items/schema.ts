import { z } from 'zod';
import { itemKey, name, text, userRef, version } from '../../lib/schemas.js';

export const ITEM_STATUSES = ['open', 'in_progress', 'done'] as const;

export const itemSummary = z.object({
  id: z.number(),
  key: z.string(),
  title: z.string(),
  status: z.enum(ITEM_STATUSES),
  parentKey: z.string().nullable(),
  hasChildren: z.boolean(),
});
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
export const commentOut = z.object({ id: z.number(), author: userRef, body: z.string(), createdAt: z.date() });
export const commentCreate = z.strictObject({ body: z.string().trim().min(1).max(20_000) });
