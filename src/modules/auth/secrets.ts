import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The cost of every password hash (ID-3): argon2id with 19 MiB, 2 passes, 1 lane (OWASP's baseline). The one cost in
 * the product; a test asserts it. Test fixtures hash with a cheaper one of their own (test/helpers/harness.ts).
 */
export const PASSWORD_HASH_COST = Object.freeze({ memoryCost: 19456, timeCost: 2, parallelism: 1 });

/** Passwords: argon2id, a memory-hard hash (ID-3). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_COST);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // A user without a password still costs one hash, so timing does not tell which logins exist.
  if (!stored) {
    await hashPassword(password);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Session ids and API tokens are random; only their SHA-256 is stored, so a database dump grants nothing. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const TOKEN_PREFIX = 'tw_';
export const SESSION_PREFIX = 'tws_';
