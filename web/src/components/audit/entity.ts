import type { AuditRow } from '../../../../src/contracts.js';
import { href } from '../../router.js';

/** What an audit row is about, as a reader names it, and the screen that shows it, where there is one. */
export interface EntityRef {
  text: string;
  href?: string;
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The first of these fields the recorded state has as text: how the entity named itself. */
function recordedName(row: AuditRow): string | undefined {
  for (const state of [record(row.after), record(row.before)]) {
    for (const key of ['name', 'display_name', 'displayName', 'login', 'title', 'key', 'permission', 'role']) {
      const value = state[key];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  return undefined;
}

/** The team a team-side row belongs to: the team itself, or the team its role, membership or price list names. */
function teamIdOf(row: AuditRow): number | undefined {
  if (row.entityType === 'team') return Number(row.entityId) || undefined;
  for (const state of [record(row.after), record(row.before)]) {
    const id = state.team_id ?? state.teamId;
    if (typeof id === 'number') return id;
  }
  return undefined;
}

const ADMIN_SCREENS = {
  user: 'users',
  group: 'groups',
  deny_grant: 'denies',
  app_role_grant: 'roles',
  app_settings: 'settings',
} as const;

/**
 * The entity of a row: its type's label, its id and its name; linked to its item, project, team or Administration
 * tab. Items and projects come from the server only when the reader may see them (EXPL-4); a team link only when the
 * reader has the Teams area.
 */
export function entityOf(row: AuditRow, typeLabel: string, teamsArea: boolean): EntityRef {
  const name = row.item ? `${row.item.key} ${row.item.title}` : recordedName(row);
  const text = `${typeLabel} #${row.entityId}${name ? ` · ${name}` : ''}`;
  if (row.item && !row.item.inTrash) return { text, href: href.item(row.item.key) };
  if (row.item && row.project) return { text: `${text} (in the trash)`, href: href.project(row.project.key, 'trash') };
  if (row.entityType === 'project' && row.project)
    return { text: `${typeLabel} ${row.project.key} · ${row.project.name}`, href: href.project(row.project.key) };
  if (row.entityType.startsWith('project_') && row.project)
    return { text: `${text} in ${row.project.key}`, href: href.project(row.project.key, 'permissions') };
  const team = teamIdOf(row);
  if (team !== undefined && teamsArea) return { text, href: href.team(team) };
  const tab = ADMIN_SCREENS[row.entityType as keyof typeof ADMIN_SCREENS];
  return tab ? { text, href: href.admin(tab) } : { text };
}
