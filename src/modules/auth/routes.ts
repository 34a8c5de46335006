import type { FastifyRequest } from 'fastify';
import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import { SESSION_COOKIE } from './authenticate.js';
import { me, signedIn, signInBody, tokenCreate, tokenCreated, tokenList, tokenParams } from './schema.js';
import { createAuthService } from './service.js';

export function authRoutes(app: App, deps: Deps) {
  const service = createAuthService(deps.db);
  const route = routeTable(app, { tags: ['identity'] });
  /** ID-5: Secure whenever the request came over HTTPS — directly, or as X-Forwarded-Proto says when TRUST_PROXY is set. */
  const cookieOptions = (req: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.secureCookies || req.protocol === 'https',
  });

  route({
    method: 'POST',
    url: '/api/session',
    access: 'public',
    summary: 'Sign in with login and password (sets an HTTP-only session cookie)',
    body: signInBody,
    response: signedIn,
    otherResponses: { 429: errorResponses[400] },
    handler: async ({ body, req, reply }) => {
      const session = await service.signIn(body.login, body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, session.sessionId, { ...cookieOptions(req), maxAge: session.maxAgeSeconds });
      return session.answer;
    },
  });

  route({
    method: 'DELETE',
    url: '/api/session',
    access: 'self.read',
    summary: 'Sign out',
    response: null,
    handler: async ({ req, reply }) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) await service.signOut(cookie);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    },
  });

  route({
    method: 'GET',
    url: '/api/me',
    access: 'self.read',
    summary: 'The signed-in user, the CSRF token of the session and the app areas open to them',
    response: me,
    handler: ({ actor, req }) => service.me(actor, req.cookies[SESSION_COOKIE]),
  });

  route({
    method: 'GET',
    url: '/api/me/tokens',
    access: 'self.tokens',
    summary: 'My personal API tokens',
    response: tokenList,
    handler: ({ actor }) => service.listTokens(actor),
  });

  route({
    method: 'POST',
    url: '/api/me/tokens',
    access: 'self.tokens',
    summary: 'Create a personal API token; the token is shown only in this response',
    body: tokenCreate,
    response: tokenCreated,
    status: 201,
    handler: ({ actor, body }) => service.createToken(actor, body.name),
  });

  route({
    method: 'DELETE',
    url: '/api/me/tokens/:id',
    access: 'self.tokens',
    summary: 'Revoke a personal API token',
    params: tokenParams,
    response: null,
    handler: ({ actor, params }) => service.revokeToken(actor, params.id),
  });
}
