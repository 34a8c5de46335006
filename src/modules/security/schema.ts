import { z } from 'zod';
import { SUBJECT_KINDS } from '../../authz/catalogue.js';
import { ACCESS_VALUES } from '../../db/types.js';
import { id, itemKey, version } from '../../lib/schemas.js';

/** Subjects an item security entry can name (ITEM-1): a team matches its current members. */
const entryKind = z.enum(SUBJECT_KINDS);

export const itemKeyParams = z.strictObject({ key: itemKey });

export const entryIn = z.strictObject({
  kind: entryKind,
  subjectId: id,
  view: z.enum(ACCESS_VALUES).default('unset'),
  edit: z.enum(ACCESS_VALUES).default('unset'),
});
export const entryOut = z.object({
  kind: entryKind,
  subject: z.object({ id: z.number(), name: z.string() }),
  view: z.enum(ACCESS_VALUES),
  edit: z.enum(ACCESS_VALUES),
});
export type EntryIn = z.infer<typeof entryIn>;
export type EntryOut = z.infer<typeof entryOut>;

export const warningOut = z.object({ code: z.string(), message: z.string() });
export type WarningOut = z.infer<typeof warningOut>;

export const securityOut = z.object({
  itemKey: z.string(),
  /** `own`: the item has its own setting; `inherited`: it follows `inheritedFrom`; `none`: project permissions apply. */
  mode: z.enum(['own', 'inherited', 'none']),
  inheritedFrom: z.string().nullable(),
  entries: z.array(entryOut),
  version: z.number().nullable(),
  /** Descendants with their own setting (shown by the dialog's tree as own vs inherited). */
  childrenWithOwnSetting: z.array(z.string()),
  warnings: z.array(warningOut),
});
export type SecurityOut = z.infer<typeof securityOut>;

export const securitySet = z.strictObject({
  entries: z.array(entryIn).max(500),
  /** The version read; omitted when the item had no own setting. */
  version: version.optional(),
  /** ITEM-6: remove the own settings of all descendants so they inherit this one. */
  applyToChildren: z.boolean().default(false),
  /** ITEM-4: saving a setting without any allow needs this confirmation. */
  confirmLockout: z.boolean().default(false),
});
/** The setting as the service reads it (defaults filled in); the web sends `SecuritySetInput`. */
export type SecuritySet = z.infer<typeof securitySet>;
export type SecuritySetInput = z.input<typeof securitySet>;

export const securityClearQuery = z.strictObject({
  /** ITEM-7: also clear every descendant's own setting. */
  children: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type SecurityClearQuery = z.infer<typeof securityClearQuery>;

export const securityBatch = z.strictObject({
  items: z.array(securitySet.extend({ itemKey })).min(1).max(100),
});
export const securityBatchOut = z.object({ items: z.array(securityOut) });
export type SecurityBatch = z.infer<typeof securityBatch>;
export type SecurityBatchInput = z.input<typeof securityBatch>;
export type SecurityBatchOut = z.infer<typeof securityBatchOut>;

export const changeOut = z.object({
  user: z.object({ id: z.number(), login: z.string(), displayName: z.string() }),
  target: z.string(),
  before: z.array(z.string()),
  after: z.array(z.string()),
});
export const previewOut = z.object({
  changes: z.array(changeOut),
  warnings: z.array(warningOut).optional(),
});
export type ChangeOut = z.infer<typeof changeOut>;
export type PreviewOut = z.infer<typeof previewOut>;
