import type { Database } from '../db/index.js';
import { insertColumns } from './bulk.js';
import { PEOPLE, PROJECTS, permissionsOf } from './demo-world.js';
import type { Random } from './random.js';
import { storyTitle, subtaskTitle, taskTitle } from './titles.js';

/** The demo's work items: a tree per project, built in memory, then written column-wise. */

export interface Item {
  id: number;
  projectId: number;
  parentId: number | null;
  num: number;
  key: string;
  title: string;
  depth: number;
  status: 'open' | 'in_progress' | 'done';
  createdBy: number;
  createdAt: string;
}

/** Epics → stories → tasks → subtasks (depth 1–4). Parent ids are indexes into the array until ids are reserved. */
export function buildItems(
  random: Random,
  projectIds: Map<string, number>,
  userIds: Map<string, number>,
  today: string,
): Item[] {
  const items: Item[] = [];
  const start = Date.parse(`${today}T09:00:00Z`) - 80 * 86_400_000; // the whole backlog predates the eight weeks of work logs
  for (const project of PROJECTS) {
    const projectId = projectIds.get(project.key)!;
    const editors = PEOPLE.filter((p) => permissionsOf(p, project.key).has('EDIT_ISSUES')).map((p) =>
      userIds.get(p.login)!,
    );
    let num = 0;
    const add = (parentIndex: number | null, title: string, depth: number) => {
      num += 1;
      const status = random.chance(0.3) ? 'done' : random.chance(0.35) ? 'in_progress' : 'open';
      const createdAt = new Date(start + items.length * 3_600_000 + random.int(0, 3_599) * 1000).toISOString();
      items.push({
        id: 0,
        projectId,
        parentId: parentIndex,
        num,
        key: `${project.key}-${num}`,
        title,
        depth,
        status,
        createdBy: random.pick(editors),
        createdAt,
      });
      return items.length - 1;
    };
    const [storiesMin, storiesMax] = project.key === 'INT' ? [2, 4] : [3, 6];
    for (const epic of project.epics) {
      const epicIndex = add(null, epic, 1);
      for (let s = random.int(storiesMin, storiesMax); s > 0; s--) {
        const storyIndex = add(epicIndex, storyTitle(random), 2);
        for (let t = random.int(1, 5); t > 0; t--) {
          const taskIndex = add(storyIndex, taskTitle(random), 3);
          if (random.chance(0.35)) for (let u = random.int(1, 3); u > 0; u--) add(taskIndex, subtaskTitle(random), 4);
        }
      }
    }
  }
  return items;
}

export async function insertItems(trx: Database, items: Item[]): Promise<void> {
  await insertColumns(
    trx,
    'work_items',
    {
      id: { type: 'int', values: items.map((i) => i.id) },
      project_id: { type: 'int', values: items.map((i) => i.projectId) },
      parent_id: { type: 'int', values: items.map((i) => i.parentId) },
      num: { type: 'int', values: items.map((i) => i.num) },
      key: { type: 'text', values: items.map((i) => i.key) },
      title: { type: 'text', values: items.map((i) => i.title) },
      status: { type: 'text', values: items.map((i) => i.status) },
      created_by: { type: 'int', values: items.map((i) => i.createdBy) },
      created_at: { type: 'timestamptz', values: items.map((i) => i.createdAt) },
      updated_at: { type: 'timestamptz', values: items.map((i) => i.createdAt) },
    },
    { overridingSystemValue: true },
  );
}

/** The items of each project, by project id. */
export function groupItems(items: Item[]): Map<number, Item[]> {
  const byProject = new Map<number, Item[]>();
  for (const item of items) {
    const list = byProject.get(item.projectId);
    if (list) list.push(item);
    else byProject.set(item.projectId, [item]);
  }
  return byProject;
}
