import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import { SESSION_COOKIE } from './authenticate.js';
import { me, signedIn, signInBody, tokenCreate, tokenCreated, tokenList, tokenParams } from './schema.js';
import { createAuthService } from './service.js';

const tags = ['identity'];

export function authRoutes(app: App, deps: Deps) {
  const service = createAuthService(deps.db);
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
        tags,
        summary: 'Sign in with login and password (sets an HTTP-only session cookie)',
        body: signInBody,
        response: { 200: signedIn, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (req, reply) => {
      const session = await service.signIn(req.body.login, req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, session.sessionId, { ...cookieOptions(req), maxAge: session.maxAgeSeconds });
      return session.answer;
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: 'self.read' },
      schema: { tags, summary: 'Sign out', response: { 204: z.null(), ...errorResponses } },
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
        tags,
        summary: 'The signed-in user, the CSRF token of the session and the app areas open to them',
        response: { 200: me, ...errorResponses },
      },
    },
    async (req) => service.me(actorOf(req), req.cookies[SESSION_COOKIE]),
  );

  app.get(
    '/api/me/tokens',
    {
      config: { access: 'self.tokens' },
      schema: { tags, summary: 'My personal API tokens', response: { 200: tokenList, ...errorResponses } },
    },
    async (req) => service.listTokens(actorOf(req)),
  );

  app.post(
    '/api/me/tokens',
    {
      config: { access: 'self.tokens' },
      schema: {
        tags,
        summary: 'Create a personal API token; the token is shown only in this response',
        body: tokenCreate,
        response: { 201: tokenCreated, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createToken(actorOf(req), req.body.name)),
  );

  app.delete(
    '/api/me/tokens/:id',
    {
      config: { access: 'self.tokens' },
      schema: {
        tags,
        summary: 'Revoke a personal API token',
        params: tokenParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.revokeToken(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
