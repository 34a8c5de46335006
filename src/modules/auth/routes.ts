import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { openAreas } from '../../authz/areas.js';
import { actorOf } from '../../http/access.js';
import { errorResponses, name, idParam } from '../../lib/schemas.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { createAuthenticator, SESSION_COOKIE } from './authenticate.js';
import { createAuthService } from './service.js';

const userSelf = z.object({
  id: z.number(),
  login: z.string(),
  displayName: z.string(),
  email: z.string(),
  systemAdmin: z.boolean(),
});
const token = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
});

export function authRoutes(app: App, deps: Deps) {
  const service = createAuthService(deps.db);
  const authenticator = createAuthenticator(deps.db);
  /** ID-5: Secure whenever the request came over HTTPS — directly, or as X-Forwarded-Proto says when TRUST_PROXY is set. */
  const cookieOptions = (req: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.secureCookies || req.protocol === 'https',
  });

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Sign in with login and password (sets an HTTP-only session cookie)',
        // PostgreSQL text cannot hold NUL: refused here, the answer names the field (API-5).
        body: z.strictObject({
          login: z
            .string()
            .min(1)
            .max(200)
            .regex(/^[^\0]*$/, 'must not contain NUL'),
          password: z.string().min(1).max(1000),
        }),
        response: {
          200: z.object({ user: userSelf, csrfToken: z.string() }),
          ...errorResponses,
          429: errorResponses[400],
        },
      },
    },
    async (req, reply) => {
      const session = await service.signIn(req.body.login, req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, session.sessionId, { ...cookieOptions(req), maxAge: session.maxAgeSeconds });
      const found = await authenticator.bySession(session.sessionId);
      return { user: selfOf(found!.actor), csrfToken: session.csrfToken };
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: 'self.read' },
      schema: { tags: ['identity'], summary: 'Sign out', response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) await service.signOut(cookie);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['identity'],
        summary: 'The signed-in user, the CSRF token of the session and the app areas open to them',
        response: {
          200: z.object({ user: userSelf, csrfToken: z.string().nullable(), areas: z.array(z.string()) }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const cookie = req.cookies[SESSION_COOKIE];
      const csrfToken =
        actor.auth === 'session' && cookie ? ((await authenticator.bySession(cookie))?.csrfToken ?? null) : null;
      return { user: selfOf(actor), csrfToken, areas: openAreas(actor.subject) };
    },
  );

  app.get(
    '/api/me/tokens',
    {
      config: { access: 'self.tokens' },
      schema: {
        tags: ['identity'],
        summary: 'My personal API tokens',
        response: { 200: z.object({ items: z.array(token) }), ...errorResponses },
      },
    },
    async (req) => ({ items: (await service.listTokens(actorOf(req))).map(tokenOut) }),
  );

  app.post(
    '/api/me/tokens',
    {
      config: { access: 'self.tokens' },
      schema: {
        tags: ['identity'],
        summary: 'Create a personal API token; the token is shown only in this response',
        body: z.strictObject({ name }),
        response: { 201: token.extend({ token: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const created = await service.createToken(actorOf(req), req.body.name);
      return reply.code(201).send({ ...tokenOut({ ...created, last_used_at: null }), token: created.token });
    },
  );

  app.delete(
    '/api/me/tokens/:id',
    {
      config: { access: 'self.tokens' },
      schema: {
        tags: ['identity'],
        summary: 'Revoke a personal API token',
        params: z.strictObject({ id: idParam }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.revokeToken(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}

function selfOf(actor: { userId: number; login: string; displayName: string; email: string; systemAdmin: boolean }) {
  return {
    id: actor.userId,
    login: actor.login,
    displayName: actor.displayName,
    email: actor.email,
    systemAdmin: actor.systemAdmin,
  };
}

function tokenOut(row: { id: number; name: string; prefix: string; created_at: Date; last_used_at: Date | null }) {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}
