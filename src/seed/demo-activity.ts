import type { Database } from '../db/index.js';
import { insertColumns } from './bulk.js';
import { mayLogWork, PEOPLE, permissionsOf, PROJECTS, teamOf, type DemoProject } from './demo-world.js';
import { groupItems, type Item } from './demo-items.js';
import type { TeamIds } from './demo-teams.js';
import { recentWeekdays, type Random } from './random.js';
import { commentBody, worklogDescription } from './titles.js';

/** The demo's activity over its recent weeks: work logs and comments. */

const WEEKS = 8;

export interface WorldIds {
  items: Item[];
  userIds: Map<string, number>;
  projectIds: Map<string, number>;
  today: string;
  teams?: Map<string, TeamIds>;
}

/** Each worker logs a 6–8 h day on most weekdays, split into 2–6 entries on projects where they hold WORK_ON_ISSUES. */
export async function insertWorklogs(trx: Database, random: Random, world: WorldIds): Promise<number> {
  const cols = {
    item: [] as number[],
    project: [] as number[],
    author: [] as number[],
    date: [] as string[],
    time: [] as string[],
    seconds: [] as number[],
    description: [] as string[],
    createdAt: [] as string[],
    team: [] as Array<number | null>,
    priceList: [] as Array<number | null>,
    rate: [] as Array<string | null>,
  };
  const itemsByProject = groupItems(world.items);
  for (const person of PEOPLE) {
    const projects = PROJECTS.filter((p) => mayLogWork(person, p));
    if (projects.length === 0) continue;
    const authorId = world.userIds.get(person.login)!;
    for (const date of recentWeekdays(world.today, WEEKS)) {
      if (random.chance(0.1)) continue; // leave, sickness, a day off
      let minutes = 9 * 60;
      for (const quarters of splitDay(random, random.int(24, 32), random.int(2, 6))) {
        const project = pickWeighted(random, projects);
        const projectId = world.projectIds.get(project.key)!;
        cols.item.push(random.pick(itemsByProject.get(projectId)!).id);
        cols.project.push(projectId);
        cols.author.push(authorId);
        cols.date.push(date);
        cols.time.push(
          `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`,
        );
        cols.seconds.push(quarters * 900);
        cols.description.push(worklogDescription(random));
        cols.createdAt.push(`${date}T17:${String(random.int(0, 59)).padStart(2, '0')}:00Z`);
        // The snapshot the API would record (PRICE-4): the person's team on the project and its price list on that date.
        const team = teamOf(person, project.key);
        const ids = team && world.teams?.get(team.name);
        const priceList = ids?.priceLists.find((pl) => pl.from <= date && (pl.to === null || pl.to >= date));
        cols.team.push(ids ? ids.id : null);
        cols.priceList.push(priceList?.id ?? null);
        cols.rate.push(priceList?.rate ?? null);
        minutes += quarters * 15;
      }
    }
  }
  await insertColumns(trx, 'worklogs', {
    item_id: { type: 'int', values: cols.item },
    project_id: { type: 'int', values: cols.project },
    author_id: { type: 'int', values: cols.author },
    created_by: { type: 'int', values: cols.author },
    start_date: { type: 'date', values: cols.date },
    start_time: { type: 'time', values: cols.time },
    duration_seconds: { type: 'int', values: cols.seconds },
    description: { type: 'text', values: cols.description },
    created_at: { type: 'timestamptz', values: cols.createdAt },
    updated_at: { type: 'timestamptz', values: cols.createdAt },
    team_id: { type: 'int', values: cols.team },
    price_list_id: { type: 'int', values: cols.priceList },
    rate: { type: 'numeric', values: cols.rate },
  });
  return cols.item.length;
}

export async function insertComments(trx: Database, random: Random, world: WorldIds): Promise<number> {
  const days = recentWeekdays(world.today, WEEKS);
  const readers = new Map(
    PROJECTS.map((p) => [
      world.projectIds.get(p.key)!,
      PEOPLE.filter((u) => permissionsOf(u, p.key).has('BROWSE_PROJECT')),
    ]),
  );
  const picked = random.sample(world.items, 180);
  const rows = picked.flatMap((item) =>
    Array.from({ length: random.int(1, 3) }, () => ({
      item_id: item.id,
      author_id: world.userIds.get(random.pick(readers.get(item.projectId)!).login)!,
      body: commentBody(random),
      created_at: `${random.pick(days)}T${String(random.int(8, 17)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00Z`,
    })),
  );
  rows.sort((a, b) => a.created_at.localeCompare(b.created_at));
  // Column-wise insert: Generated<Timestamp> in db/types.ts does not accept an explicit created_at.
  await insertColumns(trx, 'item_comments', {
    item_id: { type: 'int', values: rows.map((r) => r.item_id) },
    author_id: { type: 'int', values: rows.map((r) => r.author_id) },
    body: { type: 'text', values: rows.map((r) => r.body) },
    created_at: { type: 'timestamptz', values: rows.map((r) => r.created_at) },
  });
  return rows.length;
}

/** Splits `total` quarter hours into `parts` positive pieces (a piece is at most `total - parts + 1`). */
function splitDay(random: Random, total: number, parts: number): number[] {
  const cuts = random
    .sample(
      Array.from({ length: total - 1 }, (_, i) => i + 1),
      parts - 1,
    )
    .sort((a, b) => a - b);
  return [...cuts, total].map((cut, i) => cut - (i === 0 ? 0 : cuts[i - 1]));
}

function pickWeighted(random: Random, projects: DemoProject[]): DemoProject {
  let roll = random.next() * projects.reduce((sum, p) => sum + p.weight, 0);
  for (const project of projects) {
    roll -= project.weight;
    if (roll < 0) return project;
  }
  return projects[projects.length - 1];
}
