import type { Actor } from '../../authz/engine.js';
import type { TokenOut, UserSelf } from './schema.js';

export function selfOut(actor: Pick<Actor, 'userId' | 'login' | 'displayName' | 'email' | 'systemAdmin'>): UserSelf {
  return {
    id: actor.userId,
    login: actor.login,
    displayName: actor.displayName,
    email: actor.email,
    systemAdmin: actor.systemAdmin,
  };
}

export function tokenOut(row: {
  id: number;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
}): TokenOut {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}
