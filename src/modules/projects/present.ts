import { abilities, type Actor } from '../../authz/engine.js';
import type { ProjectFacts } from '../../authz/facts.js';
import type { ProjectRow } from './repo.js';
import type { ProjectOut } from './schema.js';

/** A project as the API answers it, with the caller's abilities decided from the project's facts already loaded. */
export function presentProject(row: ProjectRow, actor: Actor, facts: ProjectFacts | undefined): ProjectOut {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    client: row.client_id === null ? null : { id: row.client_id, name: row.client_name ?? '' },
    settings: { teamChecks: row.team_checks, periodLength: row.period_length },
    archivedAt: row.archived_at,
    version: row.version,
    abilities: projectAbilities(actor, facts),
  };
}

function projectAbilities(actor: Actor, facts: ProjectFacts | undefined): ProjectOut['abilities'] {
  const can = abilities(
    actor.subject,
    { project: facts },
    {
      canAdminister: { action: 'project.edit' },
      canCreateItems: { action: 'item.create' },
      canManagePermissions: { action: 'project.permissions' },
      canViewTeams: { action: 'project.teamList' },
      canListClients: { action: 'client.list' },
    },
  );
  const { canListClients, ...rest } = can;
  return { ...rest, canChooseClient: can.canAdminister && canListClients };
}

/** What the caller may do beside a list of projects: create one, and read the clients a new one may name. */
export function listAbilities(actor: Actor): { canCreate: boolean; canListClients: boolean } {
  return abilities(
    actor.subject,
    {},
    { canCreate: { action: 'project.create' }, canListClients: { action: 'client.list' } },
  );
}
