import type { PlanRow } from './repo.js';
import type { PlanOut } from './schema.js';

const hoursOf = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

/**
 * A plan as the reader sees it. On a work item the reader may not view it is "busy" (ITEM-9): owner, dates and hours
 * only — no title, item, project, client or billable flag. The client is present only for client readers (APP-4).
 */
export function planOut(row: PlanRow, view: { seesClients: boolean; canEdit: boolean }): PlanOut {
  const user = row.user_id === null ? null : { id: row.user_id, displayName: row.user_name ?? '' };
  const team = row.team_id === null ? null : { id: row.team_id, name: row.team_name ?? '' };
  const hoursPerDay = hoursOf(row.seconds_per_day);
  if (!row.viewable)
    return {
      id: row.id,
      kind: row.kind,
      user,
      team,
      busy: true,
      startDate: row.start_date,
      endDate: row.end_date,
      hoursPerDay,
      tentative: row.tentative,
      version: row.version,
      canEdit: false,
    };
  const out: PlanOut = {
    id: row.id,
    kind: row.kind,
    user,
    team,
    busy: false,
    title: row.title,
    item: row.item_id === null ? null : { id: row.item_id, key: row.item_key ?? '', title: row.item_title ?? '' },
    project: row.project_id === null ? null : { id: row.project_id, key: row.project_key ?? '' },
    startDate: row.start_date,
    endDate: row.end_date,
    hoursPerDay,
    tentative: row.tentative,
    billable: row.billable,
    version: row.version,
    canEdit: view.canEdit,
  };
  if (view.seesClients) out.client = row.client_id === null ? null : { id: row.client_id, name: row.client_name ?? '' };
  return out;
}

/** What the audit log keeps of a plan: ids and values, no names. */
export const planAudit = (row: PlanRow) => ({
  kind: row.kind,
  userId: row.user_id,
  teamId: row.team_id,
  itemId: row.item_id,
  title: row.title,
  startDate: row.start_date,
  endDate: row.end_date,
  hoursPerDay: hoursOf(row.seconds_per_day),
  tentative: row.tentative,
  billable: row.billable,
  clientId: row.client_id,
});
