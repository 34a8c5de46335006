import { describeVia, grantsFor, type Decision, type reachingGrants } from '../../authz/decide.js';
import { PROJECT_PERMISSIONS } from '../../db/types.js';
import type { AccessAnswer, Explanation } from './schema.js';

type UserRow = { id: number; login: string; display_name: string };

export const personOut = (u: UserRow) => ({ id: u.id, login: u.login, displayName: u.display_name });

export function explanationOut(
  user: UserRow,
  about: Pick<Explanation, 'action' | 'resource' | 'date'>,
  decision: Decision,
): Explanation {
  return {
    user: personOut(user),
    ...about,
    allowed: decision.allowed,
    hidden: decision.hidden,
    deciding: decision.deciding,
    layers: [...decision.reasons],
  };
}

/** A who-has-access answer: the decision and the rule that decided it. */
export const answerOut = (d: Decision): AccessAnswer => ({
  allowed: d.allowed,
  why: d.deciding.message,
  layer: d.deciding.layer,
});

/** Each project permission, whether the grants reaching the user give it, and how each reaches them (EXPL-2). */
export function permissionsOut(reaching: ReturnType<typeof reachingGrants>) {
  return PROJECT_PERMISSIONS.map((permission) => {
    const grants = grantsFor(reaching, permission);
    return { permission, allowed: grants.length > 0, why: grants.map((g) => `${g.permission}: ${describeVia(g.via)}`) };
  });
}
