/** What reports group by, as plain data the web shares (no zod, so the web bundle takes none). */

/** What the screen and the exports call a group of work logs without one: without a team, price list or client. */
export const NONE_LABELS: Partial<Record<string, string>> = {
  team: 'No team',
  priceList: 'No price list',
  client: 'No client',
};

/** What a summary groups by: who, what and when. Team and price-list names follow TEAM-8; the client is the project's. */
export const DIMENSIONS = ['project', 'item', 'user', 'team', 'priceList', 'client', 'day', 'week', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The dimensions whose values are dates (the first day of the day, ISO week or month). */
export const PERIOD_DIMENSIONS: ReadonlySet<Dimension> = new Set(['day', 'week', 'month']);
