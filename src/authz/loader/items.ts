import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/index.js';
import { needsFact, SUBJECT_KINDS, type Action, type SubjectKind } from '../catalogue.js';
import type { ItemSecurityFacts, ProjectFacts, ProjectTeamFacts, SecurityEntry } from '../facts.js';
import { SecuritySetting } from '../setting.js';
import { projectColumns, projectFromRow, type ProjectRow } from './projects.js';
import { projectTeamColumns, projectTeamsFromRow, type ProjectTeamRow } from './teams.js';

export interface ItemFacts {
  itemId: number;
  itemKey: string;
  projectId: number;
  project: ProjectFacts;
  item: ItemSecurityFacts;
  /** The project's team facts, when the action's gates need them (the team check of work-log actions). */
  teams?: ProjectTeamFacts;
}

export interface LoadOptions {
  /** The action the items are loaded to decide: the stored facts its business gates need (GATES) come in the same query. */
  action?: Action;
}

interface ItemRow extends ProjectRow, Partial<Omit<ProjectTeamRow, 'project_id' | 'project_key'>> {
  item_id: number;
  item_key: string;
  governing_id: number | null;
  governing_key: string | null;
  entries: Array<{
    kind: SecurityEntry['kind'];
    subject_id: number;
    subject_name: string | null;
    view: SecurityEntry['view'];
    edit: SecurityEntry['edit'];
  }> | null;
}

/** Where an explanation reads each subject kind's name: a kind added to SUBJECT_KINDS does not compile until named here. */
const SUBJECT_NAMES: Record<SubjectKind, RawBuilder<string>> = {
  user: sql`(select display_name from users where id = e.subject_id)`,
  group: sql`(select name from groups where id = e.subject_id)`,
  role: sql`(select name from project_roles where id = e.subject_id)`,
  team: sql`(select name from teams where id = e.subject_id)`,
};

/** Entries of the governing setting, with their subjects' names for explanations. */
const entriesColumn = sql`(select json_agg(json_build_object('kind', e.subject_kind, 'subject_id', e.subject_id, 'view', e.view, 'edit', e.edit,
    'subject_name', case e.subject_kind ${sql.join(
      SUBJECT_KINDS.map((kind) => sql`when ${sql.lit(kind)} then ${SUBJECT_NAMES[kind]}`),
      sql` `,
    )} end) order by e.id)
  from item_security_entries e where e.item_id = i.governing_item_id) as entries`;

/**
 * Loads work items (not in the trash) with their project's facts and item security facts, in one query; with an
 * `action` whose gates need them, the project's team facts too (the team check of work-log actions).
 */
export async function loadItems(
  db: Database,
  where: RawBuilder<unknown>,
  options: LoadOptions = {},
): Promise<Map<number, ItemFacts>> {
  const withTeams = options.action !== undefined && needsFact(options.action, 'teams');
  // The project's facts (grants, role holders, teams) once per project, not once per item: a batch of items of one
  // project (a timesheet's rows, a page's abilities) costs one project's subqueries, not one per row.
  const { rows } = await sql<ItemRow>`
    with tw_i as (select i.id, i.key, i.project_id, i.governing_item_id from work_items i where i.deleted_at is null and ${where}),
    tw_p as materialized (select ${projectColumns} ${withTeams ? sql`, ${projectTeamColumns}` : sql``}
      from projects p where p.id in (select tw_i.project_id from tw_i))
    select i.id as item_id, i.key as item_key, i.governing_item_id as governing_id, gi.key as governing_key, ${entriesColumn}, tw_p.*
    from tw_i i join tw_p on tw_p.project_id = i.project_id left join work_items gi on gi.id = i.governing_item_id`.execute(
    db,
  );
  // Items of one project share one ProjectFacts object, and items under one setting one governing object: the
  // engine memoises a subject's standing per ProjectFacts, and a batch's facts stay small in memory.
  const projects = new Map<number, ProjectFacts>();
  const settings = new Map<number, SecuritySetting>();
  const projectOf = (row: ItemRow) =>
    projects.get(row.project_id) ?? projects.set(row.project_id, projectFromRow(row)).get(row.project_id)!;
  const governingOf = (row: ItemRow) => {
    if (row.governing_id === null) return null;
    return (
      settings.get(row.governing_id) ??
      settings
        .set(
          row.governing_id,
          new SecuritySetting(
            row.governing_id,
            row.governing_key ?? '',
            (row.entries ?? []).map((e) => ({
              kind: e.kind,
              subjectId: e.subject_id,
              subjectName: e.subject_name ?? '',
              view: e.view,
              edit: e.edit,
            })),
          ),
        )
        .get(row.governing_id)!
    );
  };
  return new Map(
    rows.map((row) => [
      row.item_id,
      {
        itemId: row.item_id,
        itemKey: row.item_key,
        projectId: row.project_id,
        project: projectOf(row),
        ...(withTeams ? { teams: projectTeamsFromRow(row as ItemRow & ProjectTeamRow) } : {}),
        item: { itemId: row.item_id, itemKey: row.item_key, governing: governingOf(row) },
      },
    ]),
  );
}

/** One work item by key with all its facts. */
export async function loadItem(
  db: Database,
  itemKey: string,
  options: LoadOptions = {},
): Promise<ItemFacts | undefined> {
  return [...(await loadItems(db, sql`i.key = ${itemKey}`, options)).values()][0];
}
