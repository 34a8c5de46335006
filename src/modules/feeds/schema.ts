import { z } from 'zod';
import { id, idParam } from '../../lib/schemas.js';

/** Calendar feeds (issue 16): requests and responses; the web's contract. */

export const feedCreate = z.strictObject({
  /** A team's feed (its members' leave); none: my own leave. */
  teamId: id.optional(),
});
export const feedParams = z.strictObject({ id: idParam });
export const feedTokenParams = z.strictObject({ token: z.string().min(10).max(200) });

export const feedOut = z.object({
  id: z.number(),
  team: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
/** The one answer that holds the token: the feed's address, to paste into a calendar application. */
export const feedCreated = feedOut.extend({ path: z.string() });
export const feedList = z.object({
  items: z.array(feedOut),
  /** Teams whose feed the caller may subscribe to (feed.team). */
  teams: z.array(z.object({ id: z.number(), name: z.string() })),
});

export type FeedCreate = z.infer<typeof feedCreate>;
export type FeedOut = z.infer<typeof feedOut>;
export type FeedCreated = z.infer<typeof feedCreated>;
export type FeedList = z.infer<typeof feedList>;
