import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import type { LeaveState } from '../../db/types.js';
import type { LeaveFact } from '../facts.js';
import { holdsAppRole } from '../sql.js';

interface LeaveRow {
  id: number;
  owner_id: number;
  owner_name: string;
  state: LeaveState;
  routed: number[] | null;
}

/**
 * Leave requests' facts (FLOW-4) in one query: owner, state, and the routed teams — the owner's current teams in which
 * another current member is an active `vacation_approver` (docs/decisions.md, "Leave").
 */
export async function loadLeaves(db: Database, ids: readonly number[]): Promise<Map<number, LeaveFact>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<LeaveRow>`select l.id, l.user_id as owner_id, u.display_name as owner_name, l.state,
      array(select distinct om.team_id from team_memberships om
        join team_memberships am on am.team_id = om.team_id and am.left_at is null and am.user_id <> l.user_id
        join users au on au.id = am.user_id and au.active
        where om.user_id = l.user_id and om.left_at is null and ${holdsAppRole(sql<number>`am.user_id`, ['vacation_approver'])}
        order by om.team_id) as routed
    from leave_requests l join users u on u.id = l.user_id
    where l.id in (${sql.join([...ids])})`.execute(db);
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, ownerId: r.owner_id, ownerName: r.owner_name, state: r.state, routedTeamIds: r.routed ?? [] },
    ]),
  );
}
