import { z } from 'zod';
import { idParam, name, page, pageQuery, version } from '../../lib/schemas.js';

/** Clients (FLOW-6, APP-4): requests and responses; the web's contract. */

const contact = z.string().trim().max(500);
const notes = z.string().trim().max(2000);

export const clientListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(200).optional(),
  /** Archived clients too (the Clients screen's "show archived"); pickers leave them out. */
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const clientParams = z.strictObject({ id: idParam });
export const clientCreate = z.strictObject({ name, contact: contact.optional(), notes: notes.optional() });
export const clientUpdate = z.strictObject({
  version,
  name: name.optional(),
  contact: contact.optional(),
  notes: notes.optional(),
  /** An archived client is kept on the projects that name it and offered for no new one. */
  archived: z.boolean().optional(),
});

export const clientOut = z.object({
  id: z.number(),
  name: z.string(),
  contact: z.string(),
  notes: z.string(),
  archived: z.boolean(),
  version: z.number(),
  /** The projects that name the client (all of them, whoever asks: a client reader sees the portfolio's size). */
  projectCount: z.number(),
  abilities: z.object({ canEdit: z.boolean() }),
});
export const clientPage = page(clientOut).extend({ abilities: z.object({ canCreate: z.boolean() }) });

export type ClientListQuery = z.infer<typeof clientListQuery>;
export type ClientCreate = z.infer<typeof clientCreate>;
export type ClientUpdate = z.infer<typeof clientUpdate>;
export type ClientOut = z.infer<typeof clientOut>;
export type ClientPage = z.infer<typeof clientPage>;
