import type {
  CostGroup,
  CostPeople,
  CostRate,
  CostRateIn,
  CostRates,
  CostReport,
  Person,
} from '../../../src/contracts.js';
import { query, request } from '../api.js';

export type { CostGroup, CostRate, CostRateIn, CostRates, CostReport };

/** What a cost report covers: a date range and one grouping (REP-2). */
export interface CostRange {
  from: string;
  to: string;
  groupBy: CostGroup;
}

/** Cost rates and the cost report (APP-5, REP-2): the Cost area's money, for the money roles only (PRICE-7). */
export const costApi = {
  rates: () => request<CostRates>('GET', '/cost/rates'),
  createRate: (input: CostRateIn) => request<CostRate>('POST', '/cost/rates', { body: input }),
  removeRate: (id: number) => request<void>('DELETE', `/cost/rates/${id}`),
  report: ({ from, to, groupBy }: CostRange) =>
    request<CostReport>('GET', `/cost/report${query({ from, to, groupBy })}`),
};

/** A download of the report as the screen shows it (REP-4): a plain link, so the browser streams the file. */
export function costExportHref({ from, to, groupBy }: CostRange, format: 'csv' | 'xlsx'): string {
  return `/api/cost/report/export${query({ from, to, groupBy, format })}`;
}

/** People a cost rate may be set for, by name or login (`GET /api/cost/people`, for who manages rates). */
export async function findCostPeople(q: string): Promise<Person[]> {
  const { items } = await request<CostPeople>('GET', `/cost/people${query({ q })}`);
  return items.map((u) => ({ id: u.id, login: '', displayName: u.displayName }));
}
