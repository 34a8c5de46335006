import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, notFound, unprocessable } from '../../lib/errors.js';
import { audit } from '../audit/repo.js';
import { digest, hashPassword, newSecret } from '../auth/secrets.js';
import * as links from './repo-links.js';
import * as repo from './repo.js';
import type { PasswordLinkOut } from './schema.js';

/** How long a set-password link works. */
export const PASSWORD_LINK_DAYS = 7;
const LINK_PREFIX = 'twl_';

/**
 * Issues a one-time set-password link for the user in the caller's transaction: older live links stop working; only
 * the token's digest is stored, so the answer is the one place the token ever appears.
 */
export async function issueLink(trx: Database, actor: Actor, userId: number): Promise<PasswordLinkOut> {
  const token = newSecret(LINK_PREFIX);
  await links.revokeLinksOf(trx, userId);
  const row = await links.insertLink(trx, { userId, digest: digest(token), days: PASSWORD_LINK_DAYS });
  await audit(trx, actor, 'user.passwordLink.create', userId, {
    after: { linkId: row.id, expiresAt: row.expires_at },
  });
  return { token, expiresAt: row.expires_at };
}

/** Set-password links (ID-1): issued by administrators, used once by the user they are for, signed out. */
export function createPasswordLinkService({ db }: Deps, checkGrantBoundary: (actor: Actor, touches: boolean) => void) {
  async function create(actor: Actor, userId: number) {
    return db.transaction().execute(async (trx) => {
      const user = await repo.lockUser(trx, userId);
      if (!user) throw notFound('user');
      // A link sets a password: for a system administrator, only another system administrator issues one.
      checkGrantBoundary(actor, user.system_admin);
      if (!user.active)
        throw unprocessable('user_inactive', `${user.login} is deactivated; reactivate them before sending a link`);
      return issueLink(trx, actor, userId);
    });
  }

  /**
   * Sets the password of the link's user and uses the link up, in one transaction; the user's sessions end, as after
   * any reset. A link that is unknown or was replaced is a 404; one used or expired is a 410 saying which.
   */
  async function use(token: string, password: string) {
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      const link = await links.lockLink(trx, digest(token));
      if (!link || link.revoked_at || !link.active) throw notFound('password link');
      if (link.used_at)
        throw new AppError(410, 'password_link_used', 'this link was used already; ask an administrator for a new one');
      if (link.expired)
        throw new AppError(410, 'password_link_expired', 'this link has expired; ask an administrator for a new one');
      await links.setPasswordHash(trx, link.user_id, passwordHash);
      await links.markLinkUsed(trx, link.id);
      await repo.endSessionsOf(trx, link.user_id);
      await audit(trx, { userId: link.user_id }, 'user.passwordLink.use', link.user_id, {
        after: { linkId: link.id, passwordChanged: true },
      });
    });
  }

  return { create, use };
}
