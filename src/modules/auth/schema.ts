import { z } from 'zod';
import { idParam, name } from '../../lib/schemas.js';
import { email, login, password } from '../users/schema.js';

// PostgreSQL text cannot hold NUL: refused here, the answer names the field (API-5).
export const signInBody = z.strictObject({
  login: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\0]*$/, 'must not contain NUL'),
  password: z.string().min(1).max(1000),
});
/** The signed-in user. */
export const userSelf = z.object({
  id: z.number(),
  login: z.string(),
  displayName: z.string(),
  email: z.string(),
  systemAdmin: z.boolean(),
});
export const signedIn = z.object({ user: userSelf, csrfToken: z.string() });
/** The signed-in user, the CSRF token of a cookie session (null for a token) and the app areas open to them (APP-2). */
export const me = z.object({ user: userSelf, csrfToken: z.string().nullable(), areas: z.array(z.string()) });
export const token = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
});
export const tokenList = z.object({ items: z.array(token) });
export const tokenCreate = z.strictObject({ name });
/** A new token: the secret itself is shown only in this answer (ID-3). */
export const tokenCreated = token.extend({ token: z.string() });
export const tokenParams = z.strictObject({ id: idParam });

/** Whether the installation still needs its first administrator (no user exists yet). */
export const setupStatus = z.object({ needed: z.boolean() });
/** The first administrator, created on the first start without the CLI. */
export const setupBody = z.strictObject({ login, displayName: name, email, password });
/** A change of the caller's own password; the current one proves it is them. */
export const passwordChange = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: password,
});
/** How many of the caller's other sessions a change ended. */
export const sessionsEnded = z.object({ endedSessions: z.number() });

export type SignInBody = z.infer<typeof signInBody>;
export type UserSelf = z.infer<typeof userSelf>;
export type SignedIn = z.infer<typeof signedIn>;
export type Me = z.infer<typeof me>;
export type TokenOut = z.infer<typeof token>;
export type TokenList = z.infer<typeof tokenList>;
export type TokenCreate = z.infer<typeof tokenCreate>;
export type TokenCreated = z.infer<typeof tokenCreated>;
export type SetupStatus = z.infer<typeof setupStatus>;
export type SetupBody = z.infer<typeof setupBody>;
export type PasswordChange = z.infer<typeof passwordChange>;
export type SessionsEnded = z.infer<typeof sessionsEnded>;
