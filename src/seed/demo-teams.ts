import type { Database } from '../db/index.js';
import { insertDefaultRoles } from '../modules/teams/repo.js';
import { PROJECTS, TEAMS } from './demo-world.js';

export interface TeamIds {
  id: number;
  priceLists: Array<{ id: number; from: string; to: string | null; rate: string }>;
}

const dayOffset = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Teams with their default roles, members and price lists (TEAM-1, TEAM-3, PRICE-1). */
export async function insertTeams(
  trx: Database,
  ids: { userIds: Map<string, number>; projectIds: Map<string, number>; today: string },
): Promise<Map<string, TeamIds>> {
  const out = new Map<string, TeamIds>();
  for (const team of TEAMS) {
    const lead = ids.userIds.get(team.lead)!;
    const row = await trx
      .insertInto('teams')
      .values({
        name: team.name,
        description: team.description,
        project_id: team.project ? ids.projectIds.get(team.project)! : null,
        created_by: lead,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const project of team.assignedTo)
      await trx
        .insertInto('team_projects')
        .values({ team_id: row.id, project_id: ids.projectIds.get(project)!, assigned_by: lead })
        .execute();
    const roles = await insertDefaultRoles(trx, row.id);
    for (const login of [team.lead, ...team.members]) {
      const membership = await trx
        .insertInto('team_memberships')
        .values({
          team_id: row.id,
          user_id: ids.userIds.get(login)!,
          joined_at: `${dayOffset(ids.today, -365)}T09:00:00Z`,
          joined_by: lead,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const kind = login === team.lead ? 'lead' : 'member';
      await trx
        .insertInto('team_membership_roles')
        .values({ membership_id: membership.id, role_id: roles[kind] })
        .execute();
    }
    const priceLists = [];
    for (const pl of team.priceLists) {
      const from = dayOffset(ids.today, pl.fromDay);
      const to = pl.toDay === null ? null : dayOffset(ids.today, pl.toDay);
      const created = await trx
        .insertInto('price_lists')
        .values({
          team_id: row.id,
          name: pl.name,
          currency: 'EUR',
          hourly_rate: pl.rate,
          valid_from: from,
          valid_to: to,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      priceLists.push({ id: created.id, from, to, rate: pl.rate });
    }
    out.set(team.name, { id: row.id, priceLists });
  }
  for (const project of PROJECTS.filter((p) => p.teamChecks)) {
    await trx
      .updateTable('projects')
      .set({ team_checks: project.teamChecks! })
      .where('id', '=', ids.projectIds.get(project.key)!)
      .execute();
  }
  return out;
}
