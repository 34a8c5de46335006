import type { CostGroup } from '../../../../src/contracts.js';
import type { CostRange } from '../../api/cost.js';
import { today } from '../../dates.js';
import { hashQuery, withQuery } from '../../router.js';

/** The Cost page's state in its address (`#/cost?from=…&to=…&groupBy=team&tab=rates`), so it can be bookmarked. */

export const COST_TABS = ['report', 'rates'] as const;
export type CostTab = (typeof COST_TABS)[number];

export const GROUP_LABELS = {
  user: 'Person',
  team: 'Team',
  project: 'Project',
  month: 'Month',
} as const satisfies Record<CostGroup, string>;

const isGroup = (value: string | null): value is CostGroup => value !== null && value in GROUP_LABELS;
const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

export interface CostState extends CostRange {
  tab: CostTab;
}

/** This year so far: from January 1 to today, in the browser's calendar. */
export function thisYearSoFar(): { from: string; to: string } {
  const to = today();
  return { from: `${to.slice(0, 4)}-01-01`, to };
}

export function costStateOf(hash: string): CostState {
  const q = hashQuery(hash);
  const range = thisYearSoFar();
  const from = q.get('from');
  const to = q.get('to');
  const groupBy = q.get('groupBy');
  return {
    from: isDate(from) ? from : range.from,
    to: isDate(to) ? to : range.to,
    groupBy: isGroup(groupBy) ? groupBy : 'user',
    tab: q.get('tab') === 'rates' ? 'rates' : 'report',
  };
}

/** The address of a state; the defaults (the person grouping, the report tab) are left out. */
export function costAddressOf(state: CostState): string {
  return withQuery('#/cost', {
    from: state.from,
    to: state.to,
    groupBy: state.groupBy === 'user' ? undefined : state.groupBy,
    tab: state.tab === 'report' ? undefined : state.tab,
  });
}
