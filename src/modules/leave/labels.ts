import type { Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { ABSENT } from './present.js';
import { findTypeNames } from './repo.js';

/**
 * How days of approved leave read to the caller on another module's screen (the timesheet grid, planning): the
 * request's type for those `leave.view` allows — the owner, the approvers it is routed to, app_admin — and "absent"
 * for everyone else (FLOW-4). One set-based decision for all the requests.
 */
export async function leaveLabels(
  { db, authz }: Pick<Deps, 'db' | 'authz'>,
  actor: Actor,
  requestIds: readonly number[],
): Promise<Map<number, string>> {
  const ids = [...new Set(requestIds)];
  if (ids.length === 0) return new Map();
  const [decided, names] = await Promise.all([authz.authorizeMany(actor, 'leave.view', ids), findTypeNames(db, ids)]);
  return new Map(ids.map((id) => [id, decided.get(id)?.allowed ? (names.get(id) ?? ABSENT) : ABSENT]));
}
