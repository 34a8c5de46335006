import type { BenchWorker } from './bench-db.js';

/**
 * The reads `npm run bench:reads` measures, set up through the API on the bench world for the bench user: a week of
 * their work logs with exactly WEEK_ENTRIES entries (the last full week, topped up with work logs), a new work item
 * with exactly three work logs, and the project's top-level items filled up to a page of LIST_SIZE.
 */
export const WEEK_ENTRIES = 30;
export const ITEM_WORKLOGS = 3;
export const LIST_SIZE = 50;

export interface ReadScenario {
  /** GET paths, each answering 200. */
  floor: string;
  week: string;
  itemWorklogs: string;
  itemList: string;
  /** What each read returns, checked once before measuring. */
  rows: { week: number; itemWorklogs: number; itemList: number };
}

interface Page {
  items: unknown[];
}

/** Monday and Sunday of the last full week before `today` (UTC calendar dates). */
function lastFullWeek(today: string): { monday: string; sunday: string; weekdays: string[] } {
  const day = new Date(`${today}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const monday = new Date(day.getTime() - (sinceMonday + 7) * 86_400_000);
  const date = (offset: number) => new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return { monday: date(0), sunday: date(6), weekdays: [0, 1, 2, 3, 4].map(date) };
}

export async function prepareReadScenario(url: string, worker: BenchWorker, today: string): Promise<ReadScenario> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${worker.token}` };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const logWork = (itemKey: string, startDate: string, n: number) =>
    call('POST', '/api/worklogs', {
      itemKey,
      startDate,
      durationSeconds: 900 * (1 + (n % 8)),
      description: `read ${n}`,
    });

  const projectKey = worker.items[0].key.replace(/-\d+$/, '');
  const topLevel = `/api/projects/${projectKey}/items?limit=${LIST_SIZE}`;
  const { monday, sunday, weekdays } = lastFullWeek(today);
  const item = await call<{ key: string }>('POST', `/api/projects/${projectKey}/items`, { title: 'Read bench item' });
  for (let n = 0; n < ITEM_WORKLOGS; n++) await logWork(item.key, weekdays[n], n);
  // The week is topped up after the item's work logs, which fall in it too.
  const week = `/api/me/worklogs?from=${monday}&to=${sunday}&limit=100`;
  const logged = (await call<Page>('GET', week)).items.length;
  if (logged > WEEK_ENTRIES) throw new Error(`the bench user already has ${logged} work logs in the week of ${monday}`);
  for (let n = logged; n < WEEK_ENTRIES; n++) await logWork(worker.items[n * 31].key, weekdays[n % 5], n);
  for (let n = (await call<Page>('GET', topLevel)).items.length; n < LIST_SIZE; n++)
    await call('POST', `/api/projects/${projectKey}/items`, { title: `Read bench top-level item ${n}` });

  const scenario = {
    floor: '/api/me',
    week,
    itemWorklogs: `/api/items/${item.key}/worklogs`,
    itemList: topLevel,
  };
  await call('GET', scenario.floor);
  const rows = {
    week: (await call<Page>('GET', scenario.week)).items.length,
    itemWorklogs: (await call<Page>('GET', scenario.itemWorklogs)).items.length,
    itemList: (await call<Page>('GET', scenario.itemList)).items.length,
  };
  if (rows.week !== WEEK_ENTRIES || rows.itemWorklogs !== ITEM_WORKLOGS || rows.itemList !== LIST_SIZE)
    throw new Error(`the reads return ${JSON.stringify(rows)} rows`);
  return { ...scenario, rows };
}
